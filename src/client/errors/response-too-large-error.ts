// The answer's body was larger than maxResponseBytes: the client stopped
// reading it (a hostile or broken server could send without end).
import { TroveClientError } from './base.js';

export class TroveResponseTooLargeError extends TroveClientError {
  override name = 'TroveResponseTooLargeError';
  declare readonly limitBytes: number;
  declare readonly method: string;
  declare readonly url: string;

  constructor(method: string, url: string, limitBytes: number) {
    super(`${method} ${url}: the answer has more than ${limitBytes} bytes (maxResponseBytes)`);
    this.limitBytes = limitBytes;
    this.method = method;
    this.url = url;
  }
}
