// Reads and parses a request body defensively: a size limit (413), strict
// UTF-8, JSON, and a nesting limit, so that no body can crash the server.
import type { IncomingMessage } from 'node:http';

export const MAX_JSON_DEPTH = 100;

/** The body's bytes, or why there are none: over the limit, or the client went away before sending it all. */
export type ReceivedBody = { kind: 'bytes'; bytes: Buffer } | { kind: 'tooLarge' };
export type RawBody = ReceivedBody | { kind: 'aborted' };

const EMPTY: ReceivedBody = { kind: 'bytes', bytes: Buffer.alloc(0) };

export function readBody(req: IncomingMessage, maxBytes: number): Promise<RawBody> | ReceivedBody {
  const length = req.headers['content-length'];
  // No body announced (a GET, a DELETE): nothing to wait for.
  if ((length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined) return EMPTY;
  const declared = Number(length);
  if (Number.isFinite(declared) && declared > maxBytes) return { kind: 'tooLarge' };
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // The first outcome wins; the others are ignored.
    const done = (body: RawBody) => {
      req.off('data', onData);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) done({ kind: 'tooLarge' });
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => done({ kind: 'bytes', bytes: Buffer.concat(chunks) }));
    req.once('error', () => done({ kind: 'aborted' }));
    req.once('close', () => done({ kind: 'aborted' }));
  });
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function parseJsonBody(bytes: Buffer): ParsedBody {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, reason: 'not valid UTF-8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  if (depthOf(value) > MAX_JSON_DEPTH) return { ok: false, reason: `nested deeper than ${MAX_JSON_DEPTH} levels` };
  return { ok: true, value };
}

/** The nesting depth of a parsed value, without recursion. */
function depthOf(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) max = depth;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}
