// serveFolder: the few static files of the docs site, and nothing else.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveFolder } from '../../src/docs/serve.js';

const scratch = mkdtempSync(join(tmpdir(), 'trove-serve-'));
const site = join(scratch, 'site');
let ready = true;
let server: RunningServer;

beforeAll(async () => {
  mkdirSync(site);
  writeFileSync(join(site, 'index.html'), '<h1>docs</h1>');
  writeFileSync(join(site, 'openapi.yaml'), 'openapi: 3.0.3');
  writeFileSync(join(scratch, 'secret.txt'), 'SECRET-CONTENT');
  server = await serveFolder({ dir: site, ready: () => ready });
});
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A request with the path exactly as written (fetch would normalise `..`). */
function get(path: string, method = 'GET'): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/`, { method, path }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveFolder', () => {
  it('serves index.html at / and the files with their types', async () => {
    expect(await get('/')).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: '<h1>docs</h1>' });
    expect(await get('/openapi.yaml')).toMatchObject({ status: 200, type: 'application/yaml; charset=utf-8' });
    expect(await get('/?x=1#y')).toMatchObject({ status: 200, body: '<h1>docs</h1>' });
  });

  it.each(['/../secret.txt', '/%2E%2E%2Fsecret.txt', '/..%2Fsecret.txt', '/nope.html', '/%E0%A4%A'])('does not serve %s', async (path) => {
    const res = await get(path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('SECRET-CONTENT');
  });

  it('HEAD has no body; other methods get 405', async () => {
    expect(await get('/', 'HEAD')).toMatchObject({ status: 200, body: '' });
    expect(await get('/', 'POST')).toMatchObject({ status: 405 });
  });

  it('answers 503 while the site is being written', async () => {
    ready = false;
    try {
      expect(await get('/')).toMatchObject({ status: 503, body: 'The docs are being built: reload in a moment.\n' });
    } finally {
      ready = true;
    }
  });
});
