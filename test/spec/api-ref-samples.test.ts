// The samples of the upstream api-ref, 2018 and today, against the contract.
// Each verdict lists exactly the violations found, with the reason the real
// server would never produce (or would reject) that sample, so a change of
// the contract that hides one of them is noticed.
import { describe, expect, it } from 'vitest';
import { ContractValidator } from '../../src/contract/validator.js';
import { readJson } from '../helpers/files.js';

const contract = new ContractValidator();
const dir = 'test/spec/fixtures/api-ref';
const NO_PROJECT_ID = 'Trove has returned project_id in every backup since 14.0.0 (Victoria); no sample shows it.';
const STORAGE_DRIVER = 'Trove never returns storage_driver (BackupView has no such key), although the api-ref documents it in responses.';

interface Verdict {
  file: string;
  op: string;
  status?: number;
  /** `keyword pointer` of every violation; empty when the server could produce (or would accept) the sample. */
  violations: string[];
  why?: string;
}

const backupsMissingProjectId = (n: number) => Array.from({ length: n }, (_, i) => `required /backups/${i}/project_id`);
const backupsWithStorageDriver = (n: number) => Array.from({ length: n }, (_, i) => `additionalProperties /backups/${i}/storage_driver`);

const verdicts: Verdict[] = [
  { file: '2018-3301a2a7/db-backup-create-request.json', op: 'createBackup', violations: [] },
  {
    file: '2018-3301a2a7/db-backup-create-response.json',
    op: 'createBackup',
    status: 202,
    violations: ['required /backup/project_id'],
    why: NO_PROJECT_ID,
  },
  {
    file: '2018-3301a2a7/db-backup-get-response.json',
    op: 'getBackup',
    status: 200,
    violations: ['required /backup/project_id'],
    why: NO_PROJECT_ID,
  },
  {
    file: '2018-3301a2a7/db-backup-list-response.json',
    op: 'listBackups',
    status: 200,
    violations: backupsMissingProjectId(2),
    why: NO_PROJECT_ID,
  },
  {
    file: '2018-3301a2a7/db-backups-by-instance-response.json',
    op: 'listInstanceBackups',
    status: 200,
    violations: backupsMissingProjectId(2),
    why: NO_PROJECT_ID,
  },
  { file: 'head/backup-create-request.json', op: 'createBackup', violations: [] },
  {
    file: 'head/backup-create-response.json',
    op: 'createBackup',
    status: 202,
    violations: ['required /backup/project_id', 'additionalProperties /backup/storage_driver'],
    why: `${NO_PROJECT_ID} ${STORAGE_DRIVER}`,
  },
  {
    file: 'head/backup-get-response.json',
    op: 'getBackup',
    status: 200,
    violations: ['required /backup/project_id', 'additionalProperties /backup/storage_driver'],
    why: `${NO_PROJECT_ID} ${STORAGE_DRIVER}`,
  },
  {
    file: 'head/backup-list-response.json',
    op: 'listBackups',
    status: 200,
    violations: [...backupsMissingProjectId(2), ...backupsWithStorageDriver(2)],
    why: `${NO_PROJECT_ID} ${STORAGE_DRIVER}`,
  },
  {
    file: 'head/instance-backup-list-response.json',
    op: 'listInstanceBackups',
    status: 200,
    violations: backupsMissingProjectId(1),
    why: NO_PROJECT_ID,
  },
  { file: 'head/backup-strategy-create-request.json', op: 'createBackupStrategy', violations: [] },
  { file: 'head/backup-strategy-create-response.json', op: 'createBackupStrategy', status: 202, violations: [] },
  { file: 'head/backup-strategy-list-response.json', op: 'listBackupStrategies', status: 200, violations: [] },
];

describe('samples of the upstream api-ref', () => {
  it.each(verdicts.map((v) => [v.file, v] as const))('%s', (_file, v) => {
    const body = readJson(`${dir}/${v.file}`);
    const found = v.status === undefined ? contract.validateRequestBody(v.op, body) : contract.validateResponse(v.op, v.status, body);
    expect(found.map((x) => `${x.keyword} ${x.pointer}`).sort()).toEqual([...v.violations].sort());
    if (v.violations.length > 0) expect(v.why).toBeTruthy();
  });

  it('covers every sample file', async () => {
    const { filesUnder } = await import('../helpers/files.js');
    expect(
      filesUnder(dir, '.json')
        .map((f) => f.slice(dir.length + 1))
        .sort(),
    ).toEqual(verdicts.map((v) => v.file).sort());
  });
});
