// `npm run lint` is clean, and each house rule of redocly.yaml catches the
// mistake it is there for (a check of the checker).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redocly } from '../../scripts/redocly.mjs';
import { root } from '../helpers/files.js';
import { copySpecProject } from '../helpers/project-copy.js';

const lint = (cwd: string): Promise<{ code: number; output: string }> => redocly(['lint', '--format', 'stylish'], { quiet: true, cwd });

function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(path, text.replace(from, to));
}

describe('lint', () => {
  it('passes with no error and no warning', async () => {
    const { code, output } = await lint(root);
    expect(code).toBe(0);
    expect(output).toMatch(/Woohoo! Your API description is valid/);
    expect(output).not.toMatch(/warning/i);
  });

  let copy: ReturnType<typeof copySpecProject> | undefined;
  afterEach(() => copy?.remove());

  it.each([
    ['a parameter without example', 'spec/components/parameters/Limit.yaml', 'example: 20\n', '', 'rule/parameter-has-example'],
    [
      'a media type without examples',
      'spec/paths/versions.yaml',
      '          examples:\n            versions:\n              summary: Trove serves v1.0 (recorded from Trove)\n              value:\n                $ref: ../../samples/recorded/18/versions.json#/response/body\n',
      '',
      'rule/media-type-has-examples',
    ],
    [
      'an example that breaks its schema',
      'samples/faults/413-rate-limited.json',
      '"retryAfter": "12"',
      '"retryAfter": 12',
      'no-invalid-media-type-examples',
    ],
    [
      'a versioned operation without security',
      'spec/paths/backup.yaml',
      '  operationId: getBackup\n',
      '  operationId: getBackup\n  security: []\n',
      'rule/security-on-versioned-operations',
    ],
    [
      'an operation without a 4xx',
      'spec/paths/versions.yaml',
      "    '406':\n      $ref: ../components/responses/NotAcceptable.yaml\n",
      '',
      'operation-4xx-response',
    ],
    ['an operation without summary', 'spec/paths/backup.yaml', '  summary: Show a backup\n', '', 'operation-summary'],
    [
      'an operation without tags',
      'spec/paths/backup.yaml',
      "  tags:\n    - Backups\n  responses:\n    '200':\n      description: The backup.",
      "  responses:\n    '200':\n      description: The backup.",
      'rule/operation-has-tags',
    ],
    [
      'a sample reference that does not resolve',
      'spec/paths/backup.yaml',
      'show-cinder-snapshot.json',
      'no-such-sample.json',
      'Cannot inline sample',
    ],
  ])('fails on %s', async (_name, file, from, to, rule) => {
    copy = copySpecProject();
    edit(copy.dir, file, from, to);
    const { code, output } = await lint(copy.dir);
    expect(code).toBe(1);
    expect(output).toContain(rule);
  });
});
