// Serves a folder over HTTP (node:http): enough for the docs site, which is
// a few static files. `/` is index.html; nothing outside the folder is served.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { listen } from '../net/listen.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export interface ServeOptions {
  dir: string;
  host?: string | undefined;
  /** 0 takes a free port. */
  port?: number | undefined;
  /** Named in errors: "the docs server". */
  what?: string | undefined;
  /** While false, requests get 503 (the folder is still being written). */
  ready?: (() => boolean) | undefined;
}

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${text}\n`);
}

async function handle(root: string, ready: () => boolean, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method Not Allowed', { allow: 'GET, HEAD' });
    return;
  }
  if (!ready()) {
    send(res, 503, 'The docs are being built: reload in a moment.', { 'retry-after': '1' });
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    send(res, 400, 'Bad Request');
    return;
  }
  const file = resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
  const info = file.startsWith(root + sep) ? await stat(file).catch(() => undefined) : undefined;
  if (!info?.isFile()) {
    send(res, 404, `Not Found: ${pathname}`);
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': String(info.size),
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
}

export async function serveFolder(options: ServeOptions): Promise<RunningServer> {
  const { host = '127.0.0.1', port = 0, what = 'the server', ready = () => true } = options;
  const root = resolve(options.dir);
  const server = createServer((req, res) => {
    handle(root, ready, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, `Internal Server Error: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  return listen(server, host, port, what);
}
