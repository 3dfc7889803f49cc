// `trove-backups check` as a user runs it: usage errors (exit 2), an
// unreachable server (exit 3), Ctrl-C (exit 130, with the cleanup and the
// report so far), the reports on a server that passes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STOPPED_CLEANUP_MS } from '../../src/check/run.js';
import { type RunningReferenceServer, SEED_INSTANCE, startReferenceServer } from '../../src/server/index.js';
import { runCli, spawnCli } from '../helpers/cli.js';
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
    expect(res.stderr).toMatch(/--project is needed: the endpoint does not end in \/v1\.0\/<project_id>/);
  });

  it('says so, with exit code 3, when the server does not answer', async () => {
    const port = await freePort();
    const res = await runCli(['check', '--endpoint', `http://127.0.0.1:${port}/v1.0/p`, '--token', 't']);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(
      /^trove-backups check: the server cannot be checked: GET http:\/\/127\.0\.0\.1:\d+\/ got no answer: .*ECONNREFUSED/,
    );
  });

  it('stops on Ctrl-C: deletes what it created, prints the report so far, exits 130', async () => {
    // Backups that take 8 s: the check is still waiting for its own when the
    // signal comes, and the cleanup must wait for it to end before deleting it.
    const slow = await startReferenceServer({ config: { timings: { newMs: 4_000, buildingMs: 4_000 } } });
    try {
      const cli = spawnCli(['check', '--endpoint', `${slow.url}/v1.0/proj`, '--token', 'proj', '--instance', SEED_INSTANCE]);
      await cli.waitFor(/PASS {2}createBackup 422 instance-busy/, 60_000);
      const signalledAt = Date.now();
      cli.child.kill('SIGINT');
      const res = await cli.exited(60_000);
      expect(res.code).toBe(130);
      // The cleanup's budget after a stop, and a margin for the process to end.
      expect(Date.now() - signalledAt).toBeLessThan(STOPPED_CLEANUP_MS + 10_000);
      expect(res.stderr).toMatch(/SIGINT: stopping/);
      expect(res.stdout).toMatch(/SKIP {2}.* - .*\n\s+skipped: not run: the run was interrupted/);
      expect(res.stdout).toMatch(/^Stopped: the run was interrupted$/m);
      expect(res.stdout).toMatch(/^INTERRUPTED: /m);
      const left = await fetch(`${slow.url}/v1.0/proj/backups?limit=1000`, { headers: { 'X-Auth-Token': 'proj' } });
      const names = ((await left.json()) as { backups: { name: string }[] }).backups.map((b) => b.name);
      expect(names.filter((n) => n.startsWith('trove-backups-check'))).toEqual([]);
    } finally {
      await slow.close();
    }
  }, 120_000);

  it('picks the JUnit format from --output x.xml, and exit code 4 with --require-coverage when something was skipped', async () => {
    const output = join(dir, 'coverage.xml');
    const res = await runCli([
      'check',
      '--endpoint',
      `${server.url}/v1.0/proj`,
      '--token',
      'proj',
      '--only',
      'getBackup',
      '--generate',
      '0',
      '--require-coverage',
      '--output',
      output,
    ]);
    expect(res.code).toBe(4);
    expect(res.stdout).toMatch(/^Not checked, and why:$/m);
    expect(res.stdout).toMatch(/^INCOMPLETE: 0 failed/m);
    expect(readFileSync(output, 'utf8')).toMatch(/^<\?xml version="1\.0"/);
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
