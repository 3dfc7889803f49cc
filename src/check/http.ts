// The requests the check sends itself (the stateful flow, the fixtures that
// Dredd's transactions need), and the one shape in which every answer is
// judged, whether it came through Dredd or through this client.

/** A request, relative to the API root (the path starts with `/`). */
export interface RequestSpec {
  method: string;
  /** Path and query, e.g. `/v1.0/proj/backups?limit=2`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What came back, as the check judges it. */
export interface ResponseData {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The raw body; '' when there is none. */
  text: string;
}

export interface Exchange {
  request: RequestSpec;
  response: ResponseData;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  body: unknown;
}

export const REQUEST_TIMEOUT_MS = 30_000;
/** The largest answer the check reads; a larger one is a failed exchange, not memory without end. */
export const MAX_RESPONSE_BYTES = 16 * 2 ** 20;

async function readText(res: Response, what: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of (res.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      await res.body?.cancel().catch(() => {});
      throw new Error(`${what}: the answer has more than ${MAX_RESPONSE_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonBody(response: ResponseData): unknown {
  if (response.text === '') return undefined;
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    return undefined;
  }
}

/** Sends one request to `root` + `spec.path`. A network failure rejects with the reason. */
export async function send(root: URL, spec: RequestSpec): Promise<Exchange> {
  const url = new URL(root.pathname.replace(/\/$/, '') + spec.path, root);
  let res: Response;
  try {
    res = await fetch(url, {
      method: spec.method,
      headers: spec.headers,
      body: spec.body ?? null,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    throw new Error(`${spec.method} ${url.href} got no answer: ${cause ?? (err as Error).message}`);
  }
  const text = await readText(res, `${spec.method} ${url.href}`);
  const response: ResponseData = { status: res.status, headers: Object.fromEntries(res.headers), text };
  return { request: spec, response, body: parseJsonBody(response) };
}
