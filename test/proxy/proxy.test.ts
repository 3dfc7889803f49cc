// The validating proxy (Prism in proxy mode) on live traffic: exchanges pass
// through unchanged, and every contract violation is collected with its
// operation, status, JSON pointer and the value found there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProxy, startValidatingProxy } from '../../src/proxy/proxy.js';
import { formatExchange, formatProxySummary } from '../../src/proxy/report.js';
import { eachBackup, startBrokenServer } from '../check/broken-servers/harness.js';

const B1 = 'b1111111-1111-1111-1111-111111111111';
const headers = { 'X-Auth-Token': 'proj', Accept: 'application/json' };

let broken: { url: string; close: () => Promise<void> };
let proxy: RunningProxy;
beforeAll(async () => {
  // A server whose backups are "DONE" instead of "COMPLETED".
  broken = await startBrokenServer({
    description: 'status outside the enum',
    response: (answer) => {
      eachBackup(answer.json, (b) => {
        if (b.status === 'COMPLETED') b.status = 'DONE';
      });
      return answer;
    },
    expect: { case: '' },
  });
  proxy = await startValidatingProxy({ upstream: broken.url });
});
afterAll(async () => {
  await proxy?.close();
  await broken?.close();
});

describe('the validating proxy', () => {
  it('passes exchanges through and reports a response that breaks the contract', async () => {
    const res = await fetch(`${proxy.url}/v1.0/proj/backups/${B1}`, { headers });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { backup: { status: string } }).backup.status).toBe('DONE');
    const { violations } = proxy.summary();
    expect(violations).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        status: 200,
        operation: 'getBackup',
        side: 'response',
        part: 'body',
        pointer: '/backup/status',
        keyword: 'enum',
        severity: 'error',
        actual: 'DONE',
      }),
    );
    expect(formatExchange('GET', `/v1.0/proj/backups/${B1}`, 200, violations)).toMatch(
      /^VIOLATION GET \/v1\.0\/proj\/backups\/b1+-.* → 200 \(getBackup 200\)\n {2}at response body \/backup\/status \[enum\]: .*\n {4}actual: "DONE"/,
    );
  });

  it("reports a request that breaks the contract, as the client's", async () => {
    const res = await fetch(`${proxy.url}/v1.0/proj/backups?limit=abc`, { headers });
    expect(res.status).toBe(400);
    expect(proxy.summary().violations).toContainEqual(
      expect.objectContaining({ side: 'request', part: 'query', pointer: '/limit', operation: 'listBackups', severity: 'error' }),
    );
  });

  it('counts the exchanges and groups the violations in its summary', async () => {
    await fetch(`${proxy.url}/`, { headers: { Accept: 'application/json' } });
    const summary = proxy.summary();
    expect(summary.exchanges).toBe(3);
    expect(summary.failed).toBe(2);
    expect(formatProxySummary(summary)).toMatch(/^trove-backups proxy summary: 3 exchanges, 2 broke the contract/);
    expect(formatProxySummary(summary)).toMatch(/1× getBackup 200: response body \/backup\/status \[enum\]/);
  });
});
