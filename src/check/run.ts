// `trove-backups check`: Dredd's transactions (one per documented status,
// provoked or skipped with the reason), then the stateful flow, then the
// generated tests, then the cleanup, all in one report with one verdict.
// Every request has a timeout, every wait a bound, and the whole run an
// optional deadline; a stop (deadline, interruption, a server that stopped
// answering) skips what is left, cleans up within a budget of its own and
// still returns the report so far.
import { ContractValidator } from '../contract/validator.js';
import { planCases } from './cases.js';
import { cleanup } from './cleanup.js';
import type { CheckContext, Progress } from './context.js';
import { loadDeviations } from './deviations.js';
import { DreddBridge } from './dredd/bridge.js';
import { runDredd } from './dredd/run.js';
import { parseEndpoint } from './endpoint.js';
import { CheckInputError, NoAnswerError, ServerUnusableError } from './errors.js';
import { runFlow } from './flow/flow.js';
import { DEFAULT_GENERATED_RUNS, runGenerated } from './generated/run.js';
import { REQUEST_TIMEOUT_MS } from './http.js';
import { type CaseResult, type CheckReport, type ReportHeader, summarize } from './report.js';
import { ResourceLedger } from './resources.js';
import { notCheckedByReason, rootCauses } from './root-causes.js';
import { RunStop } from './stop.js';
import { detectTarget, type Target } from './target.js';
import { WaitMemory } from './wait.js';

export interface CheckOptions {
  /** The Database endpoint: the API root, or (as in the service catalog) `<root>/v1.0/<project_id>`. */
  endpoint: string;
  /** X-Auth-Token of a non-admin user of the project. */
  token: string;
  /** The project, when the endpoint does not end in `/v1.0/<project_id>`. */
  project?: string;
  adminToken?: string;
  /** The admin token's project; the check's project by default. */
  adminProject?: string;
  /** An instance to back up. */
  instance?: string;
  /** Send nothing that could change the server. */
  readOnly?: boolean;
  /** Only this operation's cases. */
  only?: string;
  /** 'auto' (default) detects a Prism mock. */
  target?: Target | 'auto';
  /** A known-deviations file, or the name of a bundled list (`trove-18`). */
  knownDeviations?: string;
  /** How long to wait for a backup to complete or disappear (default 300 s). */
  timeoutMs?: number;
  /** How long one request may take (default 10 s). */
  requestTimeoutMs?: number;
  /** The whole run, cleanup included, ends within this; what is left unrun is skipped. */
  deadlineMs?: number;
  /** Aborting it interrupts the run (as Ctrl-C does): the cleanup runs, and the report so far is returned. */
  signal?: AbortSignal;
  /** How many generated requests and sequences to try (0: none; default DEFAULT_GENERATED_RUNS). */
  generate?: number;
  /** The seed of the generated tests: the same seed replays the same tests. */
  seed?: number;
  /** Called once the target is known, before the first case. */
  onStart?: (header: ReportHeader) => void;
  /** Called with each result as it is decided (for progress output). */
  onResult?: (result: CaseResult) => void;
  /** Called for each generated request sent (the benchmark's time per request). */
  onGeneratedRequest?: () => void;
  /** Called while the check waits (for live progress output). */
  onProgress?: (progress: Progress) => void;
}

export const DEFAULT_TIMEOUT_MS = 300_000;
/** What the cleanup may take after an interruption or a server that stopped answering. */
export const STOPPED_CLEANUP_MS = 30_000;
const REPORT_MARGIN_MS = 500;

function validate(options: CheckOptions, validator: ContractValidator): void {
  if (!options.token) throw new CheckInputError('is required', 'token');
  if (options.only !== undefined && !validator.operations.some((o) => o.operationId === options.only)) {
    throw new CheckInputError(
      `${options.only}: no such operation; the contract has ${validator.operations.map((o) => o.operationId).join(', ')}`,
      'only',
    );
  }
  if (options.adminProject !== undefined && options.adminToken === undefined)
    throw new CheckInputError('needs an admin token', 'adminProject');
  for (const [name, value] of [
    ['timeout', options.timeoutMs],
    ['requestTimeout', options.requestTimeoutMs],
    ['deadline', options.deadlineMs],
  ] as const) {
    if (value !== undefined && !(value > 0)) throw new CheckInputError(`must be a positive duration, not ${value} ms`, name);
  }
}

/** Cleanup's share of a deadline: a quarter, at most 30 s. */
function cleanupReserve(deadlineMs: number): number {
  return Math.min(STOPPED_CLEANUP_MS, deadlineMs / 4);
}

