// The check against the Prism mock: it says it is a mock (and why), answers
// every documented status with `Prefer: code=`, and reports the stateful
// steps as skipped with the reason. It passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_REASON } from '../../src/check/flow/flow.js';
import type { CheckReport } from '../../src/check/report.js';
import { runCheck } from '../../src/check/run.js';
import { ContractValidator } from '../../src/contract/validator.js';
import { type RunningPrism, startPrism } from '../../src/mock/prism.js';
import { runCli } from '../helpers/cli.js';

let prism: RunningPrism;
let report: CheckReport;
beforeAll(async () => {
  prism = await startPrism();
  report = await runCheck({ endpoint: prism.url, token: 'any-token' });
});
afterAll(() => prism.close());

describe('the check against the Prism mock', () => {
  it('detects the mock and says how', () => {
    expect(report.target).toBe('mock');
    expect(report.targetReason).toMatch(/Prefer: code=406/);
  });

  it('passes every documented status of every operation', () => {
    const documented = new ContractValidator().operations.flatMap((op) =>
      Object.keys(op.operation.responses).map((status) => `${op.operationId} ${status}`),
    );
    const passed = report.results.filter((r) => r.section === 'statuses' && r.outcome === 'pass').map((r) => `${r.operation} ${r.status}`);
    expect(passed.sort()).toEqual(documented.sort());
    expect(report.summary.failed).toBe(0);
  });

  it('passes the generated valid requests, and skips what a mock cannot answer, with the reason', () => {
    const generated = report.results.filter((r) => r.section === 'generated');
    expect(generated.filter((r) => r.id.startsWith('generated valid')).every((r) => r.outcome === 'pass')).toBe(true);
    expect(generated.find((r) => r.id === 'generated sequences createBackup')).toMatchObject({ outcome: 'skip', skipKind: 'untestable' });
  });

  it('reports the stateful flow as skipped, with the reason', () => {
    const flow = report.results.filter((r) => r.section === 'flow');
    expect(flow.length).toBeGreaterThan(5);
    for (const step of flow) expect(step).toMatchObject({ outcome: 'skip', reason: MOCK_REASON });
  });

  it('reports the server-only variants as skipped, with the reason', () => {
    const variant = report.results.find((r) => r.id === 'createBackup 400 empty-object');
    expect(variant).toMatchObject({ outcome: 'skip', reason: expect.stringMatching(/mock/) as unknown });
  });

  it('passes from the command line too (exit code 0), and --target server says otherwise', async () => {
    const ok = await runCli(['check', '--endpoint', prism.url, '--token', 't', '--generate', '5']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^target: mock \(detected/m);
    expect(ok.stdout).toMatch(/PASSED: 0 failed/);
    // Told it is a server, the check sends server requests, which a mock cannot honour.
    const forced = await runCli([
      'check',
      '--endpoint',
      `${prism.url}/v1.0/proj`,
      '--token',
      't',
      '--target',
      'server',
      '--only',
      'getBackup',
      '--generate',
      '0',
    ]);
    expect(forced.code).toBe(1);
    expect(forced.stdout).toMatch(/^target: server \(given\)/m);
  }, 90_000);
});
