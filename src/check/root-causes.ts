// Groups the violations of a report into root causes: one server bug
// (a field left out, a wrong status) shows up in many cases, and the reader
// wants it once, with where it occurs, how often, and one example.
import type { CaseResult, CheckReport, CheckViolation } from './report.js';

export interface RootCause {
  /** The rule broken: the violation's keyword and its message with IDs and numbers made generic. */
  rule: string;
  keyword: string;
  /** The JSON pointer with array indexes as `*`. */
  pointer: string;
  operations: string[];
  /** How many violations share this cause, and in how many cases. */
  count: number;
  cases: number;
  /** One occurrence, with the exchange that showed it. */
  example: { case: string; violation: CheckViolation; request?: CaseResult['request']; response?: CaseResult['response'] };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function pointerPattern(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

function genericMessage(message: string): string {
  return message.replace(UUID, '<id>').replace(/\b\d+(\.\d+)?\b/g, 'N');
}

/** The root causes of the failed cases, most frequent first. */
export function rootCauses(report: Pick<CheckReport, 'results'>): RootCause[] {
  const causes = new Map<string, RootCause & { caseIds: Set<string> }>();
  for (const r of report.results) {
    if (r.outcome !== 'fail') continue;
    for (const v of r.violations) {
      // Undocumented properties of one object are one cause (a missing envelope gives a dozen).
      const extra = v.keyword === 'additionalProperties';
      const pointer = pointerPattern(extra ? v.pointer.replace(/\/[^/]*$/, '') : v.pointer);
      const rule = extra ? 'additionalProperties: undocumented properties' : `${v.keyword}: ${genericMessage(v.message)}`;
      const key = `${rule}\u0000${pointer}`;
      let cause = causes.get(key);
      if (!cause) {
        const example: RootCause['example'] = { case: r.id, violation: v };
        if (r.request) example.request = r.request;
        if (r.response) example.response = r.response;
        cause = { rule, keyword: v.keyword, pointer, operations: [], count: 0, cases: 0, example, caseIds: new Set() };
        causes.set(key, cause);
      }
      cause.count += 1;
      cause.caseIds.add(r.id);
      if (!cause.operations.includes(r.operation)) cause.operations.push(r.operation);
    }
  }
  return [...causes.values()]
    .map(({ caseIds, ...cause }) => ({ ...cause, cases: caseIds.size }))
    .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
}

export interface NotChecked {
  reason: string;
  cases: string[];
}

/** The skipped cases that a user could have had checked, grouped by reason. */
export function notCheckedByReason(results: CaseResult[]): NotChecked[] {
  const byReason = new Map<string, string[]>();
  for (const r of results) {
    if (r.outcome !== 'skip' || r.skipKind === 'untestable') continue;
    const reason = r.reason ?? 'no reason given';
    byReason.set(reason, [...(byReason.get(reason) ?? []), r.id]);
  }
  return [...byReason].map(([reason, cases]) => ({ reason, cases })).sort((a, b) => b.cases.length - a.cases.length);
}
