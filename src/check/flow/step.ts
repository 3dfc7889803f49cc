// One step of the stateful flow: it sends requests (each answer judged
// against the contract), adds what it finds wrong about the server's state,
// and ends as one report entry. A step that cannot go on throws StepAbort
// after saying why.
import { type CheckContext, sendAs, userRequest } from '../context.js';
import type { Exchange, RequestSpec } from '../http.js';
import { judgeResponse } from '../judge.js';
import type { CaseHeader, CaseResult, CheckViolation } from '../report.js';
import type { ResourceLedger } from '../resources.js';
import { decide, skippedResult } from '../verdict.js';
import { pollUntil } from '../wait.js';

export class StepAbort extends Error {
  override name = 'StepAbort';
}

/** Ends a step as skipped: what it found is not the server's fault. */
export class StepSkip extends Error {
  override name = 'StepSkip';
}

export class StepScope {
  readonly violations: CheckViolation[] = [];
  last: Exchange | undefined;
  /** Every request the step sent, in order (for a replay script). */
  readonly sent: RequestSpec[] = [];
  #requests = 0;

  constructor(
    readonly ctx: CheckContext,
    readonly ledger: ResourceLedger,
  ) {}

  /** Sends a request and judges the answer; `expectedStatus` undefined accepts any documented status. */
  async send(operation: string, spec: RequestSpec, expectedStatus: number | undefined): Promise<Exchange> {
    this.sent.push(spec);
    const exchange = await sendAs(this.ctx, spec);
    this.#requests += 1;
    this.last = exchange;
    this.ledger.observe(operation, exchange);
    const where = `${spec.method} ${spec.path} → ${exchange.response.status}`;
    for (const v of judgeResponse(this.ctx.validator, operation, expectedStatus, exchange.response)) this.violations.push({ ...v, where });
    return exchange;
  }

  /** Records a violation of the server's behaviour (not of a body's schema). */
  violation(v: CheckViolation): void {
    this.violations.push(
      this.last && v.where === undefined
        ? { ...v, where: `${this.last.request.method} ${this.last.request.path} → ${this.last.response.status}` }
        : v,
    );
  }

  /** Records the violation and ends the step. */
  abort(v: CheckViolation): never {
    this.violation(v);
    throw new StepAbort(v.message);
  }

  /** Ends the step as skipped, with the reason (its violations are dropped). */
  skip(reason: string): never {
    throw new StepSkip(reason);
  }

  /** Ends the step when the last answer broke the contract (nothing after it can be trusted). */
  stopIfFailed(): void {
    if (this.violations.length > 0) throw new StepAbort('the answer broke the contract');
  }

  /**
   * Polls a backup until `done` says so. A timeout is a violation, and the
   * run remembers it (`kind`): a later wait of the same kind ends at once.
   * An answer that breaks the contract ends the wait at once too.
   */
  async waitForBackup(
    id: string,
    what: string,
    kind: 'complete' | 'gone',
    done: (status: number, backup: Record<string, unknown> | undefined) => boolean,
  ): Promise<Exchange> {
    const hopeless = this.ctx.waits.hopeless(kind) ?? (kind === 'gone' ? await this.ledger.deletionUnobservable() : undefined);
    if (hopeless) {
      return this.abort({ pointer: '', keyword: 'timeout', message: `backup ${id} cannot become ${what}: ${hopeless}`, expected: what });
    }
    const spec = userRequest(this.ctx, 'GET', `/backups/${id}`);
    const found = await pollUntil(
      async () => {
        const before = this.violations.length;
        const exchange = await this.send('getBackup', spec, undefined);
        if (this.violations.length > before) throw new StepAbort('the answer broke the contract');
        const backup = (exchange.body as { backup?: Record<string, unknown> } | undefined)?.backup;
        return done(exchange.response.status, backup) ? exchange : undefined;
      },
      {
        timeoutMs: this.ctx.timeoutMs,
        signal: this.ctx.signal,
        onWait: (elapsedMs) => this.ctx.progress?.({ waitingFor: `backup ${id} to become ${what}`, elapsedMs }),
      },
    );
    if (found) return found;
    if (this.ctx.stop.stopped) throw new StepAbort(this.ctx.stop.skipReason);
    const message = `backup ${id} did not become ${what} within ${this.ctx.timeoutMs / 1000} s`;
    this.ctx.waits.timedOut(kind, `the server let ${message}`);
    const last =
      this.last?.response.status === 200
        ? (this.last.body as { backup?: { status?: unknown } }).backup?.status
        : this.last?.response.status;
    return this.abort({ pointer: '', keyword: 'timeout', message, expected: what, actual: last });
  }

  get requests(): number {
    return this.#requests;
  }
}

export interface StepDefinition {
  /** The step's slug: `flow <id>` in the report. */
  id: string;
  operation: string;
  status: number;
  title: string;
  /** Steps that must have passed first: when one did not, this step is skipped, naming it. */
  needs?: string[];
  /** Why the step cannot run now, if it cannot. */
  blockedBy?: () => string | undefined;
  run: (s: StepScope) => Promise<void>;
}

export async function runStep(ctx: CheckContext, ledger: ResourceLedger, step: StepDefinition): Promise<CaseResult> {
  const header: CaseHeader = {
    id: `flow ${step.id}`,
    section: 'flow',
    operation: step.operation,
    status: step.status,
    variant: step.id,
    title: step.title,
  };
  const blocked = ctx.stop.stopped ? ctx.stop.skipReason : step.blockedBy?.();
  if (blocked) return skippedResult(header, blocked);
  const scope = new StepScope(ctx, ledger);
  const startedAt = Date.now();
  try {
    await step.run(scope);
  } catch (err) {
    // What the stop cut short is not the server's fault.
    if (ctx.stop.stopped && scope.violations.length === 0) return skippedResult(header, ctx.stop.skipReason);
    if (err instanceof StepSkip) return skippedResult(header, err.message);
    if (!(err instanceof StepAbort)) {
      scope.violations.push({ pointer: '', keyword: 'response', message: (err as Error).message });
    }
    if (scope.violations.length === 0) scope.violations.push({ pointer: '', keyword: 'check', message: (err as Error).message });
  }
  return decide(ctx, header, scope.violations, scope.last, Date.now() - startedAt);
}
