// The README: one screen for three users, then the repository's two commands;
// its TypeScript quick start compiles against the client and runs against the
// reference server, and the client guide's code (docs/client.md) compiles and
// runs against the mock. test/package/pack.test.ts runs all three quick starts
// again from a new project, with the packed packages installed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningPrism, startPrism } from '../../src/mock/prism.js';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { readText, root } from '../helpers/files.js';
import { codeBlocksOf, readme } from '../helpers/readme.js';
import { diagnosticsOf } from '../helpers/typescript.js';

const text = readme();
const FROM_PACKAGE = "from 'trove-backups-contract'";
// The package as the code imports it is this checkout's source.
const fromSource = (code: string) => code.replaceAll(FROM_PACKAGE, `from '${join(root, 'src/index.js')}'`);
const problemsOf = (name: string, code: string) =>
  diagnosticsOf(join(root, 'test/client', name), code).map(
    (d) => `${code.split('\n')[d.line - 1]?.trim()}: ${d.message.replace(/\n/g, ' ')}`,
  );

/** Imports `code` (TypeScript, through vitest) with console.log and console.error captured. */
async function runCaptured(dir: string, name: string, code: string, env: Record<string, string>): Promise<string[]> {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  const logged: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
  const errors = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(`error: ${args.join(' ')}`));
  try {
    const file = join(dir, name);
    writeFileSync(file, code);
    await import(file);
  } finally {
    log.mockRestore();
    errors.mockRestore();
    vi.unstubAllEnvs();
  }
  return logged;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'readme-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the README', () => {
  it('is short, and its first screen has the three quick starts, then the two commands of the repository', () => {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(12 * 1024);
    const order = [
      '### Read the docs',
      '### Call the API from TypeScript',
      '### Contract-test a server',
      'npm ci && npm start',
      'npm ci && npm test',
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).not.toMatch(/\.\.\/shared|\/work\//);
  });

  it('has a command for each user, each with the package it needs', () => {
    expect(codeBlocksOf(text, '### Read the docs')[0]?.code).toMatch(/^npx trove-backups-tools docs/);
    expect(codeBlocksOf(text, '### Call the API from TypeScript')[0]?.code).toMatch(/^npm install trove-backups-contract\n/);
    expect(codeBlocksOf(text, '### Contract-test a server')[0]?.code).toMatch(/^npx trove-backups-tools check /);
  });

  describe('the TypeScript quick start', () => {
    const code = codeBlocksOf(text, '### Call the API from TypeScript').find((b) => b.lang === 'ts')?.code ?? '';
    let server: RunningReferenceServer;
    beforeAll(async () => {
      server = await startReferenceServer();
    });
    afterAll(() => server.close());

    it('compiles', () => {
      expect(code).toContain(FROM_PACKAGE);
      expect(problemsOf('readme-quick-start.ts', fromSource(code))).toEqual([]);
    });

    it('lists the backups of the reference server and names the missing one', async () => {
      const logged = await runCaptured(dir, 'quick-start.ts', fromSource(code), {
        TROVE_ENDPOINT: `${server.url}/v1.0/proj`,
        OS_TOKEN: 'proj',
      });
      expect(logged, logged.join('\n')).toContain('bk-full COMPLETED 0.12');
      expect(logged.some((l) => /^no such backup \(request req-[0-9a-f-]{36}\)$/.test(l))).toBe(true);
    });
  });
});

describe('the client guide (docs/client.md)', () => {
  const guide = readText('docs/client.md');
  const blocks = codeBlocksOf(`\n${guide}`, '# Calling the API: the client').filter((b) => b.lang === 'ts');
  const code = fromSource(blocks.map((b) => b.code).join('\n'));
  let prism: RunningPrism;
  beforeAll(async () => {
    prism = await startPrism();
  });
  afterAll(() => prism.close());

  it('has the code of create, list all, create and wait, and errors, importing the package by name', () => {
    expect(guide).toContain('npm install trove-backups-contract');
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(blocks.map((b) => b.code).join('\n')).toContain(FROM_PACKAGE);
    for (const call of [
      'createBackupsClient(',
      'listAll(',
      'create(',
      'waitForBackup(',
      'instanceof NotFoundError',
      'instanceof TroveApiError',
    ])
      expect(code).toContain(call);
  });

  it('compiles', () => {
    expect(problemsOf('client-guide.ts', code)).toEqual([]);
  });

  it('runs against the mock from start to end', async () => {
    const logged = await runCaptured(dir, 'guide.ts', code, {
      TROVE_ENDPOINT: `${prism.url}/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5`,
      OS_TOKEN: 'a-token',
    });
    // listAll printed the mock's backups, the wait a completed backup; nothing went wrong.
    expect(logged.some((l) => / COMPLETED /.test(l))).toBe(true);
    expect(logged.some((l) => / GiB at /.test(l))).toBe(true);
    expect(logged.filter((l) => l.startsWith('error:'))).toEqual([]);
  });
});
