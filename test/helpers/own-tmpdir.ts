// vitest setupFile: each test file gets its own temporary folder as TMPDIR
// (os.tmpdir() reads it; spawned processes inherit it). After the file, the
// folder must be empty: whatever a test or a process it started left there
// fails the file, by name, and is removed.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';

const outer = tmpdir();
const own = mkdtempSync(join(outer, 'trove-backups-test-'));
process.env.TMPDIR = own;
// npm 11 on Node >= 22 keeps a compile cache, by default in os.tmpdir(): a
// cache meant to outlive the process, so it goes with the other caches in
// node_modules/.cache rather than in each file's TMPDIR.
process.env.NODE_COMPILE_CACHE ??= fileURLToPath(new URL('../../node_modules/.cache/node-compile-cache', import.meta.url));

// Registered first, so it runs after the file's own afterAll hooks.
afterAll(() => {
  const left = readdirSync(own);
  process.env.TMPDIR = outer;
  rmSync(own, { recursive: true, force: true });
  expect(left, 'temporary files left behind by this test file').toEqual([]);
});
