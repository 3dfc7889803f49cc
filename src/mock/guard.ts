// A small HTTP front in which Prism runs: it reads each request body within
// a limit and answers the bodies Prism's server (micri) would refuse with its
// own, non-contract error shapes: too large is Trove's 413 overLimit fault,
// a JSON body that does not parse is webob's 400. Everything else passes to
// Prism on loopback, unchanged, with a time limit on the answer.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export const MAX_REQUEST_BYTES = 10 * 2 ** 20;
const ANSWER_TIMEOUT_MS = 60_000;

const json = (res: ServerResponse, status: number, body: unknown, close = false) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(text);
};

const TOO_LARGE = { overLimit: { code: 413, message: 'Request is too large.' } };
const MALFORMED = { message: 'Malformed request body<br /><br />\n\n\n', code: '400 Bad Request', title: 'Bad Request' };

/** The body, or undefined once it passed `max` bytes (the rest is not read). */
export function readLimited(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function isJson(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[^/]+\+json$/.test(type);
}

function malformed(req: IncomingMessage, body: Buffer): boolean {
  if (body.length === 0 || !isJson(req.headers['content-type'])) return false;
  try {
    JSON.parse(body.toString('utf8'));
    return false;
  } catch {
    return true;
  }
}

/** Sends the request on to Prism at `target` and pipes its answer back. */
function pass(req: IncomingMessage, res: ServerResponse, body: Buffer, target: URL): void {
  const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  const out = httpRequest(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, timeout: ANSWER_TIMEOUT_MS, agent: false },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    },
  );
  out.on('timeout', () => out.destroy(new Error('no answer in time')));
  out.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json', Connection: 'close' });
    res.end();
  });
  out.end(body);
}

export function createGuard(target: () => URL): Server {
  return createServer((req, res) => {
    readLimited(req, MAX_REQUEST_BYTES).then(
      (body) => {
        if (body === undefined) json(res, 413, TOO_LARGE, true);
        else if (malformed(req, body)) json(res, 400, MALFORMED);
        else pass(req, res, body, target());
      },
      () => res.destroy(),
    );
  });
}
