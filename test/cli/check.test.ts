// `trove-backups check` as a user runs it: usage errors (exit 2), an
// unreachable server (exit 1), the reports on a server that passes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningReferenceServer, SEED_INSTANCE, startReferenceServer } from '../../src/server/index.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/processes.js';

let server: RunningReferenceServer;
const dir = mkdtempSync(join(tmpdir(), 'check-cli-'));
beforeAll(async () => {
  server = await startReferenceServer({ config: { timings: { newMs: 300, buildingMs: 300 } } });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('trove-backups check', () => {
  it('prints its help', async () => {
    const res = await runCli(['check', '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Usage: trove-backups check --endpoint URL --token TOKEN/);
    expect(res.stdout).toContain('--known-deviations FILE');
  });

  const badDeviations = join(dir, 'bad.json');
  writeFileSync(badDeviations, '{"deviations": [{"id": "x"}]}');
  it.each([
    [['--token', 't'], /--endpoint is required/],
    [['--endpoint', 'http://127.0.0.1:1/v1.0/p'], /--token is required/],
    [['--endpoint', 'not a url', '--token', 't'], /--endpoint must be a URL/],
    [['--endpoint', 'ftp://x/v1.0/p', '--token', 't'], /--endpoint must be an http or https URL/],
    [['--endpoint', 'http://127.0.0.1:1/v1.0/p', '--token', 't', '--reporter', 'html'], /--reporter must be cli, junit or json/],
    [['--endpoint', 'http://127.0.0.1:1/v1.0/p', '--token', 't', '--target', 'staging'], /--target must be auto, server or mock/],
    [['--endpoint', 'http://127.0.0.1:1/v1.0/p', '--token', 't', '--timeout', 'soon'], /--timeout must be a number of seconds/],
    [
      ['--endpoint', 'http://127.0.0.1:1/v1.0/p', '--token', 't', '--only', 'showBackup'],
      /--only showBackup: no such operation; the contract has listVersions, listBackups/,
    ],
    [
      ['--endpoint', 'http://127.0.0.1:1/v1.0/p', '--token', 't', '--known-deviations', badDeviations],
      /the known-deviations file .* is not valid:\n {2}\/deviations\/0/,
    ],
    [['--endpoint', 'http://127.0.0.1:1/v1.0/p', '--token', 't', '--bogus'], /Unknown option '--bogus'/],
    [['--endpoint', 'http://127.0.0.1:1/v1.0/p', '--token', 't', 'extra'], /unexpected argument "extra"/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const res = await runCli(['check', ...args]);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(res.code).toBe(2);
  });

  it('needs a project for a server endpoint without /v1.0/<project>', async () => {
    const res = await runCli(['check', '--endpoint', server.url, '--token', 'proj']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/which project\? Pass --project/);
  });

  it('says so, with exit code 1, when the server does not answer', async () => {
    const port = await freePort();
    const res = await runCli(['check', '--endpoint', `http://127.0.0.1:${port}/v1.0/p`, '--token', 't']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^trove-backups check: GET http:\/\/127\.0\.0\.1:\d+\/ got no answer: .*ECONNREFUSED/);
  });

  it('passes a server that honours the contract, writing a JUnit file and the cli report', async () => {
    const output = join(dir, 'check.xml');
    const res = await runCli([
      'check',
      '--endpoint',
      server.url,
      '--project',
      'proj',
      '--token',
      'proj',
      '--instance',
      SEED_INSTANCE,
      '--timeout',
      '10',
      '--reporter',
      'junit',
      '--output',
      output,
    ]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^trove-backups check of http:\/\/127\.0\.0\.1:\d+ \(project proj\)$/m);
    expect(res.stdout).toMatch(/PASS {2}flow gone-after-delete/);
    expect(res.stdout).toMatch(/^PASSED: 0 failed, \d+ passed/m);
    const xml = readFileSync(output, 'utf8');
    expect(xml).toMatch(/<testsuites name="trove-backups check of http:\/\/127\.0\.0\.1:\d+" tests="\d+" failures="0"/);
    expect(xml).toContain('<testsuite name="Stateful flow"');
  });

  it('writes the json report to stdout, for one operation with --only', async () => {
    const res = await runCli([
      'check',
      '--endpoint',
      `${server.url}/v1.0/proj`,
      '--token',
      'proj',
      '--only',
      'getBackup',
      '--reporter',
      'json',
    ]);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as { only: string; results: { operation: string }[] };
    expect(report.only).toBe('getBackup');
    expect(new Set(report.results.map((r) => r.operation))).toEqual(new Set(['getBackup']));
  });
});
