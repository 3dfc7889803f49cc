// `trove-backups start` survives a request that used to crash the mock (a
// malformed percent-escape made Prism's router throw a URIError, the
// process exited 1, the docs server went down with it and its temp folder
// stayed behind): the mock answers it, both servers keep serving, and the
// stop still leaves no temp folder.
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { startServing } from './serving-cli.js';

const docsFolders = async () => (await readdir(tmpdir())).filter((f) => f.startsWith('trove-backups-docs-'));

describe('trove-backups start, sent a malformed escape', () => {
  it('answers it from the mock and keeps both servers up', async () => {
    const before = new Set(await docsFolders());
    const run = await startServing(['start', '--docs-port', '0', '--mock-port', '0', '--quiet']);
    for (const path of ['/v1.0/p/backups/%ZZ', '/v1.0/%ZZ/backups', '/v1.0/p/instances/%E0%A4/backups']) {
      const res = await fetch(`${run.urls.mock}${path}`, { headers: { 'X-Auth-Token': 'any' }, signal: AbortSignal.timeout(10_000) });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    expect((await fetch(run.urls.docs!)).status).toBe(200);
    expect((await fetch(`${run.urls.mock}/v1.0/p/backups`, { headers: { 'X-Auth-Token': 'any' } })).status).toBe(200);
    expect(await run.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });
    expect((await docsFolders()).filter((f) => !before.has(f))).toEqual([]);
  }, 150_000);
});
