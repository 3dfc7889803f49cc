// What the Dredd hook file (../hooks/dredd-hooks.cjs) calls. Dredd makes one
// transaction per documented status, all with the same example request; the
// bridge turns each into its case: it adds the variants as copies, orders
// them so that state-dependent cases can be provoked, rewrites each request
// (or skips it, with the reason), and judges each answer with the contract's
// full JSON Schema instead of Gavel's comparison with the example.
import type { Violation } from '../../contract/validator.js';
import { type Case, caseId } from '../cases.js';
import { type CheckContext, noteNoAnswer } from '../context.js';
import { rootPath } from '../endpoint.js';
import { type Exchange, parseJsonBody, type RequestSpec, type ResponseData } from '../http.js';
import { judgeResponse } from '../judge.js';
import type { CaseHeader, SkipKind } from '../report.js';
import type { ResourceLedger } from '../resources.js';
import { decide, skippedResult } from '../verdict.js';
import type { DreddTransaction } from './transaction.js';

const MOCK_VARIANT_REASON =
  'a mock answers the documented example of `Prefer: code=` whatever the request: this variant is for a real server';
const READ_ONLY_REASON = 'read-only: the check sends no request that could change the server';

function header(c: Case, target: CheckContext['target']): CaseHeader {
  const title = target === 'mock' && c.primary ? `the documented example request, with Prefer: code=${c.status}` : c.title;
  return { id: caseId(c), section: 'statuses', operation: c.operation, status: c.status, variant: c.variant, title };
}

export class DreddBridge {
  /** Set when Dredd ran the hooks' beforeAll: proof that the hook file was loaded. */
  started = false;
  /** A failure of the check itself (not of the server), raised after Dredd ends. */
  error: Error | undefined;
  readonly #caseOf = new Map<string, Case>();
  readonly #sent = new Map<string, { spec: RequestSpec; startedAt: number }>();

  constructor(
    private readonly ctx: CheckContext,
    private readonly ledger: ResourceLedger,
    private readonly cases: Case[],
  ) {}

  beforeAll(transactions: DreddTransaction[]): Promise<void> {
    this.started = true;
    const ordered: { t: DreddTransaction; c: Case; index: number }[] = [];
    for (const t of transactions) {
      const operation = this.operationOf(t);
      const status = Number(t.expected.statusCode);
      const own = this.cases.filter((c) => c.operation === operation && c.status === status);
      if (own.length === 0) throw new Error(`Dredd made a transaction the check has no case for: ${t.name}`);
      for (const c of own) {
        const copy = c.primary ? t : structuredClone(t);
        if (!c.primary) copy.name = `${t.name} > ${c.variant}`;
        this.#caseOf.set(copy.name, c);
        ordered.push({ t: copy, c, index: ordered.length });
      }
    }
    ordered.sort((a, b) => a.c.rank - b.c.rank || a.index - b.index);
    // Dredd reads the array's length after beforeAll: the copies run as transactions of their own.
    transactions.splice(0, transactions.length, ...ordered.map((o) => o.t));
    return Promise.resolve();
  }

