// The result of a check: one entry per case (a documented status provoked
// through Dredd, a step of the stateful flow, or the cleanup), and the
// verdict that decides the exit code.
import type { Violation } from '../contract/validator.js';
import type { NotChecked, RootCause } from './root-causes.js';
import type { StopReason } from './stop.js';

/** A violation, and the request that met it when a case sent several. */
export interface CheckViolation extends Violation {
  where?: string;
}

export type SkipKind = 'untestable' | 'not-covered';

export type Outcome = 'pass' | 'fail' | 'known-deviation' | 'skip';

export type Section = 'statuses' | 'flow' | 'generated' | 'cleanup';

export const SECTION_TITLES: Record<Section, string> = {
  statuses: 'Documented statuses (one Dredd transaction each)',
  flow: 'Stateful flow',
  generated: "Generated tests (from the contract's schemas, with fast-check)",
  cleanup: 'Cleanup',
};

/** What names a case, before it has run. */
export interface CaseHeader {
  /** Stable, unique name: `<operation> <status> <variant>`, `flow <step>`, or `cleanup`. */
  id: string;
  section: Section;
  operation: string;
  /** The documented status this case expects, when it expects one. */
  status?: number;
  /** A variant of the case (another way to provoke the same status), or the flow step. */
  variant?: string;
  /** What the case does, in words. */
  title: string;
}

export interface CaseResult extends CaseHeader {
  outcome: Outcome;
  /** The request that decided the outcome (the last one, for multi-request steps). */
  request?: { method: string; path: string };
  /** What the server answered to it. */
  response?: { status: number; body?: unknown };
  violations: CheckViolation[];
  /** Why the case was skipped. */
  reason?: string;
  /**
   * untestable: no request from outside can provoke it on this target (a
   * 500, a mock's missing state); not-covered: the options, the time or the
   * server's state left it unchecked (what a required coverage refuses).
   */
  skipKind?: SkipKind;
  /** A shell script that replays the failing requests (generated tests). */
  replay?: string;
  /** The known deviation that excused the violations. */
  deviation?: { id: string; reason: string };
  durationMs: number;
}

export interface ReportHeader {
  endpoint: string;
  project: string;
  target: 'server' | 'mock';
  /** Why the check treats the endpoint as it does (given, or how it was detected). */
  targetReason: string;
  readOnly: boolean;
  only?: string;
  knownDeviations?: string;
}

export interface CheckReport extends ReportHeader {
  startedAt: string;
  durationMs: number;
  results: CaseResult[];
  /** Listed deviations that no case needed: fixed upstream, or the list is for another server. */
  unusedDeviations: string[];
  summary: Summary;
  /** The violations grouped by cause, most frequent first. */
  rootCauses: RootCause[];
  /** What was not checked, and why (the skips a user can act on). */
  notChecked: NotChecked[];
  /** Set when the run stopped before its end. */
  stopped?: { reason: StopReason; message: string };
  /** The generated tests' seed and size, to replay them. */
  generated?: { seed: number; runs: number };
}

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  knownDeviations: number;
  skipped: number;
}

export function summarize(results: CaseResult[]): Summary {
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  return {
    total: results.length,
    passed: count('pass'),
    failed: count('fail'),
    knownDeviations: count('known-deviation'),
    skipped: count('skip'),
  };
}

/** What a run comes to, in the order they win: the CLI maps each to its exit code. */
export type Verdict = 'interrupted' | 'unusable' | 'failed' | 'incomplete' | 'passed';

export interface VerdictOptions {
  /** Any case left unchecked for a reason the user can act on makes the run incomplete. */
  requireCoverage?: boolean;
}

export function notCovered(report: CheckReport): CaseResult[] {
  return report.results.filter((r) => r.outcome === 'skip' && r.skipKind !== 'untestable');
}

export function verdictOf(report: CheckReport, options: VerdictOptions = {}): Verdict {
  if (report.stopped?.reason === 'interrupted') return 'interrupted';
  if (report.stopped?.reason === 'unusable') return 'unusable';
  if (report.summary.failed > 0) return 'failed';
  if (report.stopped?.reason === 'deadline') return 'incomplete';
  if (options.requireCoverage && notCovered(report).length > 0) return 'incomplete';
  return 'passed';
}
