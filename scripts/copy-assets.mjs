#!/usr/bin/env node
// After tsc: copies the files of src/ that tsc does not emit (the Redocly runner and the Dredd hook
// file, which must stay CommonJS, bundled JSON data, Redoc's YAML settings) into dist/, at the
// same place, so that the built package finds them beside its modules.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const copied = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.cjs') || name.endsWith('.mjs') || name.endsWith('.json') || name.endsWith('.yaml')) {
      cpSync(path, join(dist, relative(src, path)));
      copied.push(relative(root, path));
    }
  }
};
walk(src);
if (process.argv.includes('--verbose')) console.log(copied.join('\n'));
