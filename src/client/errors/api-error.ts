// The server answered with an error status (4xx or 5xx).
import { TroveClientError } from './base.js';
import { type ErrorBodyFormat, parseErrorBody, type TroveFaultName } from './fault-body.js';

export interface ApiErrorResponse {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
  method: string;
  url: string;
}

export class TroveApiError extends TroveClientError {
  override name = 'TroveApiError';
  /** The HTTP status, such as 404. */
  declare readonly status: number;
  /** Trove's fault name (the envelope key, such as `itemNotFound`); undefined for Keystone, webob and non-JSON bodies. */
  declare readonly fault: TroveFaultName | (string & {}) | undefined;
  /** Keystone's or webob's `title`, such as `Forbidden`. */
  declare readonly title: string | undefined;
  /** The server's own message, as one clean line. */
  declare readonly detail: string;
  /** The body as JSON when it parsed, otherwise the raw text. */
  declare readonly body: unknown;
  /** What kind of body it was. */
  declare readonly format: ErrorBodyFormat;
  declare readonly method: string;
  declare readonly url: string;
  /** Seconds to wait before trying again, from `Retry-After` or the rate limiter's `retryAfter`. */
  declare readonly retryAfter: number | undefined;
  /** The `X-Openstack-Request-Id` header, to find the request in the server's log. */
  declare readonly requestId: string | undefined;
  declare readonly headers: Headers;

  constructor(response: ApiErrorResponse) {
    const parsed = parseErrorBody(response.text, `${response.status} ${response.statusText}`.trim());
    const kind = parsed.fault ?? parsed.title ?? response.statusText;
    super(`${response.status}${kind ? ` ${kind}` : ''}: ${parsed.detail} (${response.method} ${response.url})`);
    this.status = response.status;
    this.fault = parsed.fault;
    this.title = parsed.title;
    this.detail = parsed.detail;
    this.body = parsed.body;
    this.format = parsed.format;
    this.method = response.method;
    this.url = response.url;
    this.headers = response.headers;
    const header = Number(response.headers.get('retry-after') ?? Number.NaN);
    this.retryAfter = Number.isFinite(header) ? header : parsed.retryAfter;
    this.requestId = response.headers.get('x-openstack-request-id') ?? undefined;
  }
}
