#!/usr/bin/env node
// Writes generated/ from spec/: the bundled spec (YAML and JSON), a
// dereferenced JSON for validators, and the openapi-typescript types.
//   node scripts/generate.mjs           write generated/
//   node scripts/generate.mjs --check   fail if generated/ is not what spec/ gives
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redocly } from './redocly.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const generated = join(root, 'generated');
export const BUNDLES = ['openapi.yaml', 'openapi.json', 'openapi.dereferenced.json'];

async function bundle(outDir) {
  const runs = [
    ['bundle', 'backups', '-o', join(outDir, 'openapi.yaml')],
    ['bundle', 'backups', '--ext', 'json', '-o', join(outDir, 'openapi.json')],
    ['bundle', 'backups', '--dereferenced', '--ext', 'json', '-o', join(outDir, 'openapi.dereferenced.json')],
  ];
  for (const args of runs) {
    const { code, output } = await redocly(args, { quiet: true });
    if (code !== 0) throw new Error(`redocly ${args.join(' ')} failed:\n${output}`);
  }
}

function types(check) {
  const bin = join(root, 'node_modules', '.bin', 'openapi-typescript');
  const res = spawnSync(bin, check ? ['--check'] : [], { cwd: root, encoding: 'utf8' });
  if (res.status !== 0) {
    throw new Error(check ? 'generated/openapi.d.ts is stale: run `npm run generate`' : `openapi-typescript failed:\n${res.stderr}`);
  }
}

export async function generate({ check = false } = {}) {
  if (!check) {
    await bundle(generated);
    types(false);
    return [];
  }
  const scratch = mkdtempSync(join(tmpdir(), 'trove-generated-'));
  try {
    await bundle(scratch);
    const stale = BUNDLES.filter((name) => {
      let committed = null;
      try {
        committed = readFileSync(join(generated, name), 'utf8');
      } catch {
        // missing counts as stale
      }
      return committed !== readFileSync(join(scratch, name), 'utf8');
    });
    try {
      types(true);
    } catch {
      stale.push('openapi.d.ts');
    }
    return stale;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  try {
    const stale = await generate({ check });
    if (stale.length > 0) {
      console.error(`generated/ is stale (${stale.join(', ')}): run \`npm run generate\` and commit the result.`);
      process.exit(1);
    }
    console.log(check ? 'generated/ is up to date.' : 'generated/ written.');
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
