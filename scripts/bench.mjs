#!/usr/bin/env node
// npm run bench: runs every benchmark in bench/, one after the other.
// A benchmark is a file bench/<name>.bench.ts (or .mjs) that prints its own
// results; .ts files are bundled with esbuild first (node_modules stay
// external), into node_modules/.cache/bench/. Benchmarks are not tests: they
// print numbers and exit 0 unless they crash.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(join(root, 'bench'))
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark in bench/${only.length ? ` matching ${only.join(', ')}` : ''}`);
  process.exit(1);
}
const out = join(root, 'node_modules/.cache/bench');
mkdirSync(out, { recursive: true });
let failed = 0;
for (const file of files) {
  let entry = join(root, 'bench', file);
  if (file.endsWith('.ts')) {
    const outfile = join(out, file.replace(/\.ts$/, '.mjs'));
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'warning',
    });
    entry = outfile;
  }
  console.log(`\n## ${file}\n`);
  const { status } = spawnSync(process.execPath, ['--enable-source-maps', entry], { stdio: 'inherit', cwd: root });
  if (status !== 0) {
    console.error(`${file} exited with ${status}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
