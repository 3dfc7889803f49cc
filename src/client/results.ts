// Turns what the server answered into the value a method returns, or into
// the error it throws.
import { apiErrorFor } from './errors/api-error-for.js';
import { isObject } from './errors/fault-body.js';
import { TroveInvalidResponseError } from './errors/invalid-response-error.js';
import type { Received } from './transport.js';

/** Throws TroveApiError (NotFoundError and the like for the common statuses) for an error status. */
export function expectOk(received: Received): void {
  if (!received.ok) throw apiErrorFor(received);
}

/** The JSON body, after checking that it has `key` (such as `backup` in `{"backup": {...}}`) of the right kind; the rest is trusted to the contract. */
export function jsonBody<T>(received: Received, key: string, kind: 'object' | 'array'): T {
  expectOk(received);
  let body: unknown;
  try {
    body = JSON.parse(received.text);
  } catch {
    const type = received.headers.get('content-type');
    throw new TroveInvalidResponseError(`the body is not JSON${type ? ` (Content-Type ${type})` : ''}`, received);
  }
  const value = (body as Record<string, unknown> | null)?.[key];
  if (!(kind === 'array' ? Array.isArray(value) : isObject(value)))
    throw new TroveInvalidResponseError(`the body has no "${key}" ${kind}`, received);
  return body as T;
}
