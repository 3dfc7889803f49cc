// The TroveApiError subclass of a status, so that callers can catch NotFoundError
// and the like as they do with OpenStack's SDKs; other statuses get TroveApiError itself.
import { type ApiErrorResponse, TroveApiError } from './api-error.js';
import { BadRequestError } from './bad-request-error.js';
import { ConflictError } from './conflict-error.js';
import { ForbiddenError } from './forbidden-error.js';
import { NotFoundError } from './not-found-error.js';
import { OverLimitError } from './over-limit-error.js';
import { UnauthorizedError } from './unauthorized-error.js';

const BY_STATUS: Partial<Record<number, typeof TroveApiError>> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: OverLimitError,
  422: ConflictError,
};

export const apiErrorFor = (response: ApiErrorResponse): TroveApiError => new (BY_STATUS[response.status] ?? TroveApiError)(response);
