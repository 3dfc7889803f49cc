// A validating proxy for live traffic: Prism, in proxy mode on the bundled
// contract, validates each request and response and lists what breaks the
// contract in an `sl-violations` response header. In front of it, a small
// HTTP server passes each exchange on unchanged, reads that header, and
// collects the violations with the operation, the status, the JSON pointer
// and the value found there, for the live log and the summary.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContractValidator } from '../contract/validator.js';
import { type RunningPrism, startPrism } from '../mock/prism.js';

export interface LiveViolation {
  method: string;
  path: string;
  status: number;
  operation?: string;
  /** Who broke the contract: the client's request or the server's response. */
  side: 'request' | 'response';
  /** `body`, `query`, `path`, `headers`, or '' for the message as a whole. */
  part: string;
  pointer: string;
  keyword: string;
  severity: 'error' | 'warning';
  message: string;
  /** The value at the pointer, for body violations. */
  actual?: unknown;
}

export interface ProxySummary {
  exchanges: number;
  /** Exchanges with at least one error-level violation. */
  failed: number;
  violations: LiveViolation[];
}

export interface RunningProxy {
  url: string;
  upstream: string;
  summary: () => ProxySummary;
  close: () => Promise<void>;
}

export interface ProxyOptions {
  upstream: string;
  host?: string;
  port?: number;
  onExchange?: (exchange: { method: string; path: string; status: number; violations: LiveViolation[] }) => void;
}

interface PrismViolation {
  location?: unknown[];
  severity?: string;
  code?: unknown;
  message?: string;
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const key of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

export function parsePrismViolations(
  header: string | undefined,
  responseBody: unknown,
): Omit<LiveViolation, 'method' | 'path' | 'status' | 'operation'>[] {
  if (!header) return [];
  let list: PrismViolation[];
  try {
    list = JSON.parse(header) as PrismViolation[];
  } catch {
    return [
      {
        side: 'response',
        part: '',
        pointer: '',
        keyword: 'sl-violations',
        severity: 'error',
        message: `unreadable sl-violations header: ${header}`,
      },
    ];
  }
  return list.map((v) => {
    const location = (v.location ?? []).map(String);
    const side = location[0] === 'request' ? 'request' : 'response';
    const part = location[1] ?? '';
    const pointer = location
      .slice(2)
      .map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)
      .join('');
    const violation: Omit<LiveViolation, 'method' | 'path' | 'status' | 'operation'> = {
      side,
      part,
      pointer,
      keyword: String(v.code ?? ''),
      severity: v.severity === 'Error' ? 'error' : 'warning',
      message: v.message ?? '',
    };
    if (side === 'response' && part === 'body') {
      const actual = valueAt(responseBody, pointer);
      if (actual !== undefined) violation.actual = actual;
    }
    return violation;
  });
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startValidatingProxy(options: ProxyOptions): Promise<RunningProxy> {
  let upstream: URL;
  try {
    upstream = new URL(options.upstream);
  } catch {
    throw new Error(`--upstream must be a URL, not "${options.upstream}"`);
  }
  const validator = new ContractValidator();
  const prism: RunningPrism = await startPrism({ mode: 'proxy', upstream: upstream.href });
  const prismUrl = new URL(prism.url);
  const collected: LiveViolation[] = [];
  let exchanges = 0;
  let failed = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const headers = { ...req.headers, host: prismUrl.host };
    const forwarded = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const out = httpRequest({ host: prismUrl.hostname, port: prismUrl.port, method: req.method, path: req.url, headers }, (answer) => {
        readBody(answer).then((b) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: b }), reject);
      });
      out.on('error', reject);
      out.end(body);
    });
    res.writeHead(forwarded.status, forwarded.headers);
    res.end(forwarded.body);

    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    let parsed: unknown;
    try {
      parsed = JSON.parse(forwarded.body.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const operation = validator.match(method, path.split(/[?#]/)[0]!)?.operation.operationId;
    const header = forwarded.headers['sl-violations'];
    const violations = parsePrismViolations(Array.isArray(header) ? header.join(',') : header, parsed).map((v) => ({
      method,
      path,
      status: forwarded.status,
      ...(operation ? { operation } : {}),
      ...v,
    }));
    exchanges += 1;
    if (violations.some((v) => v.severity === 'error')) failed += 1;
    collected.push(...violations);
    options.onExchange?.({ method, path, status: forwarded.status, violations });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`trove-backups proxy: ${(err as Error).message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  }).catch(async (err: unknown) => {
    await prism.close();
    throw err;
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    upstream: upstream.href.replace(/\/$/, ''),
    summary: () => ({ exchanges, failed, violations: [...collected] }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await prism.close();
    },
  };
}
