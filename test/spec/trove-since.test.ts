// Everything the Backups API gained after the 2018 api-ref says which Trove
// release added it, in its text and as `x-trove-since`.
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../src/contract/spec.js';
import { ContractValidator } from '../../src/contract/validator.js';

const contract = new ContractValidator();
const RELEASE = /^\d+\.\d+\.\d+ \((Train|Ussuri|Victoria|Wallaby|Xena|Yoga|Zed|20\d\d\.\d [A-Z][a-z]+)\)$/;

// What the 2018 server (3301a2a7) already had, whether or not its api-ref said so.
const OLD_PARAMETERS = ['path project_id', 'path backupId', 'path instanceId', 'query datastore', 'query limit', 'query marker'];
const OLD_BACKUP_FIELDS = [
  'id',
  'name',
  'description',
  'locationRef',
  'instance_id',
  'created',
  'updated',
  'size',
  'status',
  'parent_id',
  'datastore',
];
const OLD_REQUEST_FIELDS = ['name', 'instance', 'description', 'parent_id', 'incremental'];
const OLD_OPERATIONS = ['listVersions', 'listBackups', 'createBackup', 'getBackup', 'deleteBackup', 'listInstanceBackups'];

const properties = (schema: JsonSchema): Record<string, JsonSchema> => {
  const own = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const parts = [...((schema.allOf ?? []) as JsonSchema[]), ...((schema.anyOf ?? []) as JsonSchema[])];
  return Object.assign({}, ...parts.map(properties), own);
};

function newThings(): { name: string; node: Record<string, unknown> }[] {
  const found: { name: string; node: Record<string, unknown> }[] = [];
  for (const { operationId, parameters, operation } of contract.operations) {
    if (!OLD_OPERATIONS.includes(operationId)) {
      found.push({ name: `operation ${operationId}`, node: operation as unknown as Record<string, unknown> });
      continue;
    }
    for (const p of parameters) {
      if (!OLD_PARAMETERS.includes(`${p.in} ${p.name}`))
        found.push({ name: `${operationId} ${p.in} parameter ${p.name}`, node: p as unknown as Record<string, unknown> });
    }
  }
  const get = contract.operation('getBackup').operation.responses['200']!.content!['application/json']!.schema!;
  for (const [name, node] of Object.entries(properties(properties(get).backup!))) {
    if (!OLD_BACKUP_FIELDS.includes(name)) found.push({ name: `backup field ${name}`, node });
  }
  const create = contract.operation('createBackup').operation.requestBody!.content['application/json']!.schema!;
  for (const [name, node] of Object.entries(properties(properties(create).backup!))) {
    if (!OLD_REQUEST_FIELDS.includes(name)) found.push({ name: `create request field ${name}`, node });
  }
  return found;
}

describe('x-trove-since', () => {
  const things = newThings();

  it('finds the additions since 2018', () => {
    expect(things.map((t) => t.name).sort()).toEqual([
      'backup field project_id',
      'create request field restore_from',
      'create request field storage_driver',
      'create request field swift_container',
      'listBackups query parameter all_projects',
      'listBackups query parameter instance_id',
      'listBackups query parameter project_id',
      'operation createBackupStrategy',
      'operation deleteBackupStrategies',
      'operation listBackupStrategies',
    ]);
  });

  it.each(things.map((t) => [t.name, t] as const))('%s names its Trove release, in x-trove-since and in its description', (_n, t) => {
    const since = t.node['x-trove-since'];
    expect(since).toMatch(RELEASE);
    const text = String(t.node.description ?? '');
    expect(text).toContain(String(since).split(' ')[0]);
  });
});
