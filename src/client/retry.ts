// When and how long to wait before sending an idempotent request again:
// capped exponential backoff with jitter, or Retry-After when the server
// gives one.

export interface RetryOptions {
  /** How many times a GET is sent again after a 503 or a connection error (default 2; 0 never). */
  retries?: number;
  /** The first delay, doubled at each retry (default 250 ms). */
  minDelayMs?: number;
  /** The longest delay, also the cap on a Retry-After (default 5000 ms). */
  maxDelayMs?: number;
}

export interface RetryPolicy {
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, minDelayMs: 250, maxDelayMs: 5000 };
export const NO_RETRY: RetryPolicy = { ...DEFAULT_RETRY, retries: 0 };

/** Only requests that change nothing are sent again on their own; POST never is. */
export function isIdempotent(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/** The delay before retry number `attempt` (0 for the first): half of the capped exponential step, plus up to as much again at random. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** attempt);
  return step / 2 + random() * (step / 2);
}

/** A Retry-After header (seconds or an HTTP date) as milliseconds, capped; undefined when absent or unreadable. */
export function retryAfterDelay(header: string | null, policy: RetryPolicy, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(policy.maxDelayMs, Math.max(0, ms));
}
