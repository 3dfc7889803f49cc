// What every part of one check run shares: where the server is, who the
// check is, what it may do, and the report it writes to.
import type { ContractValidator } from '../contract/validator.js';
import type { DeviationList } from './deviations.js';
import { type Exchange, type RequestSpec, send } from './http.js';
import type { CaseResult } from './report.js';
import type { Target } from './target.js';

export interface CheckContext {
  validator: ContractValidator;
  root: URL;
  project: string;
  token: string;
  admin?: { token: string; project: string };
  instance?: string;
  readOnly: boolean;
  target: Target;
  /** Only this operation's cases (--only). */
  only?: string;
  /** How long to wait for a backup to complete or disappear. */
  timeoutMs: number;
  deviations?: DeviationList;
  record: (result: CaseResult) => void;
}

export const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

/** `/v1.0/<project>` + rest: the URL of a project's resource. */
export function projectPath(project: string, rest: string): string {
  return `/v1.0/${encodeURIComponent(project)}${rest}`;
}

/** A request as the check's user (the --token), with JSON headers. */
export function userRequest(ctx: CheckContext, method: string, rest: string, body?: unknown): RequestSpec {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Auth-Token': ctx.token };
  const spec: RequestSpec = { method, path: projectPath(ctx.project, rest), headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    spec.body = JSON.stringify(body);
  }
  return spec;
}

export function sendAs(ctx: CheckContext, spec: RequestSpec): Promise<Exchange> {
  return send(ctx.root, spec);
}
