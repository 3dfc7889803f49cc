// Turns what a case saw into its report entry: pass without violations,
// known deviation when a listed deviation excuses them all, fail otherwise.
import type { CheckContext } from './context.js';
import { findDeviation } from './deviations.js';
import type { Exchange } from './http.js';
import type { CaseHeader, CaseResult, CheckViolation, SkipKind } from './report.js';

export function decide(
  ctx: CheckContext,
  header: CaseHeader,
  violations: CheckViolation[],
  exchange: Exchange | undefined,
  durationMs: number,
): CaseResult {
  const result: CaseResult = { ...header, outcome: 'pass', violations, durationMs };
  if (exchange) {
    result.request = { method: exchange.request.method, path: exchange.request.path };
    result.response = { status: exchange.response.status };
    const body = exchange.body ?? (exchange.response.text === '' ? undefined : exchange.response.text);
    if (body !== undefined) result.response.body = body;
  }
  if (violations.length === 0) return result;
  const key = {
    operation: header.operation,
    ...(header.status === undefined ? {} : { status: header.status }),
    ...(header.variant === undefined ? {} : { variant: header.variant }),
  };
  const deviation = findDeviation(ctx.deviations, key, violations);
  if (deviation) {
    result.outcome = 'known-deviation';
    result.deviation = { id: deviation.id, reason: deviation.reason };
  } else {
    result.outcome = 'fail';
  }
  return result;
}

export function skippedResult(header: CaseHeader, reason: string, kind: SkipKind = 'not-covered'): CaseResult {
  return { ...header, outcome: 'skip', reason, skipKind: kind, violations: [], durationMs: 0 };
}
