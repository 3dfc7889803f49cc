// 403: the token's project or role may not do this.
import { TroveApiError } from './api-error.js';

export class ForbiddenError extends TroveApiError {
  override name = 'ForbiddenError';
}
