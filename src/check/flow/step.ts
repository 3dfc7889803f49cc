// One step of the stateful flow: it sends requests (each answer judged
// against the contract), adds what it finds wrong about the server's state,
// and ends as one report entry. A step that cannot go on throws StepAbort
// after saying why.
import { type CheckContext, sendAs, userRequest } from '../context.js';
import type { Fixtures } from '../fixtures.js';
import type { Exchange, RequestSpec } from '../http.js';
import { judgeResponse } from '../judge.js';
import type { CaseHeader, CaseResult, CheckViolation } from '../report.js';
import { decide, skippedResult } from '../verdict.js';
import { pollUntil } from '../wait.js';

export class StepAbort extends Error {
  override name = 'StepAbort';
}

export class StepScope {
  readonly violations: CheckViolation[] = [];
  last: Exchange | undefined;
  #requests = 0;

  constructor(
    readonly ctx: CheckContext,
    readonly fx: Fixtures,
  ) {}

  /** Sends a request and judges the answer; `expectedStatus` undefined accepts any documented status. */
  async send(operation: string, spec: RequestSpec, expectedStatus: number | undefined): Promise<Exchange> {
    const exchange = await sendAs(this.ctx, spec);
    this.#requests += 1;
    this.last = exchange;
    this.fx.observe(operation, exchange);
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

  /** Ends the step when the last answer broke the contract (nothing after it can be trusted). */
  stopIfFailed(): void {
    if (this.violations.length > 0) throw new StepAbort('the answer broke the contract');
  }

  /** Polls a backup until `done` says so; a timeout is a violation. */
  async waitForBackup(
    id: string,
    what: string,
    done: (status: number, backup: Record<string, unknown> | undefined) => boolean,
  ): Promise<Exchange> {
    const spec = userRequest(this.ctx, 'GET', `/backups/${id}`);
    const found = await pollUntil(async () => {
      const before = this.violations.length;
      const exchange = await this.send('getBackup', spec, undefined);
      if (this.violations.length > before) throw new StepAbort('the answer broke the contract');
      const backup = (exchange.body as { backup?: Record<string, unknown> } | undefined)?.backup;
      return done(exchange.response.status, backup) ? exchange : undefined;
    }, this.ctx.timeoutMs);
    if (!found) {
      const last =
        this.last?.response.status === 200
          ? (this.last.body as { backup?: { status?: unknown } }).backup?.status
          : this.last?.response.status;
      return this.abort({
        pointer: '',
        keyword: 'timeout',
        message: `backup ${id} did not become ${what} within ${this.ctx.timeoutMs / 1000} s`,
        expected: what,
        actual: last,
      });
    }
    return found;
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
  /** Why the step cannot run now, if it cannot. */
  blockedBy?: () => string | undefined;
  run: (s: StepScope) => Promise<void>;
}

export async function runStep(ctx: CheckContext, fx: Fixtures, step: StepDefinition): Promise<CaseResult> {
  const header: CaseHeader = {
    id: `flow ${step.id}`,
    section: 'flow',
    operation: step.operation,
    status: step.status,
    variant: step.id,
    title: step.title,
  };
  const blocked = step.blockedBy?.();
  if (blocked) return skippedResult(header, blocked);
  const scope = new StepScope(ctx, fx);
  const startedAt = Date.now();
  try {
    await step.run(scope);
  } catch (err) {
    if (!(err instanceof StepAbort)) {
      scope.violations.push({ pointer: '', keyword: 'response', message: (err as Error).message });
    }
    if (scope.violations.length === 0) scope.violations.push({ pointer: '', keyword: 'check', message: (err as Error).message });
  }
  return decide(ctx, header, scope.violations, scope.last, Date.now() - startedAt);
}
