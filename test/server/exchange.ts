// Sends one request to a server of the Backups API and returns what came
// back, parsed; `contractViolations` says how the answer breaks the contract.
import { Agent, request as httpRequest } from 'node:http';
import { ContractValidator, formatViolation } from '../../src/contract/validator.js';

export interface Request {
  method?: string;
  path: string;
  /** null: no X-Auth-Token header. Default `proj`. */
  token?: string | null;
  headers?: Record<string, string>;
  /** An object is sent as JSON (with Content-Type: application/json); a string or Buffer as is, without a Content-Type. */
  body?: unknown;
}

export interface Response {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

const contract = new ContractValidator();
const agent = new Agent({ keepAlive: true });

const UNROUTED: Record<number, string> = {
  401: 'KeystoneError',
  403: 'ForbiddenFault',
  404: 'ItemNotFoundFault',
  406: 'NotAcceptableFault',
  413: 'OverLimitFault',
};

/**
 * Sends with node:http rather than fetch, so that a test can send what fetch
 * refuses: a body on GET, a path that is not normalised, no Content-Type.
 */
export function send(base: string, req: Request): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (req.token !== null) headers['X-Auth-Token'] = req.token ?? 'proj';
  let body: Buffer | undefined;
  if (typeof req.body === 'string') body = Buffer.from(req.body);
  else if (Buffer.isBuffer(req.body)) body = req.body;
  else if (req.body !== undefined) {
    body = Buffer.from(JSON.stringify(req.body));
    headers['Content-Type'] = 'application/json';
  }
  Object.assign(headers, req.headers);
  if (body) headers['Content-Length'] = String(body.length);
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { hostname, port, method: req.method ?? 'GET', path: req.path, headers, agent, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text === '' ? null : JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body: parsed, text });
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer to ${req.method ?? 'GET'} ${req.path} in 30 s`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** How the answer to `method path` breaks the contract ([] when it does not). */
export function contractViolations(method: string, path: string, res: Response): string[] {
  // As the server reads it: the raw path, dot segments and all (new URL() would resolve them).
  const pathname = path.split(/[?#]/)[0]!;
  const operation = contract.match(method, pathname)?.operation;
  const contentType = res.headers.get('content-type') ?? '';
  if (!operation) {
    // Unknown routes and methods: Trove's 404 fault, or what its middleware
    // answers before routing (token, project in the URL, body size).
    const schema = UNROUTED[res.status];
    if (!schema) return [`status ${res.status} for an unknown route`];
    return contract.validateSchema(contract.doc.components?.schemas?.[schema] as Record<string, unknown>, res.body).map(formatViolation);
  }
  return contract
    .validateResponse(operation.operationId, res.status, res.body === null ? undefined : res.body, contentType)
    .map(formatViolation);
}
