// What every part of one check run shares: where the server is, who the
// check is, what it may do, how long it may take, and the report it writes to.
import type { ContractValidator } from '../contract/validator.js';
import type { DeviationList } from './deviations.js';
import { NoAnswerError } from './errors.js';
import { type Exchange, type RequestSpec, send } from './http.js';
import type { CaseResult } from './report.js';
import type { RunStop } from './stop.js';
import type { Target } from './target.js';
import type { WaitMemory } from './wait.js';

/** What the check is doing while nothing is reported (a wait), for live progress. */
export interface Progress {
  waitingFor: string;
  elapsedMs: number;
}

export interface CheckContext {
  validator: ContractValidator;
  root: URL;
  project: string;
  token: string;
  admin?: { token: string; project: string };
  instance?: string;
  readOnly: boolean;
  target: Target;
  /** Only this operation's cases. */
  only?: string;
  /** How long to wait for a backup to complete or disappear. */
  timeoutMs: number;
  /** How long one request may take. */
  requestTimeoutMs: number;
  /** The run's stop (deadline, interruption, unusable server). */
  stop: RunStop;
  /** What requests and waits listen to: the run's stop, then the cleanup's own budget. */
  signal: AbortSignal;
  /** Requests in a row that got no answer; the run stops as unusable after a few. */
  noAnswers: number;
  waits: WaitMemory;
  deviations?: DeviationList;
  record: (result: CaseResult) => void;
  progress?: (progress: Progress) => void;
}

/** After this many requests in a row without an answer, the server is not worth asking more. */
export const MAX_NO_ANSWERS = 3;

export const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

/** `/v1.0/<project>` + rest: the URL of a project's resource. */
export function projectPath(project: string, rest: string): string {
  return `/v1.0/${encodeURIComponent(project)}${rest}`;
}

/** A request as the check's user (the token), with JSON headers. */
export function userRequest(ctx: CheckContext, method: string, rest: string, body?: unknown): RequestSpec {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Auth-Token': ctx.token };
  const spec: RequestSpec = { method, path: projectPath(ctx.project, rest), headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    spec.body = JSON.stringify(body);
  }
  return spec;
}

/** Counts a request that got no answer; enough of them in a row stop the run. */
export function noteNoAnswer(ctx: CheckContext, message: string): void {
  if (ctx.stop.stopped) return;
  ctx.noAnswers += 1;
  if (ctx.noAnswers >= MAX_NO_ANSWERS) {
    ctx.stop.stop('unusable', `the server stopped answering: ${MAX_NO_ANSWERS} requests in a row got no answer (last: ${message})`);
  }
}

export async function sendAs(ctx: CheckContext, spec: RequestSpec): Promise<Exchange> {
  try {
    const exchange = await send(ctx.root, spec, { timeoutMs: ctx.requestTimeoutMs, signal: ctx.signal });
    ctx.noAnswers = 0;
    return exchange;
  } catch (err) {
    if (err instanceof NoAnswerError && !ctx.signal.aborted) noteNoAnswer(ctx, err.message);
    throw err;
  }
}
