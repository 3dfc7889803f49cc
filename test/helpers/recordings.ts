// Checks exchanges recorded from the real Trove server (scripts/record-trove.mjs)
// against the contract: every response Trove gave is one the contract
// describes, and the contract accepts the requests Trove accepted and refuses
// the bodies and parameters Trove refused as invalid.
import { describe, expect, it } from 'vitest';
import { ContractValidator, formatViolation } from '../../src/contract/validator.js';

export interface Recording {
  name: string;
  recordedFrom?: string;
  request: { method: string; path: string; headers: Record<string, string>; body?: unknown };
  response: { status: number; headers: Record<string, string | null>; body: unknown };
}

const contract = new ContractValidator();

function operationOf(r: Recording) {
  const url = new URL(r.request.path, 'http://trove');
  const found = contract.match(r.request.method, url.pathname);
  if (!found) throw new Error(`no operation for ${r.request.method} ${url.pathname}`);
  return { ...found, query: url.searchParams };
}

// Trove's words when its validation refuses a body: the contract must refuse
// the same body. Other 400s (an unknown datastore version) are about state.
const SHAPE_ERRORS = /^(Validation error: |The value is not allowed: |instance is missing\.)/;

/** What the recordings must show between them; the missing ones. */
export function coverageGaps(recordings: Recording[]): string[] {
  const seen = new Set(recordings.map((r) => `${operationOf(r).operation.operationId} ${r.response.status}`));
  const needed = [
    'listVersions 200',
    'listBackups 200',
    'getBackup 200',
    'getBackup 404',
    'createBackup 202',
    'createBackup 400',
    'deleteBackup 202',
    'listInstanceBackups 200',
    'listBackupStrategies 200',
    'createBackupStrategy 202',
    'deleteBackupStrategies 202',
  ].filter((n) => !seen.has(n));
  if (!recordings.some((r) => (r.response.body as { links?: unknown[] } | null)?.links?.length)) needed.push('a next page');
  return needed;
}

/** Where the contract does not describe the response Trove gave. */
export function responseViolations(r: Recording): string[] {
  const { operation } = operationOf(r);
  const contentType = r.response.headers['content-type'] ?? '';
  if (!/^application\/json/.test(contentType)) return [`content-type ${contentType}`];
  return contract.validateResponse(operation.operationId, r.response.status, r.response.body, contentType).map(formatViolation);
}

/** Where the contract judges the request body otherwise than Trove did (null: no JSON body). */
export function requestBodyDisagreement(r: Recording): string[] | null {
  if (r.request.body === undefined || typeof r.request.body === 'string') return null;
  const { operation } = operationOf(r);
  const violations = contract.validateRequestBody(operation.operationId, r.request.body);
  const fault = Object.values((r.response.body ?? {}) as Record<string, { message?: string }>)[0];
  const troveRefusedShape =
    (r.response.status === 400 && SHAPE_ERRORS.test(fault?.message ?? '')) ||
    // Trove answers 500, not 400, to a body without its top-level key (a Trove bug).
    (r.response.status === 500 && JSON.stringify(r.request.body) === '{}');
  if (troveRefusedShape) return violations.length > 0 ? [] : ['the contract accepts a body Trove refused'];
  return violations.map(formatViolation);
}

/** Where the contract judges the parameters otherwise than Trove did. */
export function parameterDisagreement(r: Recording): string[] {
  const { operation, params, query } = operationOf(r);
  const violations = contract.validateParameters(operation.operationId, { path: params, query });
  // Trove answers 500, not 400, to a limit that is not an integer (a Trove bug).
  if (r.name.endsWith('-500-bad-limit')) {
    const pointers = violations.map((v) => v.pointer);
    return pointers.length === 1 && pointers[0] === '/query/limit' ? [] : [`expected /query/limit only, got ${pointers.join(', ')}`];
  }
  return violations.map(formatViolation);
}

/** Every disagreement between the recordings and the contract, by recording name. */
export function disagreements(recordings: Recording[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of recordings) {
    const found = [
      ...responseViolations(r).map((v) => `response: ${v}`),
      ...(requestBodyDisagreement(r) ?? []).map((v) => `request body: ${v}`),
      ...parameterDisagreement(r).map((v) => `parameters: ${v}`),
    ];
    if (found.length > 0) out[r.name] = found;
  }
  return out;
}

export function describeRecordings(label: string, recordings: Recording[]): void {
  describe(`responses ${label}`, () => {
    it('cover every operation, a next page, a 404 and a 400', () => {
      expect(coverageGaps(recordings)).toEqual([]);
    });

    it.each(recordings.map((r) => [r.name, r] as const))('%s validates against the contract', (_name, r) => {
      expect(responseViolations(r)).toEqual([]);
    });
  });

  describe(`requests ${label}`, () => {
    const withJsonBody = recordings.filter((r) => requestBodyDisagreement(r) !== null);

    it.each(withJsonBody.map((r) => [r.name, r] as const))('%s: the contract judges the body as Trove did', (_name, r) => {
      expect(requestBodyDisagreement(r)).toEqual([]);
    });

    it.each(recordings.map((r) => [r.name, r] as const))('%s: the contract judges the parameters as Trove did', (_name, r) => {
      expect(parameterDisagreement(r)).toEqual([]);
    });
  });
}
