// The proof against each real Trove release (18, 23 and 26, run by the
// project's harness): with the bundled list of that release's known deviations
// the check passes, every deviation it excuses being named; without the list,
// the same deviations fail the check. Nothing is silently skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE, PROJECT } from '../../scripts/record-trove.mjs';
import type { CheckReport } from '../../src/check/report.js';
import { runCheck } from '../../src/check/run.js';
import { runCli } from '../helpers/cli.js';
import { type RunningTrove, startTrove, TROVE_RELEASES, TROVE_START_TIMEOUT_MS, type TroveRelease } from '../helpers/trove-server.js';

const NO_TOKEN = [
  'createBackup 401 no-token',
  'createBackupStrategy 401 no-token',
  'deleteBackup 401 no-token',
  'deleteBackupStrategies 401 no-token',
  'getBackup 401 no-token',
  'listBackupStrategies 401 no-token',
  'listBackups 401 no-token',
  'listInstanceBackups 401 no-token',
];
const NON_INTEGER_PAGE = [
  'listBackups 400 non-integer-limit',
  'listBackups 400 non-integer-marker',
  'listInstanceBackups 400 non-integer-limit',
  'listInstanceBackups 400 non-integer-marker',
];

/** What each release's list excuses, by deviation id: the cases, sorted. */
const EXCUSED: Record<TroveRelease, Record<string, string[]>> = {
  '18': {
    'peer-without-keystone': NO_TOKEN,
    'empty-body-500': ['createBackup 400 empty-object', 'createBackupStrategy 400 empty-object'],
    'non-integer-page-parameter-500': NON_INTEGER_PAGE,
    'empty-project-id-403': ['deleteBackupStrategies 400 empty-project-id', 'listBackupStrategies 400 empty-project-id'],
  },
  '23': {
    'peer-without-keystone': NO_TOKEN,
    'empty-body-500': ['createBackup 400 empty-object', 'createBackupStrategy 400 empty-object'],
    'non-integer-page-parameter-500': NON_INTEGER_PAGE,
    'empty-project-id-403': ['deleteBackupStrategies 400 empty-project-id', 'listBackupStrategies 400 empty-project-id'],
  },
  '26': {
    'peer-without-keystone': NO_TOKEN,
    'empty-body-500': ['createBackup 400 empty-object', 'createBackupStrategy 400 empty-object'],
    'non-integer-page-parameter-500': NON_INTEGER_PAGE,
    'empty-project-id-403': ['deleteBackupStrategies 400 empty-project-id', 'listBackupStrategies 400 empty-project-id'],
    'running-backup-delete-500': ['deleteBackup 422 running-backup'],
  },
};

describe.each(TROVE_RELEASES)('the check against the real Trove %s', (release) => {
  let trove: RunningTrove;
  let report: CheckReport;
  beforeAll(async () => {
    trove = await startTrove(release);
    try {
      report = await runCheck({
        endpoint: `${trove.url}/v1.0/${PROJECT}`,
        token: PROJECT,
        adminToken: 'admin',
        adminProject: 'admin',
        instance: INSTANCE,
        knownDeviations: `trove-${release}`,
        timeoutMs: 180_000,
        // The recipes and the flow; the generated tests are proven on the reference server and the mock.
        generate: 0,
      });
    } catch (err) {
      await trove.stop();
      throw err;
    }
  }, TROVE_START_TIMEOUT_MS);
  afterAll(() => trove?.stop());

  async function everyBackup(): Promise<unknown> {
    const res = await fetch(`${trove.url}/v1.0/admin/backups?all_projects=True&limit=1000`, {
      headers: { 'X-Auth-Token': 'admin', Accept: 'application/json' },
    });
    return res.json();
  }

  it(`passes with the known deviations of Trove ${release}`, () => {
    const failed = report.results.filter((r) => r.outcome === 'fail');
    expect(failed.map((r) => `${r.id}: ${r.violations.map((v) => v.message).join('; ')}`)).toEqual([]);
    expect(report.target).toBe('server');
  });

  it('reports each deviation it excuses by name, and no other', () => {
    const excused = report.results.filter((r) => r.outcome === 'known-deviation');
    const ids = [...new Set(excused.map((r) => r.deviation?.id ?? '?'))];
    const byDeviation = Object.fromEntries(
      ids.map((id) => [
        id,
        excused
          .filter((r) => r.deviation?.id === id)
          .map((r) => r.id)
          .sort(),
      ]),
    );
    expect(byDeviation).toEqual(EXCUSED[release]);
    expect(report.unusedDeviations).toEqual([]);
  });

  it('follows a backup through its life on Trove', () => {
    const flow = report.results.filter((r) => r.section === 'flow');
    expect(flow).toHaveLength(12);
    // Only the release's known deviations in the flow; the rest passes.
    const excusedInFlow = Object.values(EXCUSED[release]).flat();
    expect(flow.filter((r) => r.outcome !== 'pass' && !excusedInFlow.includes(r.id)).map((r) => r.id)).toEqual([]);
    for (const id of [
      'createBackup 202 full-backup',
      'createBackup 422 instance-busy',
      'deleteBackup 422 running-backup',
      'deleteBackup 202 completed-backup',
      'getBackup 404 other-project-backup',
    ]) {
      expect(report.results.find((r) => r.id === id)?.outcome, id).toBe(excusedInFlow.includes(id) ? 'known-deviation' : 'pass');
    }
    expect(report.results.find((r) => r.section === 'cleanup')).toBeUndefined();
  });

  it('skips only what cannot be provoked from outside, each with its reason', () => {
    const skipped = report.results.filter((r) => r.outcome === 'skip');
    expect(new Set(skipped.map((r) => r.status))).toEqual(new Set([413, 422, 500, 501, 503]));
    expect(skipped.every((r) => (r.reason ?? '').length > 10)).toBe(true);
  });

  it('fails without the list, naming the deviations, and --read-only changes nothing', async () => {
    const before = await everyBackup();
    const res = await runCli(
      ['check', '--endpoint', `${trove.url}/v1.0/${PROJECT}`, '--token', PROJECT, '--instance', INSTANCE, '--read-only', '--generate', '0'],
      { timeoutMs: 180_000 },
    );
    expect(await everyBackup()).toEqual(before);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(
      /FAIL {2}listBackups 401 no-token - without X-Auth-Token\n\s+GET \/v1\.0\/proj\/backups → 500\n\s+at \(response\) \[status\]: answered 500 where 401 was expected\n\s+expected: 401\n\s+actual: {3}500/,
    );
    expect(res.stdout).toMatch(/FAIL {2}listInstanceBackups 400 non-integer-limit/);
    expect(res.stdout).toMatch(/SKIP {2}createBackup 202 full-backup .*\n\s+skipped: read-only/);
    expect(res.stdout).toMatch(/^FAILED: \d+ failed/m);
  }, 240_000);
});
