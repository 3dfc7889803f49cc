// A success status, but a body that is not what the contract promises (not
// JSON, or without its envelope), or a next link without a usable marker.
import { TroveClientError } from './base.js';
import { truncate } from './fault-body.js';

export class TroveInvalidResponseError extends TroveClientError {
  override name = 'TroveInvalidResponseError';
  declare readonly status: number;
  declare readonly method: string;
  declare readonly url: string;
  /** The start of the body, for the log. */
  declare readonly bodySnippet: string;

  constructor(reason: string, response: { status: number; method: string; url: string; text: string }) {
    super(`${response.status} from ${response.method} ${response.url}: ${reason}`);
    this.status = response.status;
    this.method = response.method;
    this.url = response.url;
    this.bodySnippet = truncate(response.text, 200);
  }
}
