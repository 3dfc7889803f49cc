// `npm run bench`: a full check (Dredd's transactions, the stateful flow,
// the cleanup) against a local reference server, where a backup takes
// 2 × 50 ms to complete. The budget is 15 s, not counting the time
// the server takes to complete the check's three backups. A benchmark, not a
// test: it prints, it asserts nothing.
//
// The check and the server find the spec and Dredd's hook file relative to
// their own files, so they are loaded from dist/ (built first), not bundled.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Check from '../src/check/run.js';
import type * as Server from '../src/server/index.js';

const BUDGET_MS = 15_000;
const BACKUP_MS = 100;
const RUNS = 3;

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(process.execPath, ['scripts/copy-assets.mjs'], { stdio: 'inherit' });
const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(process.cwd(), 'dist', path)).href) as Promise<T>;
const { runCheck } = await load<typeof Check>('check/run.js');
const { SEED_INSTANCE, startReferenceServer } = await load<typeof Server>('server/index.js');

const server = await startReferenceServer({ config: { timings: { newMs: BACKUP_MS / 2, buildingMs: BACKUP_MS / 2 } } });
const durations: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const report = await runCheck({
      endpoint: `${server.url}/v1.0/proj`,
      token: 'proj',
      adminToken: 'admin',
      adminProject: 'admin',
      instance: SEED_INSTANCE,
      timeoutMs: 10_000,
    });
    durations.push(performance.now() - started);
    if (report.summary.failed > 0) throw new Error(`the check failed against the reference server: ${report.summary.failed} failures`);
    console.log(
      `run ${i + 1}: ${(durations[i]! / 1000).toFixed(2)} s (${report.summary.passed} passed, ${report.summary.skipped} skipped)`,
    );
  }
} finally {
  await server.close();
}
const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
console.log(
  `full check against the reference server: mean ${(mean / 1000).toFixed(2)} s over ${RUNS} runs, ` +
    `${(mean / BUDGET_MS).toFixed(2)} of the 15 s budget (the server's backups take ${(3 * BACKUP_MS) / 1000} s of it; the first run includes loading Dredd)`,
);
