// A small HTTP front in which Prism runs: it reads each request body within
// a limit and answers the bodies Prism's server (micri) would refuse with its
// own, non-contract error shapes: too large is Trove's 413 overLimit fault,
// a JSON body that does not parse is webob's 400. Everything else passes to
// Prism on loopback, with a time limit on the answer. As a mock, Prism's own
// errors (application/problem+json: no route, method not allowed, ...) are
// turned into the contract's error bodies.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ContractValidator } from '../contract/validator.js';

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
  // Parameters too must be well formed: Prism's body reader throws on `application/json;;;`.
  return /^application\/([a-z0-9.-]+\+)?json\s*(;\s*[a-z0-9-]+=("[^"]*"|[a-z0-9-]+)\s*)*$/i.test(contentType ?? '');
}

/** A Content-Type that Prism's body reader can parse (a type, and well-formed parameters). */
function isMediaType(contentType: string | undefined): boolean {
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+\s*(;\s*[a-z0-9-]+=("[^"]*"|[a-z0-9-]+)\s*)*$/i.test(contentType ?? '');
}

function unsupported(contentType: string | undefined): unknown {
  const type = (contentType ?? 'text/plain')
    .split(';')[0]!
    .trim()
    .toLowerCase()
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 100);
  const message = `The request media type ${type || 'text/plain'} is not supported by this server.\n<br /><br />\n`;
  return { message, code: '415 Unsupported Media Type', title: 'Unsupported Media Type' };
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

const FAULTS: Record<number, string> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'itemNotFound',
  406: 'notAcceptable',
  413: 'overLimit',
  422: 'unprocessableEntity',
  501: 'notImplemented',
};

/** The contract's body for an error Prism made up itself. */
export function contractError(status: number, title: string): { status: number; body: unknown } {
  if (status === 401) {
    const message = 'The request you have made requires authentication.';
    return { status, body: { error: { code: 401, title: 'Unauthorized', message } } };
  }
  if (status === 415 || status === 400) return { status, body: { message: title, code: `${status} ${title}`, title } };
  // No route, or a method the route does not have: Trove's router answers 404.
  const shown = FAULTS[status] ? status : status === 405 || status < 500 ? 404 : 500;
  const message = shown === 404 && title === '' ? 'The resource could not be found.' : title;
  return { status: shown, body: { [FAULTS[shown] ?? 'instanceFault']: { code: shown, message } } };
}

function rewriteProblem(answer: IncomingMessage, res: ServerResponse): void {
  readLimited(answer, 1024 * 1024).then(
    (raw) => {
      let title = 'Error';
      try {
        const problem = JSON.parse(raw?.toString('utf8') ?? '{}') as { title?: unknown; detail?: unknown };
        title = [problem.title, problem.detail].filter((t) => typeof t === 'string' && t !== '').join(': ') || title;
      } catch {
        // keep the generic title
      }
      const { status, body } = contractError(answer.statusCode ?? 500, title);
      const { 'content-type': _t, 'content-length': _l, 'transfer-encoding': _e, ...kept } = answer.headers;
      const text = JSON.stringify(body);
      res.writeHead(status, { ...kept, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    },
    () => res.destroy(),
  );
}

/** Sends the request on to Prism at `target` and passes its answer back. */
function pass(req: IncomingMessage, res: ServerResponse, body: Buffer, target: URL, mock: boolean): void {
  const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  const out = httpRequest(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, timeout: ANSWER_TIMEOUT_MS, agent: false },
    (answer) => {
      if (mock && /^application\/problem\+json/.test(answer.headers['content-type'] ?? '')) {
        rewriteProblem(answer, res);
        return;
      }
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

// An absolute-form target (through a proxy) keeps its path and query; Prism reads only origin-form.
// Dot segments are escaped: Trove takes `.` as a project or id like any other, where Prism's URL parsing would remove it.
function originForm(target: string): string {
  let origin = target.startsWith('/') ? target : target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  if (!origin.startsWith('/')) origin = `/${origin}`;
  const q = origin.search(/[?#]/);
  const path = q < 0 ? origin : origin.slice(0, q);
  const escaped = path
    .split('/')
    // (%2E would not do: URL parsing takes it as a dot too.)
    .map((s) => (/^(\.|%2e){1,2}$/i.test(s) ? s.replace(/\.|%2e/gi, '%252E') : s))
    .join('/');
  return escaped + (q < 0 ? '' : origin.slice(q));
}

/** `mock`: the contract, to answer as Trove does what Prism's server would refuse in its own words. */
export function createGuard(target: () => URL, mock: ContractValidator | undefined): Server {
  return createServer((req, res) => {
    readLimited(req, MAX_REQUEST_BYTES).then(
      (body) => {
        try {
          answer(req, res, body);
        } catch {
          res.destroy();
        }
      },
      () => res.destroy(),
    );
  });

  function answer(req: IncomingMessage, res: ServerResponse, body: Buffer | undefined) {
    if (body === undefined) return json(res, 413, TOO_LARGE, true);
    req.url = originForm(req.url ?? '/');
    // An unreadable Content-Type on an empty body describes nothing; Prism's validation would throw on it.
    if (body.length === 0 && req.headers['content-type'] !== undefined && !isMediaType(req.headers['content-type'])) {
      delete req.headers['content-type'];
    }
    if (!mock) {
      // Before a proxy, only what Prism's body reader would choke on (a 500).
      // An unreadable Content-Type is passed as what it says nothing about: bytes.
      // So is JSON that does not parse (Prism's reader would answer in its own words): the upstream judges the bytes.
      if (body.length > 0 && (!isMediaType(req.headers['content-type']) || malformed(req, body))) {
        req.headers['content-type'] = 'application/octet-stream';
      }
      return pass(req, res, body, target(), false);
    }
    // As Trove: a route that is no operation is 404 (Prism would route `//` and answer in its own words);
    // Accept is not negotiated (Prism would answer 406); a body is read only by an operation that takes one, and must be JSON.
    const operation = mock.match((req.method ?? '').toUpperCase(), req.url.split(/[?#]/)[0]!)?.operation;
    if (!operation) return json(res, 404, contractError(404, '').body);
    req.headers.accept = 'application/json';
    if (body.length === 0) return pass(req, res, body, target(), true);
    if (!operation.operation.requestBody) {
      delete req.headers['content-type'];
      return pass(req, res, Buffer.alloc(0), target(), true);
    }
    if (!isJson(req.headers['content-type'])) return json(res, 415, unsupported(req.headers['content-type']));
    if (malformed(req, body)) return json(res, 400, MALFORMED);
    pass(req, res, body, target(), true);
  }
}
