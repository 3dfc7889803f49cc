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

export function describeRecordings(label: string, recordings: Recording[]): void {
  describe(`responses ${label}`, () => {
    it('cover every operation, a next page, a 404 and a 400', () => {
      const seen = new Set(recordings.map((r) => `${operationOf(r).operation.operationId} ${r.response.status}`));
      for (const needed of [
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
      ]) {
        expect(seen, needed).toContain(needed);
      }
      expect(recordings.some((r) => (r.response.body as { links?: unknown[] } | null)?.links?.length)).toBe(true);
    });

    it.each(recordings.map((r) => [r.name, r] as const))('%s validates against the contract', (_name, r) => {
      const { operation } = operationOf(r);
      const contentType = r.response.headers['content-type'] ?? '';
      expect(contentType).toMatch(/^application\/json/);
      const violations = contract.validateResponse(operation.operationId, r.response.status, r.response.body, contentType);
      expect(violations.map(formatViolation)).toEqual([]);
    });
  });

  describe(`requests ${label}`, () => {
    const withJsonBody = recordings.filter((r) => r.request.body !== undefined && typeof r.request.body !== 'string');

    it.each(withJsonBody.map((r) => [r.name, r] as const))('%s: the contract judges the body as Trove did', (_name, r) => {
      const { operation } = operationOf(r);
      const violations = contract.validateRequestBody(operation.operationId, r.request.body);
      const fault = Object.values((r.response.body ?? {}) as Record<string, { message?: string }>)[0];
      const troveRefusedShape =
        (r.response.status === 400 && SHAPE_ERRORS.test(fault?.message ?? '')) ||
        // Trove answers 500, not 400, to a body without its top-level key (a Trove bug).
        (r.response.status === 500 && JSON.stringify(r.request.body) === '{}');
      if (troveRefusedShape) expect(violations.length, 'the contract accepts a body Trove refused').toBeGreaterThan(0);
      else expect(violations.map(formatViolation)).toEqual([]);
    });

    it.each(recordings.map((r) => [r.name, r] as const))('%s: the contract judges the parameters as Trove did', (_name, r) => {
      const { operation, params, query } = operationOf(r);
      const violations = contract.validateParameters(operation.operationId, { path: params, query });
      // Trove answers 500, not 400, to a limit that is not an integer (a Trove bug).
      if (r.name.endsWith('-500-bad-limit')) expect(violations.map((v) => v.pointer)).toEqual(['/query/limit']);
      else expect(violations.map(formatViolation)).toEqual([]);
    });
  });
}
