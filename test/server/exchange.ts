// Sends one request to a server of the Backups API and returns what came
// back, parsed; `contractViolations` says how the answer breaks the contract.
import { ContractValidator, formatViolation } from '../../src/contract/validator.js';

export interface Request {
  method?: string;
  path: string;
  /** null: no X-Auth-Token header. Default `proj`. */
  token?: string | null;
  headers?: Record<string, string>;
  /** An object is sent as JSON (with Content-Type: application/json); a string or Buffer as is. */
  body?: unknown;
}

export interface Response {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

const contract = new ContractValidator();

export async function send(base: string, req: Request): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (req.token !== null) headers['X-Auth-Token'] = req.token ?? 'proj';
  let body: BodyInit | null = null;
  if (typeof req.body === 'string') body = req.body;
  else if (Buffer.isBuffer(req.body)) body = new Uint8Array(req.body as ArrayLike<number>);
  else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(new URL(req.path, base), {
    method: req.method ?? 'GET',
    headers: { ...headers, ...req.headers },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** How the answer to `method path` breaks the contract ([] when it does not). */
export function contractViolations(method: string, path: string, res: Response): string[] {
  const pathname = new URL(path, 'http://x').pathname;
  const operation = contract.match(method, pathname)?.operation;
  const contentType = res.headers.get('content-type') ?? '';
  if (!operation) {
    // Unknown routes and methods: Trove's 404 fault.
    const schema = contract.doc.components?.schemas?.ItemNotFoundFault as Record<string, unknown>;
    return res.status === 404 ? contract.validateSchema(schema, res.body).map(formatViolation) : [`status ${res.status} for an unknown route`];
  }
  return contract.validateResponse(operation.operationId, res.status, res.body === null ? undefined : res.body, contentType).map(formatViolation);
}
