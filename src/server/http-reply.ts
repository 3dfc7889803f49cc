// What a handler answers, and how it is written: always JSON, as Trove does
// (a 202 without a body still says application/json).
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { TroveFault } from './trove-fault.js';

export interface Reply {
  status: number;
  body?: unknown;
  /** The body already serialized (instead of `body`). */
  json?: string | Buffer;
  headers?: Record<string, string>;
}

export function faultReply(status: number, message: string): Reply {
  const fault = new TroveFault(status, message);
  return { status, body: fault.body };
}

/** webob's flat error body, the only body the contract gives a 415. */
export function webobReply(status: number, title: string, message: string): Reply {
  return { status, body: { message, code: `${status} ${title}`, title } };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const text = reply.json ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  // Each answer names its request, as Trove's request_id middleware does, for the client's errors and logs.
  const headers = [
    'Content-Type',
    'application/json',
    'Content-Length',
    String(Buffer.byteLength(text)),
    'X-Openstack-Request-Id',
    `req-${randomUUID()}`,
  ];
  if (reply.headers) for (const [name, value] of Object.entries(reply.headers)) headers.push(name, value);
  res.writeHead(reply.status, headers);
  res.end(text);
}
