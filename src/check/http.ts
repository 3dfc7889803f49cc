// The requests the check sends itself (the stateful flow, the fixtures that
// Dredd's transactions need), and the one shape in which every answer is
// judged, whether it came through Dredd or through this client.
import { NoAnswerError } from './errors.js';

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

/** How long one request may take, by default: a server that answers nothing must not hold the check. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** The most of a body the check reads: a server that streams forever must not fill its memory. */
export const MAX_BODY_BYTES = 16 * 2 ** 20;

export interface SendOptions {
  timeoutMs?: number;
  /** Aborts the request when the run stops. */
  signal?: AbortSignal;
}

export function parseJsonBody(response: ResponseData): unknown {
  if (response.text === '') return undefined;
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    return undefined;
  }
}

async function readText(res: Response): Promise<string> {
  if (!res.body) return '';
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (bytes > MAX_BODY_BYTES) throw new Error(`the body is larger than ${MAX_BODY_BYTES} bytes`);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * Sends one request to `root` + `spec.path`. No answer in time (or a stop)
 * rejects with NoAnswerError. A GET whose connection was reset is sent once
 * more: a kept-alive connection the server closed just then is no answer.
 */
export async function send(root: URL, spec: RequestSpec, options: SendOptions = {}): Promise<Exchange> {
  try {
    return await sendOnce(root, spec, options);
  } catch (err) {
    if (
      spec.method !== 'GET' ||
      !(err instanceof NoAnswerError) ||
      err.timedOut ||
      !/ECONNRESET|socket hang up|other side closed/.test(err.message)
    )
      throw err;
    return sendOnce(root, spec, options);
  }
}

async function sendOnce(root: URL, spec: RequestSpec, options: SendOptions): Promise<Exchange> {
  const url = new URL(root.pathname.replace(/\/$/, '') + spec.path, root);
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const res = await fetch(url, { method: spec.method, headers: spec.headers, body: spec.body ?? null, redirect: 'manual', signal });
    const response: ResponseData = { status: res.status, headers: Object.fromEntries(res.headers), text: await readText(res) };
    return { request: spec, response, body: parseJsonBody(response) };
  } catch (err) {
    const timedOut = timeout.aborted;
    const cause = timedOut
      ? `no answer within ${timeoutMs / 1000} s`
      : options.signal?.aborted
        ? String((options.signal.reason as Error | undefined)?.message ?? 'stopped')
        : ((err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message);
    throw new NoAnswerError(`${spec.method} ${url.href} got no answer: ${cause}`, timedOut);
  }
}
