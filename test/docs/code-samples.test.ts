// The code samples of spec/code-samples/ cannot drift from the contract:
// the curl and TypeScript samples are run against the mock and against the
// reference server (a fresh one for each, seeded as Trove's test server) and
// every request they send is checked; the OpenStack CLI samples are parsed by
// OpenStackClient itself.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument, OperationObject } from '../../src/contract/spec.js';
import { ContractValidator, formatViolation } from '../../src/contract/validator.js';
import { type RunningPrism, startPrism } from '../../src/mock/prism.js';
import { startReferenceServer } from '../../src/server/index.js';
import { readJson, readText, root } from '../helpers/files.js';
import { openstackPython } from '../helpers/tools.js';
import { type Exchange, type RecordingProxy, startRecordingProxy } from './recording-proxy.js';

const SAMPLES = 'spec/code-samples';
const FILES = ['client.ts', 'curl.sh', 'openstack.sh'];
const contract = new ContractValidator();
const operationIds = contract.operations.map((o) => o.operationId).sort();
const sample = (id: string, file: string): string => readText(join(SAMPLES, id, file));
/** The commands of a shell sample that start with `word` (continuation lines not counted). */
const commandsIn = (text: string, word: string): number => text.split('\n').filter((l) => l.startsWith(`${word} `)).length;

describe('the code samples', () => {
  it('every operation has curl, TypeScript and OpenStack CLI samples, and every folder is an operation', () => {
    const folders = readdirSync(join(root, SAMPLES)).filter((name) => statSync(join(root, SAMPLES, name)).isDirectory());
    expect(folders.sort()).toEqual(operationIds);
    for (const id of operationIds) expect(readdirSync(join(root, SAMPLES, id)).sort(), id).toEqual(FILES);
  });

  it('are on their operations in generated/openapi.json (x-codeSamples), verbatim', () => {
    const generated = readJson<OpenApiDocument>('generated/openapi.json');
    for (const { path, method, operationId } of contract.operations) {
      const op = generated.paths[path]![method] as OperationObject;
      expect(op['x-codeSamples'], operationId).toEqual([
        { lang: 'bash', label: 'curl', source: sample(operationId, 'curl.sh').trimEnd() },
        { lang: 'typescript', label: 'TypeScript client', source: sample(operationId, 'client.ts').trimEnd() },
        { lang: 'bash', label: 'OpenStack CLI', source: sample(operationId, 'openstack.sh').trimEnd() },
      ]);
    }
  });
});

/** Where a sample runs: a server behind a recording proxy, with the project and token it takes. */
interface Target {
  proxy: RecordingProxy;
  project: string;
  token: string;
}

// The mock takes any project and token; the reference server holds the seed's backups in `proj`, whose token is `proj`.
const MOCK = { project: '9f8dd5eacb074c9f87d2d822c9092aa5', token: 'sample-token' };
let mock: RunningPrism;
let proxy: RecordingProxy;
let target: Target;
beforeAll(async () => {
  mock = await startPrism();
  proxy = await startRecordingProxy(mock.url);
  target = { proxy, ...MOCK };
});
afterAll(async () => {
  await proxy.close();
  await mock.close();
});

/** Runs `run` with samples sent to a new reference server (backups complete at once), then stops it. */
async function onReferenceServer<T>(run: () => Promise<T>): Promise<T> {
  const server = await startReferenceServer({ config: { timings: { newMs: 0, buildingMs: 0 } } });
  const recording = await startRecordingProxy(server.url);
  const mockTarget = target;
  target = { proxy: recording, project: 'proj', token: 'proj' };
  try {
    return await run();
  } finally {
    target = mockTarget;
    await recording.close();
    await server.close();
  }
}

