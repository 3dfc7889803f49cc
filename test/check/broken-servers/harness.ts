// A broken server: the reference server (correct and stateful) behind a
// small HTTP proxy that applies one mutation to requests or responses, so
// that each broken server in this folder is one file holding one violation
// of the contract.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ReferenceServerConfig, startReferenceServer } from '../../../src/server/index.js';

export interface Exchange {
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body; undefined when the body is empty or not JSON (then `text` holds it). */
  json: unknown;
  text: string;
}

export interface BrokenServer {
  /** The one thing this server gets wrong. */
  description: string;
  /** Rewrites a request before the reference server sees it, or answers it instead (return an Answer). */
  request?: (req: Exchange) => Exchange | Answer | undefined;
  /** Rewrites the reference server's answer. */
  response?: (answer: Answer, req: Exchange) => Answer | undefined;
  /** What the check must report: a failed case with this id (a prefix), and a violation there. */
  expect: { case: string; pointer?: string; keyword?: string };
}

export function brokenServer(server: BrokenServer): BrokenServer {
  return server;
}

/** Reference server timings for the check: a backup runs long enough to provoke 422, and ends soon. */
export const FAST_TIMINGS: ReferenceServerConfig = { timings: { newMs: 300, buildingMs: 300 } };

function readBody(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}

/** The request without these query parameters, for a GET of a backup list; undefined for any other request. */
export function listWithout(req: Exchange, ...names: string[]): Exchange | undefined {
  if (req.method !== 'GET' || !/\/backups\?/.test(req.path)) return undefined;
  const url = new URL(req.path, 'http://x');
  for (const name of names) url.searchParams.delete(name);
  return { ...req, path: url.pathname + url.search };
}

/** Rewrites every backup object of a body (the envelope and the lists). */
export function eachBackup(json: unknown, edit: (backup: Record<string, unknown>) => void): void {
  const body = json as { backup?: Record<string, unknown>; backups?: Record<string, unknown>[] } | undefined;
  if (body?.backup && typeof body.backup === 'object') edit(body.backup);
  if (Array.isArray(body?.backups)) body.backups.forEach(edit);
}

export async function startBrokenServer(
  server: BrokenServer,
  config: ReferenceServerConfig = FAST_TIMINGS,
): Promise<{ url: string; close: () => Promise<void> }> {
  const reference = await startReferenceServer({ config });
  const proxy = createServer((incoming, outgoing) => {
    void (async () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(incoming.headers))
        if (typeof v === 'string' && k !== 'content-length' && k !== 'host' && k !== 'connection') headers[k] = v;
      let req: Exchange = { method: incoming.method ?? 'GET', path: incoming.url ?? '/', headers, body: await readBody(incoming) };
      const rewritten = server.request?.(req);
      let answer: Answer;
      if (rewritten && 'status' in rewritten) {
        answer = rewritten;
      } else {
        if (rewritten) req = rewritten;
        const res = await fetch(reference.url + req.path, {
          method: req.method,
          headers: req.headers,
          body: req.method === 'GET' || req.method === 'HEAD' ? null : req.body,
        });
        const text = await res.text();
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        const resHeaders = Object.fromEntries(
          [...res.headers].filter(([k]) => k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection' && k !== 'keep-alive'),
        );
        answer = { status: res.status, headers: resHeaders, json, text };
        answer = server.response?.(answer, req) ?? answer;
      }
      const text = answer.json === undefined ? answer.text : JSON.stringify(answer.json);
      outgoing.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(text) });
      outgoing.end(text);
    })().catch((err: unknown) => {
      outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(String(err));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await reference.close();
    },
  };
}
