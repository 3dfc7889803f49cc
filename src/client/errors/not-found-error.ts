// 404: no such backup, instance or route in the project (Trove's itemNotFound).
import { TroveApiError } from './api-error.js';

export class NotFoundError extends TroveApiError {
  override name = 'NotFoundError';
}
