// The two packages as users get them: `npm pack` in packages/contract and
// packages/tools (laid out from dist/ by scripts/build-packages.mjs), then each installed from its
// tarball into a new project. The contract package must stay small (≤ 1 MB,
// ≤ 3 packages), load with require() and import, and type-check from both
// module systems; the tools must run as `npx trove-backups-tools`, serve,
// check and build the docs. The README's three quick starts run there as
// written. publint and arethetypeswrong judge both tarballs.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { root } from '../helpers/files.js';
import { freePort } from '../helpers/processes.js';
import { codeBlocksOf, readme, relativeLinks } from '../helpers/readme.js';

const run = promisify(execFile);
const INSTALL_MS = 300_000;
const npm = (args: string[], cwd: string) => run('npm', args, { cwd, timeout: INSTALL_MS, maxBuffer: 16 * 1024 * 1024 });
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const tsc = (args: string[], cwd: string) =>
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), ...args], { cwd }).catch((e: { stdout?: string }) => {
    throw new Error(`tsc ${args.join(' ')} failed:\n${e.stdout ?? String(e)}`);
  });
const node = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  run(process.execPath, args, { cwd, env: { ...process.env, ...env }, timeout: 60_000 });
const rootDevDependency = (name: string): string =>
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies[name]!;
// Pages of docs/ that other branches write; the README links them already.
let work: string;
const tarballs = { contract: '', tools: '' };
const files = { contract: [] as string[], tools: [] as string[] };

function newProject(name: string, pkg: Record<string, unknown> = {}): string {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, ...pkg }));
  return dir;
}

/** Bytes of every file below `dir` (as stored, not as blocks) and the packages in it. */
function footprint(dir: string): { bytes: number; packages: string[] } {
  let bytes = 0;
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      const info = lstatSync(child);
      if (info.isDirectory()) walk(child);
      else bytes += info.size;
    }
  };
  walk(dir);
  const packages: string[] = [];
  const list = (path: string, prefix = ''): void => {
    for (const name of readdirSync(path)) {
      if (name.startsWith('.')) continue;
      if (name.startsWith('@')) list(join(path, name), `${name}/`);
      else if (existsSync(join(path, name, 'package.json'))) {
        packages.push(prefix + name);
        if (existsSync(join(path, name, 'node_modules'))) list(join(path, name, 'node_modules'));
      }
    }
  };
  list(dir);
  return { bytes, packages };
}

