// A validating proxy for live traffic: Prism, in proxy mode on the bundled
// contract, validates each request and response and lists what breaks the
// contract in an `sl-violations` response header. In front of it, a small
// HTTP server passes each exchange on, reads that header, and collects the
// violations with the operation, the status, the JSON pointer and the value
// found there, for the live log and the summary. Every wait and buffer is
// bounded: the upstream's answer (time and size, ./forward.ts), the client's
// body, the violations kept, and the stop.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { ContractValidator } from '../contract/validator.js';
import { readLimited } from '../mock/guard.js';
import { type RunningPrism, startPrism } from '../mock/prism.js';
import { closeServer, listen } from '../net/listen.js';
import { INVALID_JSON_HEADER, safeForwarder } from './forward.js';
import {
  type ExchangeViolation,
  invalidJson,
  isTruncated,
  type LiveViolation,
  type ProxySummary,
  parsePrismViolations,
  responseViolations,
} from './violations.js';

export type { LiveViolation, ProxySummary } from './violations.js';
export { parsePrismViolations } from './violations.js';

export const PROXY_DEFAULTS = {
  upstreamTimeoutMs: 30_000,
  maxBodyBytes: 10 * 2 ** 20,
  keptViolations: 10_000,
  closeGraceMs: 5_000,
} as const;

export interface RunningProxy {
  url: string;
  upstream: string;
  summary: () => ProxySummary;
  /** Stops within the grace period, ending the exchanges still in flight. */
  close: () => Promise<void>;
}

export interface ProxyOptions {
  upstream: string;
  host?: string;
  port?: number;
  /** The limit on each exchange with the upstream (default 30 s): past it the client gets 504. */
  upstreamTimeoutMs?: number;
  /** The largest request or response body passed on (default 10 MiB). */
  maxBodyBytes?: number;
  /** How long close() waits for the exchanges in flight (default 5 s). */
  closeGraceMs?: number;
  onExchange?: (exchange: { method: string; path: string; status: number; violations: LiveViolation[] }) => void;
}

export class ProxyUpstreamError extends Error {
  override name = 'ProxyUpstreamError';
}

interface Forwarded {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function upstreamUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProxyUpstreamError(`the upstream must be a URL, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ProxyUpstreamError(`the upstream must be an http or https URL, not "${value}"`);
  return url;
}

function plain(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain', Connection: 'close' });
  res.end(`trove-backups proxy: ${message}\n`);
}

export async function startValidatingProxy(options: ProxyOptions): Promise<RunningProxy> {
  const upstream = upstreamUrl(options.upstream);
  const timeoutMs = options.upstreamTimeoutMs ?? PROXY_DEFAULTS.upstreamTimeoutMs;
  const maxBodyBytes = options.maxBodyBytes ?? PROXY_DEFAULTS.maxBodyBytes;
  const validator = new ContractValidator();
  const forwarder = safeForwarder({ timeoutMs, maxResponseBytes: maxBodyBytes });
  const prism: RunningPrism = await startPrism({ mode: 'proxy', upstream: upstream.href, components: { forward: forwarder.forward } });
  const prismUrl = new URL(prism.url);
  const collected: LiveViolation[] = [];
  let exchanges = 0;
  let failed = 0;
  let dropped = 0;

  // The hop to Prism: bounded too, a little longer than the upstream's own limit.
  const toPrism = (req: IncomingMessage, body: Buffer): Promise<Forwarded> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: prismUrl.host, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const out = httpRequest(
        {
          host: prismUrl.hostname,
          port: prismUrl.port,
          method: req.method,
          path: req.url,
          headers,
          agent: false,
          timeout: timeoutMs + 5_000,
        },
        (answer) => {
          readLimited(answer, maxBodyBytes + 1024 * 1024).then((b) => {
            if (b === undefined || !answer.complete) reject(new Error('incomplete answer'));
            else resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: b });
          }, reject);
        },
      );
      out.on('timeout', () => out.destroy(new Error('no answer in time')));
      out.on('error', reject);
      out.end(body);
    });

  const record = (method: string, path: string, forwarded: Forwarded) => {
    const text = forwarded.body.toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const operation = validator.match(method, path.split(/[?#]/)[0]!)?.operation.operationId;
    const raw = forwarded.headers['sl-violations'];
    const header = Array.isArray(raw) ? raw.join(',') : raw;
    const contentType = forwarded.headers['content-type'] ?? '';
    let found: ExchangeViolation[];
    if (isTruncated(header) && operation) found = responseViolations(validator, operation, forwarded.status, parsed, contentType);
    else found = parsePrismViolations(header, parsed);
    const reason = forwarded.headers[INVALID_JSON_HEADER];
    const notJson = invalidJson(Array.isArray(reason) ? reason[0] : reason);
    if (notJson) found.push(notJson);
    const violations = found.map((v) => ({ method, path, status: forwarded.status, ...(operation ? { operation } : {}), ...v }));
    exchanges += 1;
    if (violations.some((v) => v.severity === 'error')) failed += 1;
    const room = Math.max(0, PROXY_DEFAULTS.keptViolations - collected.length);
    collected.push(...violations.slice(0, room));
    dropped += Math.max(0, violations.length - room);
    options.onExchange?.({ method, path, status: forwarded.status, violations });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readLimited(req, maxBodyBytes);
    if (body === undefined) return plain(res, 413, `the request body has more than ${maxBodyBytes} bytes`);
    let forwarded: Forwarded;
    try {
      forwarded = await toPrism(req, body);
    } catch (error) {
      return plain(res, 502, `no answer through the validator: ${(error as Error).message}`);
    }
    const { [INVALID_JSON_HEADER]: _mark, ...shown } = forwarded.headers;
    res.writeHead(forwarded.status, shown);
    res.end(forwarded.body);
    record(req.method ?? 'GET', req.url ?? '/', forwarded);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => plain(res, 502, (error as Error).message));
  });
  let url: string;
  try {
    url = (await listen(server, options.host ?? '127.0.0.1', options.port ?? 0, 'the proxy')).url;
  } catch (error) {
    await prism.close();
    throw error;
  }
  const grace = options.closeGraceMs ?? PROXY_DEFAULTS.closeGraceMs;
  let closing: Promise<void> | undefined;
  return {
    url,
    upstream: upstream.href.replace(/\/$/, ''),
    summary: () => ({ exchanges, failed, violations: [...collected], dropped }),
    close: () => {
      closing ??= (async () => {
        forwarder.abortAll();
        let timer: NodeJS.Timeout | undefined;
        const stopped = Promise.all([closeServer(server), prism.close()]).then(() => undefined);
        await Promise.race([
          stopped,
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, grace);
          }),
        ]);
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}
