import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './files.js';

/**
 * A scratch copy of what the spec tooling reads (spec, samples, scripts and
 * the Redocly runner they import, redocly.yaml, generated), sharing node_modules, to break on purpose.
 */
export function copySpecProject(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'trove-spec-copy-'));
  for (const entry of ['spec', 'samples', 'scripts', 'src/docs/redocly.mjs', 'generated', 'redocly.yaml', 'package.json']) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
