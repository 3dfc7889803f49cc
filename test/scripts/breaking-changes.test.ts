// The breaking-change gate on a table of changes, each made to the current
// contract: the direction-aware rules say which break a client or a server.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSpecs, gate, latestRelease } from '../../scripts/breaking-changes.mjs';
import { readJson, root } from '../helpers/files.js';

type Doc = {
  info: { description: string };
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean; schema: object }[] }>>;
  components: {
    schemas: Record<
      string,
      { properties: Record<string, Record<string, unknown>>; required?: string[]; enum?: string[]; maxLength?: number }
    >;
  };
};
const current = readJson<Doc>('generated/openapi.json');
const S = (d: Doc) => d.components.schemas;
const LIST = '/v1.0/{project_id}/backups';

const table: [string, (d: Doc) => void, boolean | 'none', string?][] = [
  [
    'a response field removed',
    (d) => {
      delete S(d).Backup!.properties.description;
      S(d).Backup!.required = S(d).Backup!.required!.filter((n) => n !== 'description');
    },
    true,
    'response-property-removed',
  ],
  [
    'a required request field added',
    (d) => {
      S(d).CreateBackupFields!.properties.tier = { type: 'string' };
      S(d).CreateBackupFields!.required = [...(S(d).CreateBackupFields!.required ?? []), 'tier'];
    },
    true,
    'request-required-property-added',
  ],
  [
    'an optional request field becoming required',
    (d) => {
      S(d).CreateBackupFields!.required = [...(S(d).CreateBackupFields!.required ?? []), 'description'];
    },
    true,
    'became-required',
  ],
  [
    'an optional request field added',
    (d) => {
      S(d).CreateBackupFields!.properties.tier = { type: 'string' };
    },
    false,
    'request-property-added',
  ],
  [
    'a value added to a response enum',
    (d) => {
      S(d).BackupStatus!.enum!.push('PURGED');
    },
    true,
    'response-enum-value-added',
  ],
  [
    'a value removed from a response enum',
    (d) => {
      S(d).BackupStatus!.enum = S(d).BackupStatus!.enum!.filter((v) => v !== 'SAVING');
    },
    false,
    'response-enum-value-removed',
  ],
  [
    'a value removed from a request enum',
    (d) => {
      S(d).CreateBackupFields!.properties.storage_driver!.enum = ['swift'];
    },
    true,
    'request-enum-value-removed',
  ],
  [
    'a value added to a request enum',
    (d) => {
      S(d).CreateBackupFields!.properties.storage_driver!.enum = ['swift', 'cinder', 'ceph'];
    },
    false,
    'request-enum-value-added',
  ],
  [
    'an operation removed',
    (d) => {
      delete d.paths['/v1.0/{project_id}/backup_strategies']!.delete;
    },
    true,
    'operation-removed',
  ],
  [
    'an operation added',
    (d) => {
      d.paths['/v1.0/{project_id}/backup_strategies']!.put = { ...d.paths['/v1.0/{project_id}/backup_strategies']!.get! };
    },
    false,
    'operation-added',
  ],
  [
    'a parameter removed',
    (d) => {
      d.paths[LIST]!.get!.parameters!.shift();
    },
    true,
    'parameter-removed',
  ],
  [
    'an optional parameter added',
    (d) => {
      d.paths[LIST]!.get!.parameters!.push({ name: 'name', in: 'query', schema: { type: 'string' } });
    },
    false,
    'parameter-added',
  ],
  [
    'a required parameter added',
    (d) => {
      d.paths[LIST]!.get!.parameters!.push({ name: 'name', in: 'query', required: true, schema: { type: 'string' } });
    },
    true,
    'required-parameter-added',
  ],
  [
    'a type changed',
    (d) => {
      S(d).Backup!.properties.size!.type = 'string';
    },
    true,
    'type-changed',
  ],
  [
    'a response field that may now be null',
    (d) => {
      S(d).Backup!.properties.name!.nullable = true;
    },
    true,
    'nullable-added',
  ],
  [
    'a response field that became optional',
    (d) => {
      S(d).Backup!.required = S(d).Backup!.required!.filter((n) => n !== 'project_id');
    },
    true,
    'became-optional',
  ],
  [
    'a request limit tightened',
    (d) => {
      S(d).NonEmptyString!.maxLength = 100;
    },
    true,
    'maxLength-changed',
  ],
  [
    'a request limit loosened',
    (d) => {
      S(d).NonEmptyString!.maxLength = 512;
    },
    false,
    'maxLength-changed',
  ],
  [
    'only a description changed',
    (d) => {
      d.info.description = 'Other words.';
    },
    'none',
  ],
];

describe('diffSpecs', () => {
  it('finds no change between the contract and itself', () => {
    expect(diffSpecs(current, current)).toEqual([]);
  });

  it.each(table)('%s', (_name, mutate, breaking, rule) => {
    const head = structuredClone(current);
    mutate(head);
    const changes = diffSpecs(current, head);
    if (breaking === 'none') {
      expect(changes).toEqual([]);
      return;
    }
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.map((c) => c.rule)).toContain(rule);
    expect(changes.some((c) => c.breaking)).toBe(breaking);
  });
});

describe('the gate', () => {
  function project(version: string, mutate?: (d: Doc) => void) {
    const dir = mkdtempSync(join(tmpdir(), 'trove-gate-'));
    mkdirSync(join(dir, 'releases', '0.9.0'), { recursive: true });
    mkdirSync(join(dir, 'releases', '0.10.0'), { recursive: true });
    mkdirSync(join(dir, 'generated'));
    writeFileSync(join(dir, 'releases', '0.9.0', 'openapi.json'), '{"paths": {}}');
    cpSync(join(root, 'generated', 'openapi.json'), join(dir, 'releases', '0.10.0', 'openapi.json'));
    const head = structuredClone(current);
    mutate?.(head);
    writeFileSync(join(dir, 'generated', 'openapi.json'), JSON.stringify(head));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ version }));
    return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const removeOperation = (d: Doc) => {
    delete d.paths[LIST]!.post;
  };

  it('compares with the newest release by semver, not by name', () => {
    const p = project('0.10.0');
    expect(latestRelease(join(p.dir, 'releases'))).toBe('0.10.0');
    p.done();
  });

  it('passes a compatible contract, fails a breaking one, and passes it once the major is raised', () => {
    for (const [version, mutate, ok] of [
      ['0.10.0', undefined, true],
      ['0.11.0', removeOperation, false],
      ['1.0.0', removeOperation, true],
    ] as const) {
      const p = project(version, mutate);
      const result = gate({ root: p.dir });
      p.done();
      expect(result.release).toBe('0.10.0');
      expect(result.ok, `${version}`).toBe(ok);
    }
  });

  it('holds for this package: the contract has no breaking change since its last release', () => {
    const result = gate({ root });
    expect(result.breaking).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
