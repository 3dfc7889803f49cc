// The generated tests (issue 11): each server of generated-servers/ breaks
// the contract in a way that only the generated tests catch (no recipe and
// no flow step fails on it), and the report names the cause and gives a
// replayable curl script. A seed replays the same tests; read-only sends
// GETs only; the reference server passes them (reference-server.test.ts,
// mock.test.ts run them by default too).
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/report.js';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { filesUnder, root } from '../helpers/files.js';
import { type BrokenServer, startBrokenServer } from './broken-servers/harness.js';
import { checkAgainst } from './check-options.js';

const SEED = 424242;
const files = filesUnder('test/check/generated-servers', '.ts');

describe.each(files.map((f) => [basename(f, '.ts'), f]))('the generated tests against %s', (_name, file) => {
  let server: BrokenServer;
  let report: CheckReport;
  beforeAll(async () => {
    server = ((await import(pathToFileURL(join(root, file)).href)) as { default: BrokenServer }).default;
    const running = await startBrokenServer(server);
    try {
      report = await checkAgainst(running.url, { seed: SEED });
    } finally {
      await running.close();
    }
  }, 180_000);

  it('catch it, naming the cause, with a replay script', () => {
    const { case: id, pointer, keyword } = server.expect;
    const failed = report.results.find((r) => r.outcome === 'fail' && r.id.startsWith(id));
    expect(failed, report.rootCauses.map((c) => c.rule).join(' | ')).toBeDefined();
    expect(failed?.violations.some((v) => (pointer === undefined || v.pointer === pointer) && v.keyword === keyword)).toBe(true);
    expect(failed?.replay).toMatch(
      /^#!\/bin\/sh\n[\s\S]*curl -sS -i -X (GET|POST|DELETE) 'http:\/\/127\.0\.0\.1:\d+\/v1\.0\/proj\/backups/,
    );
    expect(failed?.title).toMatch(new RegExp(`seed ${SEED}`));
  });

  it('is caught by nothing but the generated tests', () => {
    const others = report.results.filter((r) => r.outcome === 'fail' && r.section !== 'generated');
    expect(others.map((r) => `${r.id}: ${r.violations[0]?.message}`)).toEqual([]);
  });
});

describe('the generated tests against the reference server', () => {
  let server: RunningReferenceServer;
  beforeAll(async () => {
    server = await startReferenceServer({ config: { timings: { newMs: 300, buildingMs: 300 } } });
  });
  afterAll(() => server.close());

  it('replay the same requests with the same seed', async () => {
    const requests: string[][] = [[], []];
    for (const i of [0, 1]) {
      const report = await checkAgainst(server.url, { seed: SEED, generate: 10, only: 'listBackups' });
      expect(report.summary.failed).toBe(0);
      requests[i] = report.results.filter((r) => r.section === 'generated').map((r) => `${r.id} ${r.outcome}`);
    }
    expect(requests[0]?.length).toBeGreaterThan(0);
    expect(requests[1]).toEqual(requests[0]);
  }, 120_000);

  it('send GETs only when read-only, and skip the rest with the reason', async () => {
    const seen: string[] = [];
    const proxy = await startBrokenServer({
      description: 'a recorder',
      request: (req) => {
        seen.push(req.method);
        return undefined;
      },
      expect: { case: '' },
    });
    try {
      const report = await checkAgainst(proxy.url, { seed: SEED, generate: 10, readOnly: true });
      expect(report.summary.failed).toBe(0);
      expect(new Set(seen)).toEqual(new Set(['GET']));
      const generated = report.results.filter((r) => r.section === 'generated');
      expect(generated.filter((r) => r.outcome === 'pass').length).toBeGreaterThan(3);
      for (const r of generated.filter((g) => g.outcome === 'skip')) expect(r.reason).toMatch(/^read-only: /);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
