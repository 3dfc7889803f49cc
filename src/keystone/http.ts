// Every request to Keystone: bounded in time and in body size, and never
// sent on to another origin by a redirect (the body carries a password).
import { KeystoneError } from './errors.js';

export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpBounds {
  fetch: FetchFunction;
  /** The whole exchange, redirects and body included. */
  timeoutMs: number;
  /** A larger response body is refused (a catalog is a few kilobytes). */
  maxBodyBytes: number;
  signal?: AbortSignal | undefined;
}

export interface KeystoneResponse {
  status: number;
  headers: Headers;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  text: string;
}

const MAX_REDIRECTS = 3;

export async function keystoneRequest(
  bounds: HttpBounds,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<KeystoneResponse> {
  const timeout = AbortSignal.timeout(bounds.timeoutMs);
  const signal = bounds.signal ? AbortSignal.any([timeout, bounds.signal]) : timeout;
  const what = `${init.method} ${url}`;
  try {
    let target = url;
    for (let hops = 0; ; hops++) {
      const response = await fetchOnce(bounds, target, {
        method: init.method,
        headers: { Accept: 'application/json', ...init.headers },
        body: init.body ?? null,
        redirect: 'manual',
        signal,
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        const next = new URL(location, target);
        if (next.origin !== new URL(target).origin) {
          throw new KeystoneError(`${what}: Keystone redirected to another origin (${next.origin}); the credentials are not sent there`);
        }
        if (hops >= MAX_REDIRECTS) throw new KeystoneError(`${what}: more than ${MAX_REDIRECTS} redirects`);
        // Only 307 and 308 keep the method and body; a login is a POST, so others are refused.
        if (response.status !== 307 && response.status !== 308 && init.method !== 'GET') {
          throw new KeystoneError(`${what}: Keystone answered ${response.status} to ${next.href}; give that URL as the auth URL`);
        }
        target = next.href;
        continue;
      }
      const text = await boundedText(response, bounds.maxBodyBytes, what);
      return { status: response.status, headers: response.headers, json: parseJson(text), text };
    }
  } catch (error) {
    if (error instanceof KeystoneError) throw error;
    if (timeout.aborted) throw new KeystoneError(`${what}: no complete answer within ${bounds.timeoutMs} ms`, undefined, { cause: error });
    if (bounds.signal?.aborted) throw bounds.signal.reason ?? error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause ? ` (${cause.code ?? cause.message})` : '';
    throw new KeystoneError(`${what}: ${(error as Error).message}${detail}`, undefined, { cause: error });
  }
}

// A kept-alive connection the server has just closed fails the request before
// it is sent; Keystone's requests are safe to send once more (a login at worst
// issues a token that is never used).
async function fetchOnce(bounds: HttpBounds, url: string, init: RequestInit): Promise<Response> {
  try {
    return await bounds.fetch(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    return bounds.fetch(url, init);
  }
}

async function boundedText(response: Response, maxBytes: number, what: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new KeystoneError(`${what}: the answer is ${declared} bytes, more than the limit of ${maxBytes}`, response.status);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new KeystoneError(`${what}: the answer is more than the limit of ${maxBytes} bytes`, response.status);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Keystone's error message, from its `{"error": {"message": ...}}` body. */
export function keystoneMessage(response: KeystoneResponse): string {
  const error = (response.json as { error?: { message?: unknown } } | undefined)?.error;
  if (typeof error?.message === 'string') return error.message;
  return response.text.slice(0, 200) || `HTTP ${response.status}`;
}
