// The check against the reference server (issue 6), which follows the
// contract: every case passes, the state-dependent ones included, and
// --read-only changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/report.js';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { checkAgainst } from './check-options.js';

let server: RunningReferenceServer;
let report: CheckReport;
beforeAll(async () => {
  // Backups run 1.5 s: long enough for the 422 cases (a backup must be running), on a busy machine too.
  server = await startReferenceServer({ config: { timings: { newMs: 1000, buildingMs: 500 } } });
  report = await checkAgainst(server.url);
}, 60_000);
afterAll(() => server.close());

const outcome = (id: string) => report.results.find((r) => r.id === id)?.outcome;

async function everyBackup(): Promise<unknown> {
  const res = await fetch(`${server.url}/v1.0/admin/backups?all_projects=True&limit=1000`, { headers: { 'X-Auth-Token': 'admin' } });
  return res.json();
}

describe('the check against the reference server', () => {
  it('passes the generated tests too', () => {
    const generated = report.results.filter((r) => r.section === 'generated');
    expect(generated.length).toBeGreaterThan(10);
    expect(generated.filter((r) => r.outcome !== 'pass')).toEqual([]);
  });

  it('passes, with no failure and no deviation', () => {
    const failures = report.results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skip');
    expect(failures).toEqual([]);
    expect(report.target).toBe('server');
  });

  it('provokes the documented statuses that need state', () => {
    for (const id of [
      'createBackup 202 full-backup',
      'createBackup 422 instance-busy',
      'deleteBackup 422 running-backup',
      'getBackup 200 existing-backup',
      'deleteBackup 202 completed-backup',
      'getBackup 404 other-project-backup',
      'listInstanceBackups 404 other-project-instance',
      'createBackupStrategy 202 instance-strategy',
    ]) {
      expect(outcome(id), id).toBe('pass');
    }
  });

  it('runs every step of the stateful flow', () => {
    const flow = report.results.filter((r) => r.section === 'flow');
    expect(flow.map((r) => r.id)).toEqual([
      'flow delete-took-effect',
      'flow create-full',
      'flow wait-completed',
      'flow show',
      'flow list-pages',
      'flow list-pages-filtered',
      'flow instance-list-pages',
      'flow create-incremental',
      'flow wait-incremental',
      'flow delete',
      'flow gone-after-delete',
      'flow gone-from-lists',
    ]);
    expect(flow.filter((r) => r.outcome !== 'pass')).toEqual([]);
  });

  it('skips only what cannot be provoked from outside, each with its reason', () => {
    const skipped = report.results.filter((r) => r.outcome === 'skip');
    expect(skipped.every((r) => r.reason && r.reason.length > 10)).toBe(true);
    expect(new Set(skipped.map((r) => r.status))).toEqual(new Set([413, 422, 500, 501, 503]));
  });

  it('leaves nothing behind', async () => {
    // The generated sequences leave backups for the cleanup, which must delete them all.
    const cleanup = report.results.find((r) => r.section === 'cleanup');
    expect(cleanup?.outcome ?? 'pass').toBe('pass');
    const all = (await everyBackup()) as { backups: { name: string }[] };
    expect(all.backups.map((b) => b.name).filter((n) => n.startsWith('trove-backups-check'))).toEqual([]);
  });

  it('changes nothing with --read-only, and still passes', async () => {
    const before = await everyBackup();
    const readOnly = await checkAgainst(server.url, { readOnly: true });
    expect(await everyBackup()).toEqual(before);
    expect(readOnly.summary.failed).toBe(0);
    const writes = readOnly.results.filter((r) => r.request && r.request.method !== 'GET');
    expect(writes).toEqual([]);
    expect(readOnly.results.find((r) => r.id === 'createBackup 202 full-backup')?.reason).toMatch(/^read-only: /);
    expect(readOnly.results.find((r) => r.id === 'flow list-pages')?.outcome).toBe('pass');
  });
});
