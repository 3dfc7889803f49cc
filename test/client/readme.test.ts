// The code of the README's client section: its ts blocks, joined in order,
// must compile against the package as it is, and run against the Prism mock.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningPrism, startPrism } from '../../src/mock/prism.js';
import { readJson, readText, root } from '../helpers/files.js';
import { diagnosticsOf } from '../helpers/typescript.js';

const readme = readText('README.md');
const start = readme.indexOf('\n## Calling the API: the client\n');
const end = readme.indexOf('\n## ', start + 1);
const section = readme.slice(start, end === -1 ? undefined : end);
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const PACKAGE = `from '${readJson<{ name: string }>('package.json').name}'`;
// The package as the README imports it is this checkout's source.
const code = blocks.join('\n').replaceAll(PACKAGE, `from '${join(root, 'src/index.js')}'`);

describe('the README client section', () => {
  it('has the code of install, create, list all, create and wait, and errors, importing the package by name', () => {
    expect(start).toBeGreaterThan(0);
    expect(section).toContain('npm install trove-backups-contract');
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(blocks.join('\n')).toContain(PACKAGE);
    for (const call of ['createBackupsClient(', 'listAll(', 'create(', 'waitForBackup(', 'instanceof TroveApiError'])
      expect(code).toContain(call);
  });

  it('compiles', () => {
    const problems = diagnosticsOf(join(root, 'test/client/readme-section.ts'), code).map(
      (d) => `${code.split('\n')[d.line - 1]?.trim()}: ${d.message.replace(/\n/g, ' ')}`,
    );
    expect(problems).toEqual([]);
  });

  describe('runs against the mock', () => {
    let prism: RunningPrism;
    let dir: string;
    beforeAll(async () => {
      prism = await startPrism();
      dir = mkdtempSync(join(tmpdir(), 'readme-client-'));
    });
    afterAll(async () => {
      await prism.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('from start to end', async () => {
      vi.stubEnv('TROVE_ENDPOINT', `${prism.url}/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5`);
      vi.stubEnv('OS_TOKEN', 'a-token');
      const logged: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
      const errors = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(`error: ${args.join(' ')}`));
      try {
        const file = join(dir, 'readme.ts');
        writeFileSync(file, code);
        await import(file);
      } finally {
        log.mockRestore();
        errors.mockRestore();
        vi.unstubAllEnvs();
      }
      // listAll printed the mock's backups, the wait a completed backup; nothing went wrong.
      expect(logged.some((l) => / COMPLETED /.test(l))).toBe(true);
      expect(logged.some((l) => / GiB at /.test(l))).toBe(true);
      expect(logged.filter((l) => l.startsWith('error:'))).toEqual([]);
    });
  });
});
