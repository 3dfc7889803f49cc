// 401: no token, or one Keystone refuses.
import { TroveApiError } from './api-error.js';

export class UnauthorizedError extends TroveApiError {
  override name = 'UnauthorizedError';
}
