// No HTTP answer: the connection was refused or reset, the name did not
// resolve, TLS failed... `cause` is the error fetch threw.
import { TroveClientError } from './base.js';

export class TroveNetworkError extends TroveClientError {
  override name = 'TroveNetworkError';
  declare readonly method: string;
  declare readonly url: string;

  constructor(method: string, url: string, cause: unknown) {
    super(`${method} ${url}: ${describe(cause)}`, { cause });
    this.method = method;
    this.url = url;
  }
}

// Node's fetch says only "fetch failed"; the reason is in its cause.
function describe(error: unknown): string {
  const inner = (error as { cause?: unknown } | undefined)?.cause;
  const chosen = inner instanceof Error ? inner : error;
  return chosen instanceof Error ? chosen.message : String(chosen);
}