/** Runs a sample against the current target (through its recording proxy) and returns what it sent and got. */
async function runAgainstMock(command: string, args: string[]): Promise<Exchange[]> {
  const { proxy } = target;
  proxy.exchanges.length = 0;
  // Asynchronous: the mock and the proxy answer from this process. Rejects on a non-zero exit.
  const run = await promisify(execFile)(command, args, {
    env: { PATH: process.env.PATH, TROVE_ENDPOINT: `${proxy.url}/v1.0/${target.project}`, OS_TOKEN: target.token },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(run.stderr).toBe('');
  return [...proxy.exchanges];
}

/** Each request is the operation's and valid, and its answer is a success that the contract accepts. */
function checkExchanges(id: string, exchanges: Exchange[]): void {
  expect(exchanges.length, 'requests sent').toBeGreaterThan(0);
  for (const ex of exchanges) {
    const url = new URL(ex.url, target.proxy.url);
    const where = `${ex.method} ${ex.url}`;
    const matched = contract.match(ex.method, url.pathname);
    expect(matched?.operation.operationId, where).toBe(id);
    expect(contract.validateParameters(id, { path: matched!.params, query: url.searchParams }).map(formatViolation), where).toEqual([]);
    if (id !== 'listVersions') {
      expect(ex.headers['x-auth-token'], where).toBe(target.token);
      expect(matched!.params.project_id, where).toBe(target.project);
    }
    if (matched!.operation.operation.requestBody) {
      expect(ex.headers['content-type'], where).toMatch(/^application\/json\b/);
      expect(contract.validateRequestBody(id, JSON.parse(ex.body)).map(formatViolation), where).toEqual([]);
    } else {
      expect(ex.body, where).toBe('');
    }
    expect(ex.responseHeaders['sl-violations'], where).toBeUndefined();
    expect(ex.status, where).toBeGreaterThanOrEqual(200);
    expect(ex.status, where).toBeLessThan(300);
    const body = ex.responseBody === '' ? undefined : (JSON.parse(ex.responseBody) as unknown);
    expect(contract.validateResponse(id, ex.status, body).map(formatViolation), where).toEqual([]);
  }
}

describe('the curl samples, run against the mock', () => {
  it.each(operationIds)("%s: each request is the operation's and valid, and gets a success that the contract accepts", async (id) => {
    const exchanges = await runAgainstMock('bash', ['-eu', join(root, SAMPLES, id, 'curl.sh')]);
    expect(exchanges.length, 'one request per curl command').toBe(commandsIn(sample(id, 'curl.sh'), 'curl'));
    checkExchanges(id, exchanges);
  });
});

describe('the curl samples, run against the reference server', () => {
  it.each(operationIds)('%s: each request is valid and gets a success that the contract accepts', async (id) => {
    await onReferenceServer(async () => {
      const exchanges = await runAgainstMock('bash', ['-eu', join(root, SAMPLES, id, 'curl.sh')]);
      expect(exchanges.length, 'one request per curl command').toBe(commandsIn(sample(id, 'curl.sh'), 'curl'));
      checkExchanges(id, exchanges);
    });
  });
});

describe('the TypeScript samples', () => {
  const tsc = (project: string) =>
    spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { encoding: 'utf8' });

  it('type-check against the client (tsc -p spec/code-samples)', () => {
    const res = tsc(join(root, SAMPLES));
    expect(res.stdout).toBe('');
    expect(res.status).toBe(0);
  });

  it('the type-check catches a sample that no longer fits the client', () => {
    // Inside the package, where node_modules (and @types/node) are found.
    mkdirSync(join(root, 'test-results'), { recursive: true });
    const dir = mkdtempSync(join(root, 'test-results', 'samples-typecheck-'));
    try {
      writeFileSync(
        join(dir, 'client.ts'),
        [
          "import { createBackupsClient } from 'trove-backups-contract';",
          "const client = createBackupsClient({ endpoint: 'https://trove.example.net:8779/v1.0/p', token: 't' });",
          "await client.create({ name: 'n', instance_id: '44b277eb-39be-4921-be31-3d61b43651d7' });",
          "await client.getBackup('b');",
        ].join('\n'),
      );
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(root, SAMPLES, 'tsconfig.json'), include: ['client.ts'] }));
      const res = tsc(dir);
      expect(res.status).not.toBe(0);
      expect(res.stdout).toContain("'instance_id' does not exist in type");
      expect(res.stdout).toContain("Property 'getBackup' does not exist on type 'BackupsClient'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Run as a user runs them: compiled, importing the built package (dist/, by `npm run build`).
  it.each(operationIds)("%s: runs against the mock and the reference server; each request is the operation's and valid", async (id) => {
    const out = join(root, 'test-results', 'code-samples');
    mkdirSync(out, { recursive: true });
    const js = ts.transpileModule(sample(id, 'client.ts'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const file = join(out, `${id}.mjs`);
    writeFileSync(file, js);
    checkExchanges(id, await runAgainstMock(process.execPath, [file]));
    await onReferenceServer(async () => checkExchanges(id, await runAgainstMock(process.execPath, [file])));
  });
});

// Which OpenStackClient command calls which operation (python-troveclient's
// osc/v1 modules, and OpenStackClient's own `versions show`).
const OSC_COMMANDS: Record<string, string> = {
  listVersions: 'versions show',
  listBackups: 'database backup list',
  createBackup: 'database backup create',
  getBackup: 'database backup show',
  deleteBackup: 'database backup delete',
  listInstanceBackups: 'database backup list instance',
  listBackupStrategies: 'database backup strategy list',
  createBackupStrategy: 'database backup strategy create',
  deleteBackupStrategies: 'database backup strategy delete',
};

interface Parsed {
  command?: string;
  module?: string;
  options?: Record<string, unknown>;
  error?: string;
}

/** The Python of the installed OpenStackClient (the tools project's global setup installs it). */
function python(): string {
  const found = openstackPython();
  if (!found) throw new Error('no `openstack` command on PATH: apt-get install -y --no-install-recommends python3-openstackclient');
  return found;
}

/** The argument lists of the sample's `openstack` commands, as bash splits them. */
function openstackCalls(file: string): string[][] {
  const capture = 'openstack() { "$PYTHON" -c "import json,sys; print(json.dumps(sys.argv[1:]))" "$@"; }';
  const out = execFileSync('bash', ['-euc', `${capture}; source "$1"`, 'bash', file], {
    encoding: 'utf8',
    env: { ...process.env, PYTHON: python() },
  });
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as string[]);
}

/** Each argument list, parsed by the installed OpenStackClient's own parsers (test/docs/osc-parse.py). */
function parseWithOpenStackClient(calls: string[][]): Parsed[] {
  const out = execFileSync(python(), [join(root, 'test', 'docs', 'osc-parse.py')], {
    input: JSON.stringify(calls),
    encoding: 'utf8',
  });
  return JSON.parse(out) as Parsed[];
}

describe('the OpenStack CLI samples', () => {
  it('cover the operations', () => {
    expect(Object.keys(OSC_COMMANDS).sort()).toEqual(operationIds);
  });

  it.each(operationIds)('%s: real commands and options of python-troveclient, for this operation', (id) => {
    const text = sample(id, 'openstack.sh');
    const calls = openstackCalls(join(root, SAMPLES, id, 'openstack.sh'));
    expect(calls.length).toBe(commandsIn(text, 'openstack'));
    for (const parsed of parseWithOpenStackClient(calls)) {
      expect(parsed.error).toBeUndefined();
      expect(parsed.command).toBe(OSC_COMMANDS[id]);
      if (id !== 'listVersions') expect(parsed.module).toMatch(/^troveclient\.osc\.v1\./);
    }
  });

  it('the check refuses a command or an option that OpenStackClient does not have', () => {
    const parsed = parseWithOpenStackClient([
      ['database', 'backup', 'list', '--instance-name', 'x'],
      ['database', 'backup', 'create', 'n', '--inst', 'x'],
      ['database', 'backup', 'restore', 'b'],
      ['database', 'backup', 'show'],
    ]);
    expect(parsed.map((p) => p.error)).toEqual([
      'not an option of this command: --instance-name',
      'not an option of this command: --inst',
      'no openstack command named by: database backup restore b',
      'openstack database backup show: error: the following arguments are required: <backup>',
    ]);
  });
});
