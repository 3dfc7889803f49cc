// The generated tests (issue 11): requests and sequences drawn from the
// contract's schemas with fast-check, seeded and reproducible. Valid
// requests of every operation must get a documented success or refusal;
// invalid ones (one broken constraint each) the documented status and
// fault; random create / show / list / delete sequences must keep the
// stateful properties of model.ts. Read-only: the valid GETs only. A
// failure is shrunk and reported with a curl script that replays it.
import fc from 'fast-check';
import type { CheckContext } from '../context.js';
import { StepScope } from '../flow/step.js';
import type { CaseHeader, CaseResult } from '../report.js';
import { type ResourceLedger, RUNNING_STATES } from '../resources.js';
import { decide, skippedResult } from '../verdict.js';
import { pollUntil } from '../wait.js';
import { curlScript } from './curl.js';
import { type Model, type Real, sequences } from './model.js';
import { checkRequests, type PropertyRun } from './properties.js';
import { invalidRequests, validRequests } from './requests.js';

/** The default number of generated requests per property (and a third of it in sequences). */
export const DEFAULT_GENERATED_RUNS = 25;
/** fast-check's time for one property, shrinking included. */
const PROPERTY_TIME_MS = 30_000;
const SEQUENCES_TIME_MS = 90_000;
/** How long a sequence waits for the instance to be free of the check's backups. */
const SEQUENCE_SETTLE_MS = 5_000;

export interface GeneratedOptions {
  runs: number;
  seed: number;
  /** Counts the requests sent (the benchmark's time per request). */
  onRequest?: (() => void) | undefined;
}

function header(kind: string, operation: string, title: string, status?: number): CaseHeader {
  const h: CaseHeader = { id: `generated ${kind} ${operation}`, section: 'generated', operation, variant: `generated-${kind}`, title };
  if (status !== undefined) h.status = status;
  return h;
}

/**
 * Waits a little for the check's own backups to end before a sequence, so
 * that its first create finds the instance free (a backup that runs longer
 * makes the creates of the sequence documented 422s, not failures).
 */
async function instanceFree(ctx: CheckContext, ledger: ResourceLedger): Promise<void> {
  await pollUntil(
    async () => {
      for (const id of ledger.ownBackupsLeft()) {
        const state = await ledger.stateOf(id);
        if (state.kind === 'gone') ledger.gone.add(id);
        else if (state.kind === 'status' && RUNNING_STATES.includes(state.status)) return undefined;
      }
      return true;
    },
    { timeoutMs: SEQUENCE_SETTLE_MS, signal: ctx.signal },
  );
}

async function checkSequences(ctx: CheckContext, ledger: ResourceLedger, run: PropertyRun): Promise<CaseResult> {
  const h = header('sequences', 'createBackup', 'random create / show / list (every page) / delete sequences keep the stateful properties');
  if (ctx.target === 'mock') return skippedResult(h, 'a stateless mock cannot keep a created backup', 'untestable');
  if (ctx.readOnly) return skippedResult(h, 'read-only: the sequences create and delete backups');
  if (!ctx.instance) return skippedResult(h, 'needs an instance to back up, and none was given');
  const startedAt = Date.now();
  let last: StepScope | undefined;
  const result = await fc.check(
    fc.asyncProperty(sequences, async ({ first, rest }) => {
      await instanceFree(ctx, ledger);
      last = new StepScope(ctx, ledger);
      const sent = last.sent.length;
      const setup = () => ({ model: { backups: new Map() } as Model, real: { scope: last as StepScope } as Real });
      await fc.asyncModelRun(setup, [first, ...rest]);
      for (let i = sent; i < last.sent.length; i++) run.onRequest();
    }),
    {
      numRuns: Math.max(1, Math.round(run.runs / 4)),
      seed: run.seed,
      interruptAfterTimeLimit: SEQUENCES_TIME_MS,
      markInterruptAsFailure: false,
    },
  );
  if (ctx.stop.stopped) return skippedResult(h, ctx.stop.skipReason);
  if (!result.failed || !last) return decide(ctx, h, [], undefined, Date.now() - startedAt);
  // The last sequence run is the shrunk counterexample (fast-check ends on it).
  const scope = last as StepScope;
  const violations =
    scope.violations.length > 0
      ? scope.violations
      : [
          {
            pointer: '',
            keyword: 'stateful',
            message: String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance),
          },
        ];
  const decided = decide(ctx, h, violations, scope.last, Date.now() - startedAt);
  decided.replay = curlScript(ctx.root, scope.sent);
  decided.title = `${h.title}: shrunk to ${String(result.counterexample?.[0] ?? '')} (seed ${run.seed})`;
  return decided;
}

export async function runGenerated(ctx: CheckContext, ledger: ResourceLedger, options: GeneratedOptions): Promise<void> {
  if (options.runs === 0) return;
  const run: PropertyRun = {
    runs: options.runs,
    seed: options.seed,
    timeLimitMs: PROPERTY_TIME_MS,
    onRequest: options.onRequest ?? (() => {}),
  };
  const operations = ctx.validator.operations.filter((op) => ctx.only === undefined || op.operationId === ctx.only);
  for (const op of operations) {
    if (ctx.stop.stopped) break;
    const writes = op.method !== 'get';
    const valid = header('valid', op.operationId, 'valid requests drawn from the schemas get a documented success or refusal');
    if (ctx.readOnly && writes) ctx.record(skippedResult(valid, 'read-only: only GET requests are generated'));
    else ctx.record(await checkRequests(ctx, ledger, valid, [validRequests(ctx, ledger, op)], run));
    const invalidArbs = invalidRequests(ctx, ledger, op);
    if (invalidArbs.length === 0) continue;
    const invalid = header(
      'invalid',
      op.operationId,
      'requests that break one constraint each are refused with the documented status and fault',
      400,
    );
    if (ctx.readOnly) ctx.record(skippedResult(invalid, 'read-only: only GET requests are generated'));
    else if (ctx.target === 'mock')
      ctx.record(skippedResult(invalid, 'a mock validates requests its own way (Prism answers 422)', 'untestable'));
    else ctx.record(await checkRequests(ctx, ledger, invalid, invalidArbs, run));
  }
  if (ctx.only === undefined || ctx.only === 'createBackup') ctx.record(await checkSequences(ctx, ledger, run));
}
