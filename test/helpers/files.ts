import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../../src/contract/spec.js';

export const root = packageRoot;

/** Every file below `dir` (relative to the package root) whose name ends in `ext`, sorted. */
export function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const name of readdirSync(abs).sort()) {
      const path = join(abs, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(ext)) out.push(relative(root, path));
    }
  };
  walk(join(root, dir));
  return out;
}

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
}

export function readText(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}
