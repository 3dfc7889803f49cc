// The check ends in bounded time against any broken server (issue 11):
// within 30 s where no backup has to complete, even with the default
// 300 s wait for a backup (what can never satisfy a wait fails at once);
// within its own deadline where the server completes or deletes nothing
// (what the deadline cut short is reported as not checked).
import { existsSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerUnusableError } from '../../src/check/errors.js';
import { type CheckReport, verdictOf } from '../../src/check/report.js';
import { root } from '../helpers/files.js';
import { type BrokenServer, FAST_TIMINGS, startBrokenServer } from './broken-servers/harness.js';
import { checkAgainst } from './check-options.js';

/** The issue's bound for a check where no backup has to complete. */
const BOUND_MS = 30_000;
/** The deadline given to the others: any deadline proves that it holds, a short one costs less. */
const DEADLINE_MS = 10_000;
const NEVER_MS = 3_600_000;

/** A server of stuck-servers/ (those that only the time bound is about) or of broken-servers/. */
async function load(name: string): Promise<BrokenServer> {
  const folder = existsSync(join(root, 'test/check/stuck-servers', `${name}.ts`)) ? 'stuck-servers' : 'broken-servers';
  const file = pathToFileURL(join(root, 'test/check', folder, `${name}.ts`)).href;
  return ((await import(file)) as { default: BrokenServer }).default;
}

async function timedCheck(
  name: string,
  options: Parameters<typeof checkAgainst>[1],
  config = FAST_TIMINGS,
): Promise<{ report: CheckReport; ms: number; server: BrokenServer }> {
  const server = await load(name);
  const running = await startBrokenServer(server, config);
  try {
    const started = Date.now();
    // The default wait for a backup (300 s), unless a deadline bounds the run.
    const report = await checkAgainst(running.url, { timeoutMs: 300_000, ...options });
    return { report, ms: Date.now() - started, server };
  } finally {
    await running.close();
  }
}

function expectCaught(report: CheckReport, server: BrokenServer): void {
  expect(verdictOf(report)).toBe('failed');
  const { case: id, pointer, keyword } = server.expect;
  const named = report.results.some(
    (r) =>
      r.outcome === 'fail' &&
      r.id.startsWith(id) &&
      r.violations.some((v) => (pointer === undefined || v.pointer === pointer) && (keyword === undefined || v.keyword === keyword)),
  );
  const failures = report.results
    .filter((r) => r.outcome === 'fail')
    .map((r) => `${r.id}: ${r.violations.map((v) => `${v.pointer} [${v.keyword}]${v.keyword === 'cleanup' ? v.message : ''}`).join(', ')}`);
  expect(named, `${id} ${pointer ?? ''} [${keyword ?? ''}] in ${failures.join(' | ')}`).toBe(true);
}

describe('the check against a server that accepts connections and never answers', () => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => sockets.add(socket));
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it(`gives up within ${BOUND_MS / 1000} s: the server cannot be checked`, async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    const error = await checkAgainst(`http://127.0.0.1:${port}`, { timeoutMs: 300_000 }).catch((err: unknown) => err);
    expect(Date.now() - started).toBeLessThanOrEqual(BOUND_MS);
    expect(error).toBeInstanceOf(ServerUnusableError);
    expect((error as Error).message).toMatch(/no answer within 10 s/);
  }, 60_000);
});

describe.each(['no-status', 'no-envelope', 'unknown-answers-200'])('the check against %s, with the default 300 s wait', (name) => {
  it(`ends within ${BOUND_MS / 1000} s and names the cause`, async () => {
    const { report, ms, server } = await timedCheck(name, {});
    expect(ms).toBeLessThanOrEqual(BOUND_MS);
    expectCaught(report, server);
    expect(report.stopped).toBeUndefined();
  }, 90_000);
});

describe.each([
  ['ignores-delete', FAST_TIMINGS],
  ['keeps-children', FAST_TIMINGS],
  ['never-completes', { timings: { newMs: NEVER_MS, buildingMs: NEVER_MS } }],
])('the check against %s, with a deadline', (name, config) => {
  it(`ends within its deadline (${DEADLINE_MS / 1000} s), cleanup included`, async () => {
    const { report, ms } = await timedCheck(name, { deadlineMs: DEADLINE_MS }, config);
    expect(ms).toBeLessThanOrEqual(DEADLINE_MS);
    // What the deadline cut short is skipped, not blamed (broken-servers.test.ts names these causes with a short wait).
    expect(['failed', 'incomplete']).toContain(verdictOf(report));
    expect(report.stopped?.reason).toBe('deadline');
    expect(report.notChecked.some((n) => n.reason.startsWith(`not run: the deadline of ${DEADLINE_MS / 1000} s was reached`))).toBe(true);
  }, 90_000);
});
