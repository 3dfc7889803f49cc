// The README's main command, `npm start`, on a copy of the project (as after
// `npm ci` on a fresh clone): it builds, brings up the docs and the mock, and
// SIGTERM (to npm) stops everything.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCommand } from '../helpers/cli.js';
import { root } from '../helpers/files.js';
import { isListening, processMarker } from '../helpers/processes.js';

// What `npm start` reads; node_modules is shared.
const PROJECT = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'redocly.yaml',
  'src',
  'scripts',
  'spec',
  'samples',
  'generated',
];

let copy: string;
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'trove-npm-start-'));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('npm start', () => {
  it('builds, serves the docs and the mock, and stops on SIGTERM with nothing left', async () => {
    for (const entry of PROJECT) cpSync(join(root, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    const marker = processMarker();
    const npm = spawnCommand('npm', ['start'], {
      cwd: copy,
      env: { ...marker.env, TROVE_BACKUPS_DOCS_PORT: '0', TROVE_BACKUPS_MOCK_PORT: '0' },
    });
    const output = await npm.waitFor(/Ctrl-C stops/, 240_000);
    const docs = /^Docs:\s+(\S+)/m.exec(output)?.[1];
    const mock = /^Mock API:\s+(\S+)/m.exec(output)?.[1];
    expect(docs).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(mock).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(docs!)).text()).toContain('OpenStack Trove Database Backups API');
    expect((await fetch(`${mock!}/v1.0/p/backups`, { headers: { 'X-Auth-Token': 'any' } })).status).toBe(200);

    npm.child.kill('SIGTERM');
    const result = await npm.exited(60_000);
    expect(result.stderr).toContain('SIGTERM: stopping.');
    for (const url of [docs!, mock!]) expect(await isListening(Number(new URL(url).port))).toBe(false);
    expect(marker.processes()).toEqual([]);
  }, 300_000);
});
