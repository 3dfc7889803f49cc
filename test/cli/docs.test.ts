// `trove-backups docs`: the site written for hosting, or served.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readJson } from '../helpers/files.js';
import { occupyPort } from '../helpers/processes.js';
import { startServing } from './serving-cli.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'trove-docs-cli-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('trove-backups docs --out DIR', () => {
  it('writes the site for a static web server: one HTML page, and the spec', async () => {
    const out = join(scratch, 'site', 'nested');
    const res = await runCli(['docs', '--out', out]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Wrote the docs: ${join(out, 'index.html')}`);
    expect(readdirSync(out).sort()).toEqual(['index.html', 'openapi.json', 'openapi.yaml']);
    expect(JSON.parse(readFileSync(join(out, 'openapi.json'), 'utf8'))).toEqual(readJson('generated/openapi.json'));
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<title>OpenStack Trove Database Backups API</title>');
    // Redoc is inside the page: no script or stylesheet from elsewhere.
    expect(html).not.toMatch(/<script[^>]+src=["']?https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']?https?:/);
    expect(html).not.toContain('cdn.redoc.ly');
  });

  it('replaces what a previous build left', async () => {
    const out = join(scratch, 'again');
    await runCli(['docs', '--out', out]);
    writeFileSync(join(out, 'index.html'), 'stale');
    expect((await runCli(['docs', '--out', out])).code).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('OpenStack Trove Database Backups API');
  });

  it('a folder it cannot write: exit 2 and why, no stack trace', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a folder');
    const res = await runCli(['docs', '--out', join(file, 'site')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`trove-backups: cannot write the docs to ${join(file, 'site')}: ENOTDIR`);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses --out with --port (it serves nothing)', async () => {
    const res = await runCli(['docs', '--out', join(scratch, 'x'), '--port', '1234']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--out writes the site and serves nothing');
  });
});

describe('trove-backups docs', () => {
  it('serves the site until SIGTERM', async () => {
    const run = await startServing(['docs', '--port', '0']);
    const base = run.urls.docs!;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await fetch(base)).headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await fetch(`${base}openapi.yaml`)).status).toBe(200);
    expect(await run.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });
  });

  it('a port in use: exit 2, naming the port and how to choose another', async () => {
    const taken = await occupyPort();
    try {
      const res = await runCli(['docs', '--port', String(taken.port)]);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(
        `the docs server cannot listen on 127.0.0.1:${taken.port}: port ${taken.port} is already in use; choose another port with --port or TROVE_BACKUPS_DOCS_PORT (the default is 8080)`,
      );
    } finally {
      await taken.release();
    }
  });
});