/** Runs a command line from the README, as written, in its own process group (npx runs node under it). */
function spawnLine(
  line: string,
  cwd: string,
  env: Record<string, string>,
): { child: ChildProcess; output: () => string; stop: () => Promise<void> } {
  const child = spawn('bash', ['-c', line], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer): void => {
    output += d.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 10_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

async function waitForOutput(spawned: { output: () => string }, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = pattern.exec(spawned.output());
    if (found) return found;
    if (Date.now() > until) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${spawned.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function pack(name: 'contract' | 'tools'): Promise<void> {
  const dir = join(root, 'packages', name);
  const { stdout } = await npm(['pack', '--json', '--pack-destination', work], dir);
  const [result] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarballs[name] = join(work, result!.filename);
  files[name] = result!.files.map((f) => f.path);
  mkdirSync(join(work, `unpacked-${name}`));
  await run('tar', ['-xzf', tarballs[name], '-C', join(work, `unpacked-${name}`)]);
}

let server: RunningReferenceServer;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'trove-pack-'));
  // dist/ is built by `npm test` before vitest; the packages are laid out from it.
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  await run(process.execPath, [join(root, 'scripts', 'build-packages.mjs')], { cwd: root });
  await pack('contract');
  await pack('tools');
  server = await startReferenceServer();
}, INSTALL_MS);
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the tarballs', () => {
  it('trove-backups-contract holds the spec, the types and the client, and nothing of the tools', () => {
    for (const needed of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/index.cjs',
      'dist/index.d.cts',
      'dist/types.d.ts',
      'dist/client/index.js',
      'dist/keystone/index.js',
      'dist/keystone/index.cjs',
      'generated/openapi.json',
      'generated/openapi.yaml',
      'generated/openapi.d.ts',
      'docs/client.md',
    ])
      expect(files.contract, needed).toContain(needed);
    expect(
      files.contract.filter((f) => /^(src|test|spec|samples|scripts)\/|^dist\/(cli|server|check|mock|docs|proxy)\/|\.map$/.test(f)),
    ).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(root, 'packages/contract/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      bin?: unknown;
    };
    expect(Object.keys(pkg.dependencies)).toEqual(['openapi-fetch']);
  });

  it('trove-backups-tools holds the CLI, the reference server and their files, and depends on the contract for the client', () => {
    for (const needed of [
      'dist/cli/index.js',
      'dist/server/index.js',
      'dist/server/index.cjs',
      'dist/check/hooks/dredd-hooks.cjs',
      'dist/check/known-deviations/trove-18.json',
      'dist/check/known-deviations/trove-23.json',
      'dist/check/known-deviations/trove-26.json',
      'dist/docs/redocly.yaml',
      'dist/docs/redocly.mjs',
      'generated/openapi.dereferenced.json',
      'README.md',
    ])
      expect(files.tools, needed).toContain(needed);
    expect(files.tools.filter((f) => /^(src|test|spec|samples)\/|^dist\/client\/|\.map$/.test(f))).toEqual([]);
    const tools = JSON.parse(readFileSync(join(root, 'packages/tools/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const contract = JSON.parse(readFileSync(join(root, 'packages/contract/package.json'), 'utf8')) as { version: string };
    expect(tools.dependencies['trove-backups-contract']).toBe(contract.version);
  });

  it('pass publint and arethetypeswrong (require and import)', async () => {
    for (const name of ['contract', 'tools'] as const) {
      const publint = await run(bin('publint'), ['run', '--strict', '--pack', 'npm'], { cwd: join(root, 'packages', name) });
      expect(publint.stdout, name).toContain('All good!');
      // node10 knows no subpath exports; the YAML bundle is data, not a module, so it has no types.
      await run(bin('attw'), [tarballs[name], '--profile', 'node16', '--exclude-entrypoints', './openapi.yaml'], { cwd: root });
    }
  }, 120_000);

  it('link only to files they ship, or absolutely', () => {
    for (const name of ['contract', 'tools'] as const) {
      for (const page of files[name].filter((f) => f.endsWith('.md'))) {
        const text = readFileSync(join(work, `unpacked-${name}`, 'package', page), 'utf8');
        const base = page.includes('/') ? page.slice(0, page.lastIndexOf('/') + 1) : '';
        const missing = relativeLinks(text)
          .map((target) => new URL(target, `file:///${base}`).pathname.slice(1))
          .filter((target) => !files[name].includes(target));
        expect(missing, `${name}: ${page}`).toEqual([]);
      }
    }
  });

  it('name no path of this repository or machine in anything they ship', () => {
    for (const name of ['contract', 'tools'] as const) {
      const unpacked = join(work, `unpacked-${name}`, 'package');
      const named = files[name].filter((f) => /\.\.\/shared|\/work\//.test(readFileSync(join(unpacked, f), 'utf8')));
      expect(named, name).toEqual([]);
    }
  });
});

describe('trove-backups-contract in a new CommonJS project (`npm init -y`)', () => {
  let app: string;
  beforeAll(async () => {
    app = newProject('client-app');
    await npm(['install', tarballs.contract, '--no-audit', '--no-fund', '--prefer-offline'], app);
  }, INSTALL_MS);

  it('adds at most 1 MB and 3 packages', () => {
    const { bytes, packages } = footprint(join(app, 'node_modules'));
    console.log(`trove-backups-contract installs ${packages.length} packages, ${bytes} bytes: ${packages.join(', ')}`);
    expect(packages.length).toBeLessThanOrEqual(3);
    expect(bytes).toBeLessThanOrEqual(1_000_000);
  });

  it('loads with require() and with import, one copy of the classes, and calls the API', async () => {
    const endpoint = `${server.url}/v1.0/proj`;
    const body = [
      `const client = createBackupsClient({ endpoint: '${endpoint}', token: 'proj' });`,
      'const names = [];',
      'client.listAll({ limit: 2 }).next().then(async (first) => {',
      '  names.push(first.value.name);',
      "  const error = await client.get('00000000-0000-4000-8000-000000000000').catch((e) => e);",
      '  console.log(JSON.stringify({ names, notFound: error instanceof NotFoundError, api: error instanceof TroveApiError, spec: spec.openapi }));',
      '});',
    ].join('\n');
    writeFileSync(
      join(app, 'required.js'),
      "const { createBackupsClient, NotFoundError, TroveApiError } = require('trove-backups-contract');\nconst spec = require('trove-backups-contract/openapi.json');\n" +
        body,
    );
    writeFileSync(
      join(app, 'imported.mjs'),
      "import { createBackupsClient, NotFoundError, TroveApiError } from 'trove-backups-contract';\nimport spec from 'trove-backups-contract/openapi.json' with { type: 'json' };\n" +
        body,
    );
    for (const file of ['required.js', 'imported.mjs']) {
      const { stdout, stderr } = await node([file], app);
      expect(JSON.parse(stdout), file).toEqual({ names: [expect.any(String)], notFound: true, api: true, spec: '3.0.3' });
      expect(stderr, file).toBe('');
    }
    // require() of the CommonJS entry gives the very classes that import gives.
    const same = await node(
      [
        '--input-type=module',
        '-e',
        "import { createRequire } from 'node:module'; import * as m from 'trove-backups-contract'; console.log(createRequire(import.meta.url)('trove-backups-contract').NotFoundError === m.NotFoundError);",
      ],
      app,
    );
    expect(same.stdout.trim()).toBe('true');
  }, 120_000);

  it('type-checks from ESM and from CommonJS, and wrong input does not', async () => {
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
        include: ['*.mts', '*.cts'],
      }),
    );
    const lines = [
      "const client = createBackupsClient({ endpoint: 'http://127.0.0.1:8779/v1.0/proj', token: 'proj' });",
      "export const done = (b: Backup): boolean => b.status === 'COMPLETED';",
      'export type ListPath = keyof paths;',
      'export const missing = (e: unknown): boolean => e instanceof NotFoundError && e.status === 404;',
      "export const right = () => client.create({ name: 'x', instance: 'i', incremental: 1 });",
      '// @ts-expect-error: incremental is 0 or 1',
      "export const wrong = () => client.create({ name: 'x', instance: 'i', incremental: true });",
    ];
    const imports = [
      "import { createBackupsClient, NotFoundError, type Backup } from 'trove-backups-contract';",
      "import type { paths } from 'trove-backups-contract/types';",
    ];
    writeFileSync(join(app, 'check.mts'), [...imports, ...lines].join('\n'));
    writeFileSync(join(app, 'check.cts'), [...imports, ...lines].join('\n'));
    await tsc(['-p', 'tsconfig.json'], app);
  }, 120_000);

  it("runs the README's TypeScript quick start as written, and it type-checks", async () => {
    const blocks = codeBlocksOf(readme(), '### Call the API from TypeScript');
    expect(blocks[0]?.code.trim()).toBe('npm install trove-backups-contract');
    const code = blocks.find((b) => b.lang === 'ts')?.code ?? '';
    writeFileSync(join(app, 'list.mjs'), code);
    const { stdout } = await node(['list.mjs'], app, { TROVE_ENDPOINT: `${server.url}/v1.0/proj`, OS_TOKEN: 'proj' });
    expect(stdout).toContain('bk-full COMPLETED');
    expect(stdout).toMatch(/^no such backup \(request req-[0-9a-f-]{36}\)$/m);
    // As a user's TypeScript project has it: Node's types, for process.env.
    await npm(
      ['install', '--save-dev', `@types/node@${rootDevDependency('@types/node')}`, '--no-audit', '--no-fund', '--prefer-offline'],
      app,
    );
    writeFileSync(join(app, 'list.mts'), code);
    writeFileSync(
      join(app, 'tsconfig.quick-start.json'),
      JSON.stringify({ extends: './tsconfig.json', compilerOptions: { types: ['node'] }, include: ['list.mts'] }),
    );
    await tsc(['-p', 'tsconfig.quick-start.json'], app);
  }, 120_000);
});

