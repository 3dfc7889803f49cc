import { describe, expect, it } from 'vitest';
import { ContractValidator, formatViolation } from '../../src/contract/validator.js';

const contract = new ContractValidator();
const backup = {
  id: 'a9832168-7541-4536-b8d9-a8a9b79cf1b4',
  name: 'snapshot',
  description: null,
  locationRef: null,
  instance_id: '44b277eb-39be-4921-be31-3d61b43651d7',
  created: '2014-10-30T12:30:00',
  updated: '2014-10-30T12:30:00',
  size: null,
  status: 'NEW',
  parent_id: null,
  project_id: 'proj',
};

describe('ContractValidator', () => {
  it('matches URL paths to operations, a literal path before a template', () => {
    expect(contract.match('GET', '/')?.operation.operationId).toBe('listVersions');
    expect(contract.match('GET', '/v1.0/p/backups')?.operation.operationId).toBe('listBackups');
    expect(contract.match('POST', '/v1.0/p/backups')?.operation.operationId).toBe('createBackup');
    const show = contract.match('DELETE', '/v1.0/p/backups/b%20x');
    expect(show?.operation.operationId).toBe('deleteBackup');
    expect(show?.params).toEqual({ project_id: 'p', backupId: 'b x' });
    expect(contract.match('GET', '/v1.0/p/instances/i/backups')?.params).toEqual({ project_id: 'p', instanceId: 'i' });
    expect(contract.match('PUT', '/v1.0/p/backups/x')).toBeUndefined();
    expect(contract.match('GET', '/v1.0/p/backups/x/y')).toBeUndefined();
  });

  it('accepts a valid response and names each violation with a pointer, expected and actual', () => {
    expect(contract.validateResponse('getBackup', 200, { backup })).toEqual([]);
    const violations = contract.validateResponse('getBackup', 200, { backup: { ...backup, size: '0.1', status: 'DONE', extra: 1 } });
    expect(violations.map(formatViolation)).toEqual(
      expect.arrayContaining([
        '/backup/size: must be number or null; expected "number or null"; actual "0.1"',
        expect.stringMatching(
          /^\/backup\/status: must be equal to one of the allowed values; expected \["NEW",.*"RESTORED"\]; actual "DONE"$/,
        ),
        '/backup/extra: has the undocumented property "extra"; expected "no property \\"extra\\""; actual 1',
      ]),
    );
  });

  it('reports an undocumented status, and a body where none is documented', () => {
    expect(contract.validateResponse('deleteBackup', 204, null)[0]).toMatchObject({ keyword: 'status', actual: 204 });
    expect(contract.validateResponse('deleteBackup', 202, '')).toEqual([]);
    expect(contract.validateResponse('deleteBackup', 202, { ok: true })[0]).toMatchObject({ keyword: 'content' });
    expect(contract.validateResponse('getBackup', 200, '<html>', 'text/html')[0]).toMatchObject({ keyword: 'content' });
  });

  it('validates parameters as the strings they arrive as', () => {
    expect(
      contract.validateParameters('listBackups', {
        path: { project_id: 'p' },
        query: new URLSearchParams('limit=2&marker=4&all_projects=True'),
      }),
    ).toEqual([]);
    const bad = contract.validateParameters('listBackups', {
      path: { project_id: 'p' },
      query: new URLSearchParams('limit=abc&marker=-1'),
    });
    expect(bad.map((v) => v.pointer)).toEqual(['/query/limit', '/query/marker']);
    expect(contract.validateParameters('getBackup', { path: { project_id: 'p' } })[0]).toMatchObject({
      pointer: '/path/backupId',
      keyword: 'required',
    });
  });
});

describe('ContractValidator.match with broken percent-encoding', () => {
  it('keeps the segment as sent instead of throwing', () => {
    expect(contract.match('GET', '/v1.0/p/backups/%E0%A4%A')?.params.backupId).toBe('%E0%A4%A');
  });

  it('gives each violation the keyword parameters, such as the pattern', () => {
    const [v] = contract.validateRequestBody('createBackup', { backup: { name: 'x', instance: 'abc' } });
    expect(v?.params?.pattern).toMatch(/^\^\(\[0-9a-fA-F\]\)\{8\}/);
  });
});
