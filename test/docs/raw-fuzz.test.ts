// A seeded, bounded fuzz run over raw sockets against the docs server (its
// HTTP layer, on a small folder): malformed request lines, escapes, headers
// and bodies never crash it, never get a 5xx, and never serve a file
// outside its folder. Replay a run with FUZZ_SEED=<seed>.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningServer, serveFolder } from '../../src/docs/serve.js';
import { fuzzSeed, runFuzz, sendRaw } from '../helpers/raw-fuzz.js';

const SEED = fuzzSeed();
let parent: string;
let server: RunningServer;
beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'docs-fuzz-'));
  await writeFile(join(parent, 'secret.txt'), 'SECRET');
  const dir = join(parent, 'site');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir));
  await writeFile(join(dir, 'index.html'), '<h1>docs</h1>');
  server = await serveFolder({ dir, what: 'the docs server' });
});
afterAll(async () => {
  await server?.close();
  await rm(parent, { recursive: true, force: true });
});

it(`survives malformed raw requests (FUZZ_SEED=${SEED})`, async () => {
  const ids = ['secret.txt', 'index.html', '..%2Fsecret.txt'];
  const sent = await runFuzz(server.url, { seed: SEED, count: 1500, budgetMs: 12_000, ids }, (c, answers) => {
    const what = `FUZZ_SEED=${SEED}: ${JSON.stringify(c.bytes.subarray(0, 200).toString('latin1'))}`;
    if (!c.large) expect(answers.length, `no answer for ${what}`).toBeGreaterThan(0);
    for (const a of answers) {
      expect(a.status, `${a.status} for ${what}`).toBeLessThan(500);
      expect(a.text).not.toContain('SECRET');
    }
  });
  expect(sent).toBeGreaterThan(100);
  const [alive] = await sendRaw(server.url, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
  expect(alive?.status).toBe(200);
}, 30_000);
