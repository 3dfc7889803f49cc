// Polls until a condition holds, time runs out, or the run stops. The
// interval grows from 50 ms to 1 s: quick against a fast server, and gentle
// with a real one (Trove rate-limits to 200 requests a minute per method by
// default). A probe throws to end the wait at once (an answer that can never
// satisfy it).
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called before each probe after the first, with the time waited so far (progress output). */
  onWait?: (elapsedMs: number) => void;
}

export async function pollUntil<T>(probe: () => Promise<T | undefined>, options: WaitOptions): Promise<T | undefined> {
  const started = Date.now();
  const until = started + options.timeoutMs;
  let interval = 50;
  for (;;) {
    if (options.signal?.aborted) return undefined;
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() + interval > until) return undefined;
    try {
      await sleep(interval, undefined, options.signal ? { signal: options.signal } : {});
    } catch {
      return undefined;
    }
    interval = Math.min(1000, Math.round(interval * 1.5));
    options.onWait?.(Date.now() - started);
  }
}

/**
 * What the run learned from a wait that timed out: a server that completed
 * or deleted nothing in time will not do better on the next backup, so
 * later waits of the same kind end at once, naming the first.
 */
export class WaitMemory {
  readonly #timedOut = new Map<string, string>();

  /** Why a wait of this kind is not worth starting, if it is not. */
  hopeless(kind: string): string | undefined {
    return this.#timedOut.get(kind);
  }

  timedOut(kind: string, what: string): void {
    if (!this.#timedOut.has(kind)) this.#timedOut.set(kind, what);
  }
}
