// The caller's AbortSignal fired. Its name is `AbortError`, like fetch's own,
// and `cause` is the signal's reason.
import { TroveClientError } from './base.js';

export class TroveAbortError extends TroveClientError {
  override name = 'AbortError';

  constructor(message: string, reason: unknown) {
    super(message, { cause: reason });
  }
}
