// `trove-backups check`: Dredd's transactions (one per documented status,
// provoked or skipped with the reason), then the stateful flow, then the
// cleanup, all in one report with one verdict.
import { UsageError } from '../cli/command.js';
import { ContractValidator } from '../contract/validator.js';
import { planCases } from './cases.js';
import { cleanup } from './cleanup.js';
import type { CheckContext } from './context.js';
import { loadDeviations } from './deviations.js';
import { DreddBridge } from './dredd/bridge.js';
import { runDredd } from './dredd/run.js';
import { parseEndpoint } from './endpoint.js';
import { Fixtures } from './fixtures.js';
import { runFlow } from './flow/flow.js';
import { type CaseResult, type CheckReport, type ReportHeader, summarize } from './report.js';
import { detectTarget, type Target } from './target.js';

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
  /** Called once the target is known, before the first case. */
  onStart?: (header: ReportHeader) => void;
  /** Called with each result as it is decided (for progress output). */
  onResult?: (result: CaseResult) => void;
}

export const DEFAULT_TIMEOUT_MS = 300_000;

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const startedAt = new Date();
  const validator = new ContractValidator();
  const { root, project: parsedProject } = parseEndpoint(options.endpoint, options.project);
  if (!options.token) throw new UsageError('--token is required');
  if (options.only !== undefined && !validator.operations.some((o) => o.operationId === options.only)) {
    throw new UsageError(
      `--only ${options.only}: no such operation; the contract has ${validator.operations.map((o) => o.operationId).join(', ')}`,
    );
  }
  if (options.adminProject !== undefined && options.adminToken === undefined) throw new UsageError('--admin-project needs --admin-token');
  const deviations = options.knownDeviations === undefined ? undefined : loadDeviations(options.knownDeviations, validator);

  const decision =
    options.target === undefined || options.target === 'auto'
      ? await detectTarget(root)
      : { target: options.target, reason: 'given with --target' };
  const project = parsedProject ?? (decision.target === 'mock' ? 'mock' : undefined);
  if (project === undefined) {
    throw new UsageError('which project? Pass --project, or an --endpoint that ends in /v1.0/<project_id> as the service catalog lists it');
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
    record: (result) => {
      results.push(result);
      options.onResult?.(result);
    },
  };
  if (options.adminToken !== undefined) ctx.admin = { token: options.adminToken, project: options.adminProject ?? project };
  if (options.instance !== undefined) ctx.instance = options.instance;
  if (options.only !== undefined) ctx.only = options.only;
  if (deviations) ctx.deviations = deviations;

  const fx = new Fixtures(ctx);
  try {
    await runDredd(root, new DreddBridge(ctx, fx, planCases(ctx, fx)));
    await runFlow(ctx, fx);
  } finally {
    const cleaned = await cleanup(ctx, fx).catch((err: unknown) => ({
      id: 'cleanup',
      section: 'cleanup' as const,
      operation: 'deleteBackup',
      title: 'delete what the check left',
      outcome: 'fail' as const,
      violations: [{ pointer: '', keyword: 'cleanup', message: (err as Error).message }],
      durationMs: 0,
    }));
    if (cleaned) ctx.record(cleaned);
  }

  const used = new Set(results.flatMap((r) => (r.deviation ? [r.deviation.id] : [])));
  return {
    ...header,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    results,
    unusedDeviations: deviations?.deviations.filter((d) => !used.has(d.id)).map((d) => d.id) ?? [],
    summary: summarize(results),
  };
}
