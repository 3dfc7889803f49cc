// Requests drawn from the contract's schemas, one arbitrary per operation:
// valid ones (parameters and bodies the schemas accept, on resources that
// do not exist or are the check's own, so that nothing real is touched)
// and invalid ones (a valid body with one constraint broken, a body that
// is not JSON, a JSON body sent as text/plain).
import fc, { type Arbitrary } from 'fast-check';
import type { Operation } from '../../contract/spec.js';
import { type CheckContext, JSON_HEADERS, projectPath } from '../context.js';
import type { RequestSpec } from '../http.js';
import type { ResourceLedger } from '../resources.js';
import { mutationsOf } from './mutations.js';
import { arbitraryOf, merged, type Schema } from './schema.js';

export interface GeneratedRequest {
  operation: string;
  spec: RequestSpec;
  /** For an invalid request: what it breaks, and the status the contract documents for it. */
  invalid?: { breaks: string; pointer: string; status: number };
}

type Parameter = { name: string; in: string; schema?: Schema };

function parametersOf(op: Operation): Parameter[] {
  return op.parameters as unknown as Parameter[];
}

function bodySchemaOf(op: Operation): Schema | undefined {
  const body = (op.operation as { requestBody?: { content?: Record<string, { schema?: Schema }> } }).requestBody;
  return body?.content?.['application/json']?.schema;
}

/**
 * The create-backup body of an instance backup: the contract's first
 * alternative, without `restore_from` (which would register a backup file
 * for real). The instance is never the user's: a server must refuse it.
 */
function instanceBackupSchema(schema: Schema): Schema {
  const backup = merged(schema.properties?.backup ?? {});
  const branch = merged({ allOf: [backup.anyOf?.[0] ?? backup] });
  const { restore_from: _dropped, ...properties } = branch.properties ?? {};
  return { type: 'object', required: ['backup'], properties: { backup: { ...branch, properties } } };
}

function bodySchema(op: Operation): Schema | undefined {
  const schema = bodySchemaOf(op);
  if (!schema) return undefined;
  return op.operationId === 'createBackup' ? instanceBackupSchema(schema) : merged(schema);
}

/** Pins what must not be left to chance: the check's own strategy instance, a backup of no real instance. */
function pinned(op: Operation, body: Record<string, unknown>, ledger: ResourceLedger): Record<string, unknown> {
  const inner = (body.backup_strategy ?? body.backup) as Record<string, unknown> | undefined;
  if (op.operationId === 'createBackupStrategy' && inner) inner.instance_id = ledger.strategyInstance;
  if (op.operationId === 'createBackup' && inner) inner.instance = ledger.unknownId;
  return body;
}

function query(params: Parameter[], values: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const p of params) if (p.in === 'query' && values[p.name] !== undefined) q.set(p.name, String(values[p.name]));
  const text = q.toString();
  return text ? `?${text}` : '';
}

function pathOf(ctx: CheckContext, ledger: ResourceLedger, op: Operation): string {
  // Path IDs of resources that do not exist: a valid request on them has a documented refusal (404).
  const rest = op.path
    .replace(/^\/v1\.0\/\{project_id\}/, '')
    .replace('{backupId}', ledger.unknownId)
    .replace('{instanceId}', ctx.instance ?? ledger.unknownId);
  return op.path.startsWith('/v1.0/') ? projectPath(ctx.project, rest) : op.path;
}

function spec(ctx: CheckContext, op: Operation, path: string, body?: string, contentType = 'application/json'): RequestSpec {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Auth-Token': ctx.token };
  const out: RequestSpec = { method: op.method.toUpperCase(), path, headers };
  if (body !== undefined) {
    out.headers = { ...JSON_HEADERS, 'X-Auth-Token': ctx.token, 'Content-Type': contentType };
    out.body = body;
  }
  return out;
}

/** Valid requests of an operation: its query parameters and body drawn from their schemas. */
export function validRequests(ctx: CheckContext, ledger: ResourceLedger, op: Operation): Arbitrary<GeneratedRequest> {
  const params = parametersOf(op).filter((p) => p.in === 'query');
  // Never all_projects or another project: those are the admin's and a recipe's business.
  const queryArb = fc.record(
    Object.fromEntries(
      params.filter((p) => p.name !== 'all_projects' && p.name !== 'project_id').map((p) => [p.name, arbitraryOf(p.schema ?? {})]),
    ),
    { requiredKeys: [] },
  );
  const schema = bodySchema(op);
  const bodyArb: Arbitrary<Record<string, unknown> | undefined> = schema
    ? (arbitraryOf(schema) as Arbitrary<Record<string, unknown>>)
    : fc.constant(undefined);
  return fc.tuple(queryArb, bodyArb).map(([values, body]) => ({
    operation: op.operationId,
    spec: spec(ctx, op, pathOf(ctx, ledger, op) + query(params, values), body && JSON.stringify(pinned(op, body, ledger))),
  }));
}

/**
 * Invalid requests of an operation with a body, one arbitrary per way to
 * break it (each constraint of the schema, a body that is not JSON, a JSON
 * body sent as text/plain), so that every constraint is tried.
 */
export function invalidRequests(ctx: CheckContext, ledger: ResourceLedger, op: Operation): Arbitrary<GeneratedRequest>[] {
  const schema = bodySchema(op);
  if (!schema) return [];
  const path = pathOf(ctx, ledger, op);
  const bodies = arbitraryOf(schema) as Arbitrary<Record<string, unknown>>;
  const broken = mutationsOf(schema).map((m) =>
    bodies.map((body) => {
      const copy = pinned(op, structuredClone(body), ledger);
      m.apply(copy);
      return {
        operation: op.operationId,
        spec: spec(ctx, op, path, JSON.stringify(copy)),
        invalid: { breaks: m.breaks, pointer: m.pointer, status: 400 },
      };
    }),
  );
  const notJson = fc.constantFrom('{"backup": ', '{', 'not json').map((text) => ({
    operation: op.operationId,
    spec: spec(ctx, op, path, text),
    invalid: { breaks: 'a body that is not JSON', pointer: '', status: 400 },
  }));
  const textPlain = bodies.map((body) => ({
    operation: op.operationId,
    spec: spec(ctx, op, path, JSON.stringify(pinned(op, body, ledger)), 'text/plain'),
    invalid: { breaks: 'Content-Type text/plain', pointer: '', status: 415 },
  }));
  return [...broken, notJson, textPlain];
}