async function detect(root: URL, options: CheckOptions, signal: AbortSignal) {
  if (options.target !== undefined && options.target !== 'auto') return { target: options.target, reason: 'given' };
  try {
    return await detectTarget(root, { timeoutMs: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, signal });
  } catch (err) {
    if (err instanceof NoAnswerError) throw new ServerUnusableError(`the server cannot be checked: ${err.message}`);
    throw err;
  }
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const startedAt = new Date();
  const validator = new ContractValidator();
  const { root, project: parsedProject } = parseEndpoint(options.endpoint, options.project);
  validate(options, validator);
  const deviations = options.knownDeviations === undefined ? undefined : loadDeviations(options.knownDeviations, validator);

  const stop = new RunStop();
  const onAbort = () => stop.stop('interrupted', 'the run was interrupted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const deadline =
    options.deadlineMs === undefined
      ? undefined
      : setTimeout(
          () => stop.stop('deadline', `the deadline of ${(options.deadlineMs as number) / 1000} s was reached`),
          options.deadlineMs - cleanupReserve(options.deadlineMs),
        );
  try {
    const decision = await detect(root, options, stop.signal);
    const project = parsedProject ?? (decision.target === 'mock' ? 'mock' : undefined);
    if (project === undefined) {
      throw new CheckInputError('is needed: the endpoint does not end in /v1.0/<project_id>, as the service catalog lists it', 'project');
    }
    const header: ReportHeader = {
      endpoint: root.href.replace(/\/$/, ''),
      project,
      target: decision.target,
      targetReason: decision.reason,
      readOnly: options.readOnly ?? false,
    };
    if (options.only !== undefined) header.only = options.only;
    if (options.knownDeviations !== undefined) header.knownDeviations = options.knownDeviations;
    options.onStart?.(header);

    const results: CaseResult[] = [];
    const ctx: CheckContext = {
      validator,
      root,
      project,
      token: options.token,
      readOnly: options.readOnly ?? false,
      target: decision.target,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      requestTimeoutMs: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      stop,
      signal: stop.signal,
      noAnswers: 0,
      waits: new WaitMemory(),
      record: (result) => {
        results.push(result);
        options.onResult?.(result);
      },
    };
    if (options.onProgress) ctx.progress = options.onProgress;
    if (options.adminToken !== undefined) ctx.admin = { token: options.adminToken, project: options.adminProject ?? project };
    if (options.instance !== undefined) ctx.instance = options.instance;
    if (options.only !== undefined) ctx.only = options.only;
    if (deviations) ctx.deviations = deviations;

    const ledger = new ResourceLedger(ctx);
    const generated = {
      runs: options.generate ?? DEFAULT_GENERATED_RUNS,
      seed: options.seed ?? Date.now() % 2 ** 31,
      onRequest: options.onGeneratedRequest,
    };
    try {
      await runDredd(root, new DreddBridge(ctx, ledger, planCases(ctx, ledger)), ctx.requestTimeoutMs);
      await runFlow(ctx, ledger);
      await runGenerated(ctx, ledger, generated);
    } finally {
      clearTimeout(deadline);
      ctx.signal = AbortSignal.timeout(cleanupBudget(options, stop, ctx.timeoutMs, startedAt));
      const cleaned = await cleanup(ctx, ledger);
      if (cleaned) ctx.record(cleaned);
    }

    const used = new Set(results.flatMap((r) => (r.deviation ? [r.deviation.id] : [])));
    const report: CheckReport = {
      ...header,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      results,
      unusedDeviations: deviations?.deviations.filter((d) => !used.has(d.id)).map((d) => d.id) ?? [],
      summary: summarize(results),
      rootCauses: rootCauses({ results }),
      notChecked: notCheckedByReason(results),
    };
    if (generated.runs > 0) report.generated = { seed: generated.seed, runs: generated.runs };
    if (stop.reason) report.stopped = { reason: stop.reason, message: stop.message ?? '' };
    return report;
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The cleanup's own time: what the deadline left it, 30 s after a stop, else a backup's wait and a margin. */
function cleanupBudget(options: CheckOptions, stop: RunStop, timeoutMs: number, startedAt: Date): number {
  // A margin for the report to be put together after the cleanup.
  if (options.deadlineMs !== undefined) return Math.max(100, options.deadlineMs - (Date.now() - startedAt.getTime()) - REPORT_MARGIN_MS);
  if (stop.stopped) return STOPPED_CLEANUP_MS;
  return timeoutMs + STOPPED_CLEANUP_MS;
}
