// 400: the request breaks the API's rules (Trove's badRequest fault, or webob's 400).
import { TroveApiError } from './api-error.js';

export class BadRequestError extends TroveApiError {
  override name = 'BadRequestError';
}
