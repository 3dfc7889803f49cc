// The reference server as the repository's own package exports it: importable
// from the built dist/ by name (the packed packages are tested in pack.test.ts).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { root } from '../helpers/files.js';

const run = promisify(execFile);

it('is importable as trove-backups-contract/server (from the built dist/)', async () => {
  const script =
    "const m = await import('trove-backups-contract/server'); const s = await m.startReferenceServer(); console.log(s.url); await s.close();";
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
  expect(stdout.trim()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});
