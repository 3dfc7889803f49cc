// The known-deviations file: its format is checked with clear errors, and a
// deviation excuses exactly the violations it names.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_DEVIATIONS, type DeviationList, findDeviation, loadDeviations } from '../../src/check/deviations.js';
import { CheckInputError } from '../../src/check/errors.js';
import { ContractValidator, type Violation } from '../../src/contract/validator.js';

const validator = new ContractValidator();
const dir = mkdtempSync(join(tmpdir(), 'deviations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const status = (expected: number, actual: number): Violation => ({ pointer: '', keyword: 'status', message: 'x', expected, actual });

describe('loadDeviations', () => {
  it.each(['trove-18', 'trove-23', 'trove-26'])('loads the bundled list %s by name', (name) => {
    const list = loadDeviations(name, validator);
    expect(list.deviations.map((d) => d.id)).toContain('peer-without-keystone');
    expect(list.deviations.every((d) => d.reason.length > 20)).toBe(true);
  });

  it('bundles one list per Trove release', () => {
    expect(Object.keys(BUNDLED_DEVIATIONS)).toEqual(['trove-18', 'trove-23', 'trove-26', 'trove-18-keystone']);
  });

  it.each([
    ['a missing file', join(dir, 'nope.json'), /cannot read the known-deviations file .*nope\.json/],
    ['a file that is not JSON', file('bad.json', '{deviations: ['), /is not JSON/],
    [
      'a deviation without a reason',
      file('no-reason.json', JSON.stringify({ deviations: [{ id: 'a', operation: 'getBackup', status: 404, actualStatus: 500 }] })),
      /\/deviations\/0\/reason/,
    ],
    [
      'a deviation that excuses nothing',
      file('nothing.json', JSON.stringify({ deviations: [{ id: 'a', operation: 'getBackup', status: 404, reason: 'r' }] })),
      /\/deviations\/0/,
    ],
    [
      'an unknown operation',
      file(
        'unknown-op.json',
        JSON.stringify({ deviations: [{ id: 'a', operation: 'showBackup', status: 404, actualStatus: 500, reason: 'r' }] }),
      ),
      /operation "showBackup", which is not in the contract/,
    ],
    [
      'an id used twice',
      file(
        'twice.json',
        JSON.stringify({ deviations: [1, 2].map(() => ({ id: 'a', operation: '*', status: 401, actualStatus: 500, reason: 'r' })) }),
      ),
      /names "a" twice/,
    ],
  ])('refuses %s with a CheckInputError', (_name, path, message) => {
    expect(() => loadDeviations(path, validator)).toThrow(CheckInputError);
    expect(() => loadDeviations(path, validator)).toThrow(message);
  });
});

describe('findDeviation', () => {
  const list: DeviationList = {
    deviations: [
      { id: 'no-keystone', operation: '*', status: 401, actualStatus: 500, reason: 'r1' },
      { id: 'empty-body', operation: ['createBackup'], status: 400, variant: 'empty-object', actualStatus: 500, reason: 'r2' },
      {
        id: 'extra-field',
        operation: 'getBackup',
        status: 200,
        pointer: '/backup/storage_driver',
        keyword: 'additionalProperties',
        reason: 'r3',
      },
      { id: 'any-status', operation: 'listBackups', status: 200, pointer: '/backups/*/status', keyword: 'enum', reason: 'r4' },
    ],
  };

  it('excuses the listed status on any operation when the operation is "*"', () => {
    expect(findDeviation(list, { operation: 'listBackups', status: 401 }, [status(401, 500)])?.id).toBe('no-keystone');
  });

  it('does not excuse another actual status, another expected status or another variant', () => {
    expect(findDeviation(list, { operation: 'listBackups', status: 401 }, [status(401, 403)])).toBeUndefined();
    expect(findDeviation(list, { operation: 'listBackups', status: 404 }, [status(404, 500)])).toBeUndefined();
    expect(findDeviation(list, { operation: 'createBackup', status: 400, variant: 'malformed-json' }, [status(400, 500)])).toBeUndefined();
    expect(findDeviation(list, { operation: 'createBackup', status: 400, variant: 'empty-object' }, [status(400, 500)])?.id).toBe(
      'empty-body',
    );
  });

  it('excuses a body violation only at its pointer and keyword', () => {
    const extra: Violation = { pointer: '/backup/storage_driver', keyword: 'additionalProperties', message: 'x' };
    expect(findDeviation(list, { operation: 'getBackup', status: 200 }, [extra])?.id).toBe('extra-field');
    expect(findDeviation(list, { operation: 'getBackup', status: 200 }, [{ ...extra, pointer: '/backup/size' }])).toBeUndefined();
  });

  it('matches a pointer with * segments, one segment each', () => {
    const at = (pointer: string): Violation => ({ pointer, keyword: 'enum', message: 'x' });
    const key = { operation: 'listBackups', status: 200 };
    expect(findDeviation(list, key, [at('/backups/0/status'), at('/backups/12/status')])?.id).toBe('any-status');
    expect(findDeviation(list, key, [at('/backups/0/size')])).toBeUndefined();
    expect(findDeviation(list, key, [at('/backups/0/1/status')])).toBeUndefined();
    expect(findDeviation(list, key, [at('/backups/status')])).toBeUndefined();
  });

  it('needs one deviation to excuse every violation of the case', () => {
    const body: Violation = { pointer: '/instanceFault', keyword: 'required', message: 'x' };
    expect(findDeviation(list, { operation: 'listBackups', status: 401 }, [status(401, 500), body])).toBeUndefined();
  });

  it('excuses nothing without a list or without violations', () => {
    expect(findDeviation(undefined, { operation: 'listBackups', status: 401 }, [status(401, 500)])).toBeUndefined();
    expect(findDeviation(list, { operation: 'listBackups', status: 401 }, [])).toBeUndefined();
  });
});
