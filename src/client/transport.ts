// One request as the client sends it: the token, the timeout and the
// caller's signals on each attempt, the body read within the timeout, a new
// token after a 401, and retries of idempotent requests.
import { TroveClientError } from './errors/base.js';
import { isObject } from './errors/fault-body.js';
import { TroveNetworkError } from './errors/network-error.js';
import { TroveResponseTooLargeError } from './errors/response-too-large-error.js';
import { TroveTimeoutError } from './errors/timeout-error.js';
import type { ResolvedOptions } from './options.js';
import { backoffDelay, isIdempotent, retryAfterDelay } from './retry.js';
import { abortError, link, sleep } from './signals.js';

export interface Outgoing {
  url: string;
  method: string;
  headers: Headers;
  body: string | ArrayBuffer | undefined;
  /** The call's own signal, if any. */
  signal: AbortSignal | null | undefined;
  /** The call's own timeout, replacing the client's. */
  timeoutMs: number | undefined;
}

/** A response whose body was read whole: the API's bodies are small JSON documents. */
export interface Received {
  status: number;
  statusText: string;
  ok: boolean;
  headers: Headers;
  text: string;
  method: string;
  url: string;
}

export type Send = (request: Outgoing) => Promise<Received>;

export function createSender(options: ResolvedOptions): Send {
  const { tokens, retry } = options;

  return async function send(request) {
    const retryable = isIdempotent(request.method);
    let refreshed = false;
    for (let attempt = 0; ; ) {
      const token = tokens.current ?? (await tokens.get());
      request.headers.set('X-Auth-Token', token);
      let received: Received;
      try {
        received = await exchange(options, request);
      } catch (error) {
        if (!(error instanceof TroveNetworkError) || !retryable || attempt >= retry.retries) throw error;
        await pause(request, options, backoffDelay(retry, attempt++));
        continue;
      }
      if (received.status === 401 && tokens.refreshable && !refreshed && !isTroveFault(received.text)) {
        // The request was refused before it did anything, so even a POST may be sent again.
        refreshed = true;
        await tokens.refresh(token);
        continue;
      }
      if (received.status === 503 && retryable && attempt < retry.retries) {
        await pause(request, options, retryAfterDelay(received.headers.get('retry-after'), retry) ?? backoffDelay(retry, attempt));
        attempt++;
        continue;
      }
      return received;
    }
  };
}

async function exchange(options: ResolvedOptions, request: Outgoing): Promise<Received> {
  const { method, url } = request;
  const timeoutMs = request.timeoutMs ?? options.timeoutMs;
  // Each signal given to fetch costs Node's fetch several microseconds (a few
  // per cent of a local request): at most one is made, only when needed.
  const own = timeoutMs > 0 || !!(options.signal && request.signal);
  let signal = options.signal ?? request.signal ?? undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unlink: (() => void) | undefined;
  if (own) {
    const c = new AbortController();
    signal = c.signal;
    unlink = link(c, callerSignals(options, request), abortError(`${method} ${url}`));
    if (timeoutMs > 0 && !signal.aborted) {
      timer = setTimeout(
        () => c.abort(new TroveTimeoutError(`${method} ${url}: no complete answer within ${timeoutMs} ms`, timeoutMs)),
        timeoutMs,
      );
    }
  }
  // The reason to report: ours are typed already; a caller's becomes a TroveAbortError.
  const aborted = (s: AbortSignal): unknown => (own ? s.reason : abortError(`${method} ${url}`)(s.reason));
  try {
    if (signal?.aborted) throw aborted(signal);
    // A redirect is never followed: fetch would send X-Auth-Token (and a POST's body) to wherever it points.
    const response = await options.fetch(url, {
      method,
      headers: request.headers,
      body: request.body ?? null,
      signal: signal ?? null,
      redirect: 'manual',
    });
    const text = await readText(response, options.maxResponseBytes, request);
    return { status: response.status, statusText: response.statusText, ok: response.ok, headers: response.headers, text, method, url };
  } catch (error) {
    if (signal?.aborted) throw aborted(signal);
    if (error instanceof TroveClientError) throw error;
    throw new TroveNetworkError(method, url, error);
  } finally {
    clearTimeout(timer);
    unlink?.();
  }
}

/** The body as text, read no further than `max` bytes. */
async function readText(response: Response, max: number, { method, url }: Outgoing): Promise<string> {
  const reader = response.body?.getReader();
  const tooLarge = () => {
    void reader?.cancel().catch(() => {});
    return new TroveResponseTooLargeError(method, url, max);
  };
  if (Number(response.headers.get('content-length')) > max) throw tooLarge();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.length;
    if (size > max) throw tooLarge();
    text += decoder.decode(value, { stream: true });
  }
}

const callerSignals = (options: ResolvedOptions, request: Outgoing): AbortSignal[] =>
  [options.signal, request.signal].filter((s): s is AbortSignal => !!s);

async function pause(request: Outgoing, options: ResolvedOptions, ms: number): Promise<void> {
  const controller = new AbortController();
  const unlink = link(controller, callerSignals(options, request), abortError(`${request.method} ${request.url}`));
  try {
    await sleep(ms, controller.signal);
  } finally {
    unlink();
  }
}

// A 401 in Trove's own envelope ({"unauthorized": ...}) is about the Swift
// account, not the token: a new token would not help.
function isTroveFault(text: string): boolean {
  try {
    const body = JSON.parse(text) as unknown;
    return isObject(body) && 'unauthorized' in body;
  } catch {
    return false;
  }
}
