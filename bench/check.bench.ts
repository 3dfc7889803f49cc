// `npm run bench check`: the full default check (Dredd's transactions, the
// stateful flow, the generated tests, the cleanup) against a local
// reference server, where a backup takes 2 × 500 ms to complete (long
// enough for the 422 cases, which need the check's backup still running,
// on a busy machine). Issue 11's
// target: a full default run ≤ 20 s on this machine, not counting backup
// completion. It also prints the time per generated request, against the
// time per request of the recipes and the flow measured in the same run
// (a run with --generate 0). A benchmark, not a test: it prints, it
// asserts nothing.
//
// The check and the server find the spec and Dredd's hook file relative to
// their own files, so they are loaded from dist/ (built first), not bundled.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Check from '../src/check/run.js';
import type * as Server from '../src/server/index.js';

const TARGET_MS = 20_000;
const BACKUP_MS = 1000;
const RUNS = 3;
const SEED = 20_261_201;

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(process.execPath, ['scripts/copy-assets.mjs'], { stdio: 'inherit' });
const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(process.cwd(), 'dist', path)).href) as Promise<T>;
const { runCheck, DEFAULT_TIMEOUT_MS } = await load<typeof Check>('check/run.js');
const { DEFAULT_GENERATED_RUNS } = await load<typeof import('../src/check/generated/run.js')>('check/generated/run.js');
const { SEED_INSTANCE, startReferenceServer } = await load<typeof Server>('server/index.js');

const server = await startReferenceServer({ config: { timings: { newMs: BACKUP_MS / 2, buildingMs: BACKUP_MS / 2 } } });

async function timed(generate: number): Promise<{ ms: number; generatedRequests: number; generatedMs: number; cases: number }> {
  let generatedRequests = 0;
  const started = performance.now();
  const report = await runCheck({
    endpoint: `${server.url}/v1.0/proj`,
    token: 'proj',
    adminToken: 'admin',
    adminProject: 'admin',
    instance: SEED_INSTANCE,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    generate,
    seed: SEED,
    onGeneratedRequest: () => {
      generatedRequests += 1;
    },
  });
  const ms = performance.now() - started;
  if (report.summary.failed > 0) {
    const failures = report.results
      .filter((r) => r.outcome === 'fail')
      .map((r) => `${r.id}: ${JSON.stringify(r.violations)}\n${r.replay ?? ''}`);
    throw new Error(`the check failed against the reference server:\n${failures.join('\n')}`);
  }
  const generatedMs = report.results.filter((r) => r.section === 'generated').reduce((sum, r) => sum + r.durationMs, 0);
  return { ms, generatedRequests, generatedMs, cases: report.summary.total };
}

try {
  await timed(0); // loads Dredd once, outside the measurements
  const full: number[] = [];
  const perGenerated: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const without = await timed(0);
    const withGenerated = await timed(DEFAULT_GENERATED_RUNS);
    baseline.push(without.ms);
    full.push(withGenerated.ms);
    perGenerated.push(withGenerated.generatedMs / Math.max(1, withGenerated.generatedRequests));
    console.log(
      `run ${i + 1}: default check ${(withGenerated.ms / 1000).toFixed(2)} s (${withGenerated.cases} cases, ${withGenerated.generatedRequests} generated requests in ${(withGenerated.generatedMs / 1000).toFixed(2)} s); without generated tests ${(without.ms / 1000).toFixed(2)} s`,
    );
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `full default check (generate ${DEFAULT_GENERATED_RUNS}, seed ${SEED}): mean ${(mean(full) / 1000).toFixed(2)} s over ${RUNS} runs, ` +
      `${(mean(full) / TARGET_MS).toFixed(2)} of the 20 s target (the server's backups take about ${(3 * BACKUP_MS) / 1000} s of it, plus the sequences' creates)`,
  );
  console.log(
    `generated tests: ${mean(perGenerated).toFixed(1)} ms per generated request; the whole check ${(mean(full) / mean(baseline)).toFixed(2)}× the check without them (${(mean(baseline) / 1000).toFixed(2)} s, same run)`,
  );
} finally {
  await server.close();
}
