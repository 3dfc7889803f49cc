// One property over generated requests: every request drawn from the
// arbitrary is sent and judged; the first failure is shrunk by fast-check
// to its smallest form, which the report shows with a replayable script.
import fc, { type Arbitrary } from 'fast-check';
import { type CheckContext, sendAs } from '../context.js';
import type { Exchange } from '../http.js';
import { judgeResponse } from '../judge.js';
import type { CaseHeader, CaseResult, CheckViolation } from '../report.js';
import type { ResourceLedger } from '../resources.js';
import { decide, skippedResult } from '../verdict.js';
import { curlScript } from './curl.js';
import type { GeneratedRequest } from './requests.js';

export interface PropertyRun {
  runs: number;
  seed: number;
  /** fast-check stops trying (and shrinking) after this. */
  timeLimitMs: number;
  /** Counts every request sent (for the benchmark's time per request). */
  onRequest: () => void;
}

/** What the contract says of an answer to a generated request. */
export function judgeGenerated(ctx: CheckContext, g: GeneratedRequest, exchange: Exchange): CheckViolation[] {
  const where = `${g.spec.method} ${g.spec.path} → ${exchange.response.status}`;
  const violations = judgeResponse(ctx.validator, g.operation, g.invalid?.status, exchange.response).map((v) => ({ ...v, where }));
  if (g.invalid && violations.length > 0) {
    violations.unshift({
      pointer: g.invalid.pointer,
      keyword: 'generated',
      message: `a request that breaks ${g.invalid.breaks} at ${g.invalid.pointer || 'the body'} was not refused with ${g.invalid.status}`,
      expected: g.invalid.status,
      actual: exchange.response.status,
      where,
    });
  }
  if (!g.invalid && exchange.response.status >= 500) {
    violations.push({
      pointer: '',
      keyword: 'generated',
      message: `a valid request got a server error: ${exchange.response.status}`,
      expected: 'a documented success or refusal (2xx or 4xx)',
      actual: exchange.response.status,
      where,
    });
  }
  return violations;
}

/**
 * Checks each arbitrary in turn (a share of the runs each, at least two),
 * up to the first failure: one report entry for them all.
 */
export async function checkRequests(
  ctx: CheckContext,
  ledger: ResourceLedger,
  header: CaseHeader,
  arbitraries: Arbitrary<GeneratedRequest>[],
  run: PropertyRun,
): Promise<CaseResult> {
  const startedAt = Date.now();
  const share = { ...run, runs: Math.max(2, Math.ceil(run.runs / arbitraries.length)) };
  let result: CaseResult | undefined;
  for (const arbitrary of arbitraries) {
    result = await checkOne(ctx, ledger, header, arbitrary, share);
    if (result.outcome !== 'pass') break;
  }
  if (result) result.durationMs = Date.now() - startedAt;
  return result ?? decide(ctx, header, [], undefined, 0);
}

async function checkOne(
  ctx: CheckContext,
  ledger: ResourceLedger,
  header: CaseHeader,
  arbitrary: Arbitrary<GeneratedRequest>,
  run: PropertyRun,
): Promise<CaseResult> {
  const startedAt = Date.now();
  let failing: { g: GeneratedRequest; exchange: Exchange; violations: CheckViolation[] } | undefined;
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async (g) => {
      const exchange = await sendAs(ctx, g.spec);
      run.onRequest();
      ledger.observe(g.operation, exchange);
      const violations = judgeGenerated(ctx, g, exchange);
      if (violations.length === 0) return true;
      failing = { g, exchange, violations };
      return false;
    }),
    { numRuns: run.runs, seed: run.seed, interruptAfterTimeLimit: run.timeLimitMs, markInterruptAsFailure: false },
  );
  if (ctx.stop.stopped) return skippedResult(header, ctx.stop.skipReason);
  if (!result.failed) return decide(ctx, header, [], undefined, Date.now() - startedAt);
  if (!failing) {
    const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    return decide(ctx, header, [{ pointer: '', keyword: 'response', message: error }], undefined, Date.now() - startedAt);
  }
  const decided = decide(ctx, header, failing.violations, failing.exchange, Date.now() - startedAt);
  decided.replay = curlScript(ctx.root, [failing.g.spec]);
  decided.title = `${header.title} (shrunk after ${result.numRuns} runs, ${result.numShrinks} shrinks; seed ${run.seed})`;
  return decided;
}
