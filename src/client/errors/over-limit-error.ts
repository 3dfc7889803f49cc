// 413: a quota is used up, or the body is too large (Trove's overLimit).
import { TroveApiError } from './api-error.js';

export class OverLimitError extends TroveApiError {
  override name = 'OverLimitError';
}
