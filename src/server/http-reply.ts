// What a handler answers, and how it is written: always JSON, as Trove does
// (a 202 without a body still says application/json).
import type { ServerResponse } from 'node:http';
import { TroveFault } from './trove-fault.js';

export interface Reply {
  status: number;
  body?: unknown;
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
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}
