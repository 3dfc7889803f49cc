// 422 (Trove's unprocessableEntity) or 409: the instance or backup is busy, or in the wrong state.
import { TroveApiError } from './api-error.js';

export class ConflictError extends TroveApiError {
  override name = 'ConflictError';
}
