// Every example in the contract validates against its own schema, checked
// here with Ajv on the bundle (independently of Redocly's lint), and every
// sample file is used by the spec.
import { describe, expect, it } from 'vitest';
import { ContractValidator, formatViolation } from '../../src/contract/validator.js';
import { filesUnder, readText } from '../helpers/files.js';

const contract = new ContractValidator();

const cases: { name: string; schema: Record<string, unknown>; value: unknown }[] = [];
for (const { operationId, parameters, operation } of contract.operations) {
  for (const p of parameters) {
    cases.push({ name: `${operationId} ${p.in} parameter ${p.name}`, schema: p.schema ?? {}, value: p.example });
  }
  for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
    for (const [key, ex] of Object.entries(media.examples ?? {})) {
      cases.push({ name: `${operationId} request ${type} example ${key}`, schema: media.schema ?? {}, value: ex.value });
    }
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    for (const [type, media] of Object.entries(response.content ?? {})) {
      for (const [key, ex] of Object.entries(media.examples ?? {})) {
        cases.push({ name: `${operationId} ${status} ${type} example ${key}`, schema: media.schema ?? {}, value: ex.value });
      }
    }
  }
}

describe('examples of the bundled contract', () => {
  it('holds the 9 operations of the Backups API', () => {
    expect(contract.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual([
      'DELETE /v1.0/{project_id}/backup_strategies',
      'DELETE /v1.0/{project_id}/backups/{backupId}',
      'GET /',
      'GET /v1.0/{project_id}/backup_strategies',
      'GET /v1.0/{project_id}/backups',
      'GET /v1.0/{project_id}/backups/{backupId}',
      'GET /v1.0/{project_id}/instances/{instanceId}/backups',
      'POST /v1.0/{project_id}/backup_strategies',
      'POST /v1.0/{project_id}/backups',
    ]);
  });

  it('has an example on every parameter and every request and response media type', () => {
    const missing: string[] = [];
    for (const { operationId, parameters, operation } of contract.operations) {
      for (const p of parameters) if (p.example === undefined) missing.push(`${operationId} ${p.name}`);
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
        if (Object.keys(media.examples ?? {}).length === 0) missing.push(`${operationId} request ${type}`);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (Object.keys(media.examples ?? {}).length === 0) missing.push(`${operationId} ${status} ${type}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(cases.length).toBeGreaterThan(100);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s validates', (_name, c) => {
    expect(c.value).not.toBeUndefined();
    expect(contract.validateSchema(c.schema, c.value).map(formatViolation)).toEqual([]);
  });
});

describe('samples/', () => {
  const specText = filesUnder('spec', '.yaml').map(readText).join('\n');
  const handWritten = filesUnder('samples', '.json').filter((f) => !f.startsWith('samples/recorded/'));

  it.each(handWritten)('%s is used as an example by the spec', (file) => {
    expect(specText).toContain(file.replace(/^samples\//, '/samples/'));
  });
});
