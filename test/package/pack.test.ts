// The package as a user gets it: `npm pack`, then installed from the tarball
// into a new project, where the client imports, type-checks and calls a
// server started from the installed CLI, `npx trove-backups` works, and the
// spec files resolve. publint and arethetypeswrong judge the tarball.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCommand } from '../helpers/cli.js';
import { root } from '../helpers/files.js';
import { freePort } from '../helpers/processes.js';

const run = promisify(execFile);
const npm = (args: string[], cwd: string) => run('npm', args, { cwd, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

let work: string;
let tarball: string;
let app: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'trove-pack-'));
  // dist/ is built by `npm test` before vitest; --ignore-scripts skips prepack's second build.
  const { stdout } = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
  tarball = join(work, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  app = join(work, 'app');
  await run('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  await npm(['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], app);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('holds what users need and nothing else', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout
      .trim()
      .split('\n')
      .map((f) => f.replace(/^package\//, ''));
    for (const needed of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/index.js',
      'dist/check/hooks/dredd-hooks.cjs',
      'dist/check/known-deviations/trove-18.json',
      'dist/check/known-deviations/trove-23.json',
      'dist/check/known-deviations/trove-26.json',
      'dist/docs/redocly.yaml',
      'dist/docs/redocly.mjs',
      'generated/openapi.json',
      'generated/openapi.yaml',
      'generated/openapi.dereferenced.json',
      'generated/openapi.d.ts',
    ]) {
      expect(files, needed).toContain(needed);
    }
    expect(files.filter((f) => /^(src|test|spec|samples|bench|releases)\//.test(f) || f.endsWith('.map'))).toEqual([]);
  });

  it('passes publint and arethetypeswrong', async () => {
    const publint = await run(bin('publint'), ['run', '--strict', '--pack', 'npm'], { cwd: root });
    expect(publint.stdout).toContain('All good!');
    // The YAML bundle is data, not a module, so it cannot resolve to types.
    await run(bin('attw'), [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './openapi.yaml'], { cwd: root });
  });
});

describe('installed in a new project', () => {
  it('gives the client with its types: it type-checks, and wrong input does not', async () => {
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        include: ['check.ts'],
      }),
    );
    writeFileSync(
      join(app, 'check.ts'),
      [
        "import { createBackupsClient, TroveApiError, type Backup } from 'trove-backups-contract';",
        "import type { paths } from 'trove-backups-contract/types';",
        "const client = createBackupsClient({ endpoint: 'http://127.0.0.1:8779/v1.0/proj', token: 'proj' });",
        'export async function names(): Promise<string[]> { const out: string[] = []; for await (const b of client.listAll()) out.push(b.name); return out; }',
        "export const done = (b: Backup): boolean => b.status === 'COMPLETED';",
        'export type ListPath = keyof paths;',
        'export const isApiError = (e: unknown): boolean => e instanceof TroveApiError;',
        "export const right = () => client.create({ name: 'x', instance: 'i', incremental: 1 });",
        '// @ts-expect-error: incremental is 0 or 1',
        "export const wrong = () => client.create({ name: 'x', instance: 'i', incremental: true });",
      ].join('\n'),
    );
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app });
  });

  it('runs `npx trove-backups`, serves the API, and the client calls it', async () => {
    const help = await run('npx', ['--no-install', 'trove-backups', '--help'], { cwd: app });
    expect(help.stdout).toMatch(/Usage: trove-backups <command>/);
    for (const command of ['start', 'docs', 'mock', 'serve', 'check', 'proxy']) expect(help.stdout).toContain(command);

    const port = await freePort();
    const server = spawnCommand(
      process.execPath,
      [join(app, 'node_modules/trove-backups-contract/dist/cli/index.js'), 'serve', '--port', String(port), '--quiet'],
      { cwd: app },
    );
    try {
      await server.waitFor(new RegExp(`127\\.0\\.0\\.1:${port}`));
      writeFileSync(
        join(app, 'call.mjs'),
        [
          "import { createBackupsClient } from 'trove-backups-contract';",
          `const client = createBackupsClient({ endpoint: 'http://127.0.0.1:${port}/v1.0/proj', token: 'proj' });`,
          'const names = [];',
          'for await (const b of client.listAll({ limit: 2 })) names.push(b.name);',
          'console.log(JSON.stringify(names));',
        ].join('\n'),
      );
      const { stdout } = await run(process.execPath, ['call.mjs'], { cwd: app });
      expect(JSON.parse(stdout)).toEqual(expect.arrayContaining(['bk-full', 'bk-inc', 'bk-failed']));

      const check = await run(
        'npx',
        ['--no-install', 'trove-backups', 'check', '--endpoint', `http://127.0.0.1:${port}/v1.0/proj`, '--token', 'proj', '--read-only'],
        { cwd: app, timeout: 120_000 },
      );
      expect(check.stdout).toMatch(/pass/i);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited();
    }
  });

  it('resolves the spec files by their package paths', async () => {
    const script = [
      "const names = ['openapi.json', 'openapi.yaml', 'openapi.dereferenced.json'];",
      "console.log(JSON.stringify(names.map((n) => import.meta.resolve('trove-backups-contract/' + n))));",
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
    const [json, yaml] = (JSON.parse(stdout) as string[]).map((u) => new URL(u));
    expect(JSON.parse(readFileSync(json!, 'utf8'))).toMatchObject({ openapi: '3.0.3' });
    expect(readFileSync(yaml!, 'utf8')).toMatch(/^openapi: 3\.0\.3/);
  });

  it('writes the docs site from the installed package', async () => {
    const out = join(work, 'site');
    await run('npx', ['--no-install', 'trove-backups', 'docs', '--out', out], { cwd: app, timeout: 120_000 });
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Trove');
  });
});