describe('trove-backups-tools in a new project', () => {
  let app: string;
  beforeAll(async () => {
    app = newProject('tools-app', { type: 'module' });
    // The contract's tarball stands for the registry's copy of the tools' dependency.
    await npm(['install', tarballs.contract, tarballs.tools, '--no-audit', '--no-fund', '--prefer-offline'], app);
  }, INSTALL_MS);

  it('runs as `npx trove-backups-tools` and, installed, as `trove-backups`', async () => {
    for (const command of ['trove-backups-tools', 'trove-backups']) {
      const help = await run('npx', ['--no-install', command, '--help'], { cwd: app });
      expect(help.stdout).toMatch(/Usage: trove-backups <command>/);
      for (const name of ['start', 'docs', 'mock', 'serve', 'check', 'proxy']) expect(help.stdout).toContain(name);
    }
  }, 120_000);

  it("serves the docs with the README's command, as written", async () => {
    const [line] = codeBlocksOf(readme(), '### Read the docs')[0]?.code.split('\n') ?? [];
    const docs = spawnLine(line ?? '', app, { TROVE_BACKUPS_DOCS_PORT: '0' });
    try {
      const [url] = await waitForOutput(docs, /http:\/\/127\.0\.0\.1:\d+\//, 120_000);
      const page = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      expect(await page.text()).toContain('Trove');
    } finally {
      await docs.stop();
    }
  }, 150_000);

  it("checks the installed reference server with the README's command, as written", async () => {
    const port = await freePort();
    const served = spawnLine(`npx --no-install trove-backups serve --port ${port} --quiet`, app, {});
    try {
      await waitForOutput(served, new RegExp(`127\\.0\\.0\\.1:${port}`), 60_000);
      const line = codeBlocksOf(readme(), '### Contract-test a server')[0]?.code.trim() ?? '';
      const check = await run('bash', ['-c', line], {
        cwd: app,
        env: { ...process.env, TROVE_ENDPOINT: `http://127.0.0.1:${port}/v1.0/proj`, OS_TOKEN: 'proj' },
        timeout: 120_000,
      });
      expect(check.stdout).toMatch(/pass/i);
    } finally {
      await served.stop();
    }
  }, 200_000);

  it('gives the reference server to require() and import, and the dereferenced contract', async () => {
    const started = '.then(async (s) => { console.log(s.url); await s.close(); })';
    const required = await node(['-e', `require('trove-backups-tools/server').startReferenceServer()${started}`], app);
    const imported = await node(
      ['--input-type=module', '-e', `import('trove-backups-tools').then((m) => m.startReferenceServer())${started}`],
      app,
    );
    for (const out of [required.stdout, imported.stdout]) expect(out).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/);
    const resolved = await node(
      ['--input-type=module', '-e', "console.log(import.meta.resolve('trove-backups-tools/openapi.dereferenced.json'))"],
      app,
    );
    expect(JSON.parse(readFileSync(new URL(resolved.stdout.trim()), 'utf8'))).toMatchObject({ openapi: '3.0.3' });
  }, 120_000);

  it('writes the docs site', async () => {
    const out = join(work, 'site');
    await run('npx', ['--no-install', 'trove-backups-tools', 'docs', '--out', out], { cwd: app, timeout: 120_000 });
    expect(statSync(join(out, 'index.html')).size).toBeGreaterThan(10_000);
  }, 150_000);
});

describe('npx, in one command, without a project', () => {
  it(
    'installs and runs the tools',
    async () => {
      const empty = join(work, 'empty');
      mkdirSync(empty);
      const { stdout } = await run(
        'npx',
        ['--yes', '--package', tarballs.contract, '--package', tarballs.tools, 'trove-backups-tools', '--version'],
        {
          cwd: empty,
          timeout: INSTALL_MS,
        },
      );
      expect(stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'packages/tools/package.json'), 'utf8')).version);
    },
    INSTALL_MS,
  );
});
