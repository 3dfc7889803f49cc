// Abort signals: an abortable sleep, and linking a caller's signals to one
// controller without AbortSignal.any (kept cheap: it runs on every request).
import { TroveAbortError } from './errors/abort-error.js';

/** Makes `controller` abort when any of `signals` does; returns the function that unlinks them. */
export function link(controller: AbortController, signals: readonly AbortSignal[], abortError: (reason: unknown) => unknown): () => void {
  const listeners: Array<[AbortSignal, () => void]> = [];
  for (const signal of signals) {
    const listener = (): void => controller.abort(abortError(signal.reason));
    if (signal.aborted) {
      listener();
      break;
    }
    signal.addEventListener('abort', listener, { once: true });
    listeners.push([signal, listener]);
  }
  return () => {
    for (const [signal, listener] of listeners) signal.removeEventListener('abort', listener);
  };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const done = (): void => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const aborted = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

/** The error for a caller's abort: the reason itself when it is already one of ours. */
export function abortError(what: string): (reason: unknown) => unknown {
  return (reason) => (reason instanceof TroveAbortError ? reason : new TroveAbortError(`${what} was aborted`, reason));
}
