// Everything the Backups API gained after the 2018 api-ref says which Trove
// release added it, in its text and as `x-trove-since` (with the commit as
// `x-trove-commit`); each behaviour that changed says it in `x-trove-changes`.
// The tables below were verified in openstack/trove's history: the commit by
// `git log -S '<the code>' -- <file>`, the release by `git tag --contains`
// (its first release tag). 26.0.0 was read at master 4cdc0cda (2026-08-14).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../src/contract/spec.js';
import { ContractValidator } from '../../src/contract/validator.js';
import { root } from '../helpers/files.js';

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

// (thing, release, commit): the first release whose source has it.
const VERIFIED_SINCE: Record<string, [release: string, commit: string]> = {
  'backup field project_id': ['14.0.0 (Victoria)', '86a0102a'], // views.py "project_id": self.backup.tenant_id
  'create request field restore_from': ['15.0.0 (Wallaby)', '6fdf11ea'], // service.py restore_from = data.get(...)
  'create request field storage_driver': ['23.0.0 (2025.1 Epoxy)', 'e4113c55'], // service.py storage_driver = data.get(...)
  'create request field swift_container': ['14.0.0 (Victoria)', '828e8738'], // service.py swift_container = data.get(...)
  'listBackups query parameter all_projects': ['12.0.0 (Train)', 'd43b4209'], // service.py all_projects
  'listBackups query parameter instance_id': ['12.0.0 (Train)', 'd43b4209'], // service.py instance_id = req.GET.get(...)
  'listBackups query parameter project_id': ['14.0.0 (Victoria)', 'f79bb53a'], // service.py project_id = req.GET.get(...)
  'operation createBackupStrategy': ['14.0.0 (Victoria)', '828e8738'], // BackupStrategyController
  'operation deleteBackupStrategies': ['14.0.0 (Victoria)', '828e8738'],
  'operation listBackupStrategies': ['14.0.0 (Victoria)', '828e8738'],
};

// commit → the first release that has it (also for the marks on whole schemas).
const COMMIT_RELEASE: Record<string, string> = {
  d43b4209: '12.0.0 (Train)', // Support backup filtering
  '828e8738': '14.0.0 (Victoria)', // Support backup strategy API
  f79bb53a: '14.0.0 (Victoria)', // Support getting backups of a specific project
  '86a0102a': '14.0.0 (Victoria)', // Add project_id to backup response
  '6fdf11ea': '15.0.0 (Wallaby)', // Support to restore backup from remote location
  ebe15a1b: '21.0.0 (2024.1 Caracal)', // Enable healthcheck middleware (api-paste.ini)
  be9bd3f3: '22.0.0 (2024.2 Dalmatian)', // Use policy to determine admin context (wsgi.py ContextMiddleware)
  e4113c55: '23.0.0 (2025.1 Epoxy)', // Support new storage driver for backup objects
  '354ec271': '25.0.0 (2026.1 Gazpacho)', // Return X-OpenStack-Request-Id header in response (api-paste.ini)
  '02b71fcd': '25.0.0 (2026.1 Gazpacho)', // Allow deletion of expired running backups (models.py delete)
  '8e030265': '25.0.0 (2026.1 Gazpacho)', // Skip remaining Swift checks when not in use (models.py delete)
};

// (where, commit) of each behaviour change the spec records.
const VERIFIED_CHANGES = [
  ['API', 'be9bd3f3'],
  ['API', '354ec271'],
  ['listVersions', 'ebe15a1b'],
  ['createBackup', 'e4113c55'],
  ['deleteBackup', '02b71fcd'],
  ['deleteBackup', '8e030265'],
];

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

  it.each(things.map((t) => [t.name, t] as const))("%s names the release and commit verified in Trove's history", (name, t) => {
    const [release, commit] = VERIFIED_SINCE[name] ?? ['unverified', 'unverified'];
    expect(t.node['x-trove-since']).toBe(release);
    expect(t.node['x-trove-commit']).toBe(commit);
  });
});

describe('release marks of the bundled spec', () => {
  const bundled = JSON.parse(readFileSync(join(root, 'generated/openapi.json'), 'utf8')) as unknown;
  const found: { at: string; node: Record<string, unknown> }[] = [];
  const visit = (node: unknown, at: string) => {
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (!Array.isArray(node) && ('x-trove-since' in n || 'x-trove-until' in n || 'x-trove-changes' in n)) found.push({ at, node: n });
    for (const [k, v] of Object.entries(n)) visit(v, `${at}/${k}`);
  };
  visit(bundled, '');

  it.each(found.filter((f) => 'x-trove-since' in f.node).map((f) => [f.at, f.node] as const))(
    '%s: its commit is the one that shipped in its release',
    (_at, node) => {
      expect(node['x-trove-since']).toMatch(RELEASE);
      expect(COMMIT_RELEASE[String(node['x-trove-commit'])]).toBe(node['x-trove-since']);
    },
  );

  it('records exactly the verified behaviour changes, each with its release and commit', () => {
    const changes = found.flatMap(({ at, node }) =>
      ((node['x-trove-changes'] ?? []) as { release: string; commit: string; change: string }[]).map((c) => {
        expect(c.release).toBe(COMMIT_RELEASE[c.commit]);
        expect(c.change.length).toBeGreaterThan(20);
        const where = at === '' ? 'API' : String((node as { operationId?: string }).operationId);
        return [where, c.commit];
      }),
    );
    expect(changes.sort()).toEqual([...VERIFIED_CHANGES].sort());
  });

  it('marks nothing as removed: no field or parameter left the Backups API between 18.0.0 and 26.0.0', () => {
    expect(found.filter((f) => 'x-trove-until' in f.node)).toEqual([]);
  });
});
