// `npm run bench`: a full check (Dredd's transactions, the stateful flow,
// the cleanup) against a local reference server, where a backup takes
// 2 × 50 ms to complete. The budget is 15 s, not counting the time
// the server takes to complete the check's three backups. A benchmark, not a
// test: it prints, it asserts nothing.
import { afterAll, bench, describe } from 'vitest';
import { runCheck } from '../src/check/run.js';
import { SEED_INSTANCE, startReferenceServer, type RunningReferenceServer } from '../src/server/index.js';

const BUDGET_MS = 15_000;
const BACKUP_MS = 100;
const RUNS = 3;
const durations: number[] = [];
let server: RunningReferenceServer | undefined;

function printSummary(): void {
  const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
  console.log(
    `full check against the reference server: mean ${(mean / 1000).toFixed(2)} s over ${durations.length} runs, ` +
      `${(mean / BUDGET_MS).toFixed(2)} of the 15 s budget (the server's backups take ${(3 * BACKUP_MS) / 1000} s of it)`,
  );
}

describe('trove-backups check', () => {
  afterAll(() => server?.close());

  bench(
    'full check against the reference server',
    async () => {
      server ??= await startReferenceServer({ config: { timings: { newMs: BACKUP_MS / 2, buildingMs: BACKUP_MS / 2 } } });
      const started = performance.now();
      const report = await runCheck({ endpoint: `${server.url}/v1.0/proj`, token: 'proj', adminToken: 'admin', adminProject: 'admin', instance: SEED_INSTANCE, timeoutMs: 10_000 });
      durations.push(performance.now() - started);
      if (report.summary.failed > 0) throw new Error(`the check failed against the reference server: ${report.summary.failed} failures`);
      if (durations.length === RUNS) printSummary();
    },
    { iterations: RUNS, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});
