// What a handler answers, and how it is written: JSON, as Trove does (a 202
// without a body still says application/json), but for the health check.
import type { ServerResponse } from 'node:http';
import { TroveFault } from './trove-fault.js';

export interface Reply {
  status: number;
  body?: unknown;
  /** The body already serialized (instead of `body`). */
  json?: string | Buffer;
  headers?: Record<string, string>;
  /** Default application/json. */
  contentType?: string;
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
  const headers = ['Content-Type', reply.contentType ?? 'application/json', 'Content-Length', String(Buffer.byteLength(text))];
  if (reply.headers) for (const [name, value] of Object.entries(reply.headers)) headers.push(name, value);
  res.writeHead(reply.status, headers);
  res.end(text);
}
