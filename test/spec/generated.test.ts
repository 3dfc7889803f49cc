import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/files.js';
import { copySpecProject } from '../helpers/project-copy.js';

const checkIn = (dir: string) => spawnSync(process.execPath, ['scripts/generate.mjs', '--check'], { cwd: dir, encoding: 'utf8' });

describe('generated/', () => {
  const copy = copySpecProject();
  afterAll(() => copy.remove());

  it('is what `npm run generate` makes of spec/', () => {
    const res = checkIn(root);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('is reported stale, by name, when the spec changes', () => {
    appendFileSync(join(copy.dir, 'spec/components/schemas/Backup.yaml'), "x-note: 'changed'\n");
    const res = checkIn(copy.dir);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/generated\/ is stale \(openapi\.yaml, openapi\.json, openapi\.dereferenced\.json\)/);
  });

  it('holds the bundles and types a user imports', () => {
    const json = JSON.parse(readFileSync(join(root, 'generated/openapi.json'), 'utf8')) as { openapi: string; paths: object };
    expect(json.openapi).toBe('3.0.3');
    expect(Object.keys(json.paths)).toHaveLength(5);
    const deref = readFileSync(join(root, 'generated/openapi.dereferenced.json'), 'utf8');
    expect(deref).not.toContain('"$ref"');
    expect(readFileSync(join(root, 'generated/openapi.d.ts'), 'utf8')).toContain('export interface paths');
  });
});