  async beforeEach(t: DreddTransaction): Promise<void> {
    const c = this.#caseOf.get(t.name);
    if (!c || (this.ctx.only !== undefined && c.operation !== this.ctx.only)) {
      t.skip = true;
      return;
    }
    const skip = (reason: string, kind: SkipKind = 'not-covered') => {
      t.skip = true;
      this.ctx.record(skippedResult(header(c, this.ctx.target), reason, kind));
    };
    if (this.ctx.stop.stopped) return skip(this.ctx.stop.skipReason);
    if (this.ctx.target === 'mock') {
      if (!c.primary) return skip(MOCK_VARIANT_REASON, 'untestable');
      t.request.headers['X-Auth-Token'] = this.ctx.token;
      t.request.headers.Prefer = `code=${c.status}`;
      this.#sent.set(t.name, {
        spec: { method: t.request.method, path: t.request.uri, headers: t.request.headers, body: t.request.body },
        startedAt: Date.now(),
      });
      return;
    }
    if (this.ctx.readOnly && c.changes) return skip(READ_ONLY_REASON);
    const startedAt = Date.now();
    const prepared = await c.prepare();
    if ('skip' in prepared) return skip(prepared.skip, prepared.untestable ? 'untestable' : 'not-covered');
    t.request.method = prepared.method;
    t.request.uri = prepared.path;
    t.fullPath = rootPath(this.ctx.root) + prepared.path;
    t.request.headers = { ...prepared.headers };
    t.request.body = prepared.body ?? '';
    this.#sent.set(t.name, { spec: prepared, startedAt });
  }

  beforeEachValidation(t: DreddTransaction): Promise<void> {
    // Gavel would compare the headers and the keys of the example (so an
    // optional field of the example becomes required, and types, enums and
    // nulls go unchecked); the contract's schema is judged in afterEach.
    // Gavel still checks the status code.
    t.expected.headers = {};
    delete t.expected.body;
    delete t.expected.bodySchema;
    return Promise.resolve();
  }

  async afterEach(t: DreddTransaction): Promise<void> {
    const sent = this.#sent.get(t.name);
    const c = this.#caseOf.get(t.name);
    if (!sent || !c || t.skip) return;
    const durationMs = Date.now() - sent.startedAt;
    if (!t.real) {
      if (this.ctx.stop.stopped) {
        this.ctx.record(skippedResult(header(c, this.ctx.target), this.ctx.stop.skipReason));
        return;
      }
      noteNoAnswer(this.ctx, `${sent.spec.method} ${sent.spec.path}`);
      const violation: Violation = {
        pointer: '',
        keyword: 'response',
        message: `the server did not answer within ${this.ctx.requestTimeoutMs / 1000} s`,
        expected: `status ${c.status}`,
      };
      this.ctx.record(decide(this.ctx, header(c, this.ctx.target), [violation], undefined, durationMs));
      return;
    }
    const headers = Object.fromEntries(Object.entries(t.real.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const response: ResponseData = { status: t.real.statusCode, headers, text: t.real.body ?? '' };
    this.ctx.noAnswers = 0;
    const exchange: Exchange = { request: sent.spec, response, body: parseJsonBody(response) };
    this.ledger.observe(c.operation, exchange);
    c.after?.(exchange);
    const timing = c.whileOwnBackupRuns && response.status !== c.status ? await this.ledger.endedMeanwhile() : undefined;
    if (timing) {
      this.ctx.record(skippedResult(header(c, this.ctx.target), timing));
      return;
    }
    const violations = judgeResponse(this.ctx.validator, c.operation, c.status, response);
    this.ctx.record(decide(this.ctx, header(c, this.ctx.target), violations, exchange, durationMs));
  }

  /** A hook threw: the check itself failed on this case (its arranging requests got no answer, ...). */
  hookFailed(hook: string, data: DreddTransaction | DreddTransaction[], error: unknown): void {
    const err = error instanceof Error ? error : new Error(String(error));
    if (Array.isArray(data)) {
      this.error ??= new Error(`the check's Dredd ${hook} hook failed: ${err.message}`, { cause: err });
      return;
    }
    data.skip = true;
    const c = this.#caseOf.get(data.name);
    if (!c) {
      this.error ??= err;
      return;
    }
    this.#sent.delete(data.name);
    if (this.ctx.stop.stopped) {
      this.ctx.record(skippedResult(header(c, this.ctx.target), this.ctx.stop.skipReason));
      return;
    }
    const violation: Violation = { pointer: '', keyword: 'check', message: `the case could not run: ${err.message}` };
    this.ctx.record(decide(this.ctx, header(c, this.ctx.target), [violation], undefined, 0));
  }

  private operationOf(t: DreddTransaction): string {
    const method = t.request.method.toLowerCase();
    const op = this.ctx.validator.operations.find((o) => o.path === t.origin.resourceName && o.method === method);
    if (!op) throw new Error(`Dredd made a transaction for ${t.request.method} ${t.origin.resourceName}, which is not in the contract`);
    return op.operationId;
  }
}
