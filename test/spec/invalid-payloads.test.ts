// One invalid payload per constraint of the contract. Each case changes one
// thing in a valid payload, and must be refused at the pointer it changed:
// refused for the right reason, not for any.
import { describe, expect, it } from 'vitest';
import { ContractValidator } from '../../src/contract/validator.js';

const contract = new ContractValidator();
const UUID = '44b277eb-39be-4921-be31-3d61b43651d7';

const backup = {
  id: 'a9832168-7541-4536-b8d9-a8a9b79cf1b4',
  name: 'snapshot',
  description: 'My Backup',
  locationRef: 'http://127.0.0.1:8080/v1/AUTH_p/database_backups/a.xbstream.gz.enc',
  instance_id: UUID,
  created: '2014-10-30T12:30:00',
  updated: '2014-10-30T12:30:05',
  size: 0.14,
  status: 'COMPLETED',
  parent_id: null,
  project_id: 'p',
  datastore: { type: 'mysql', version: '5.7.29', version_id: 'b00000b0-00b0-0b00-00b0-000b000000bb' },
};
const createRequest = { backup: { name: 'snapshot', instance: UUID } };
const restoreFrom = { remote_location: 'https://swift/v1/AUTH_p/c/o', local_datastore_version_id: UUID, size: 0.1 };
const strategy = { project_id: 'p', instance_id: '', backend: 'swift', swift_container: 'c' };
const next = { rel: 'next', href: 'https://trove:8779/v1.0/p/backups?limit=2&marker=2' };

type Target = { op: string; status?: number };
interface Case {
  name: string;
  target: Target;
  valid: unknown;
  invalid: unknown;
  /** Where the violation must be reported, and by which keyword. */
  at: string;
  keyword: string;
}

const request = (op: string): Target => ({ op });
const response = (op: string, status: number): Target => ({ op, status });
const withBackup = (patch: Record<string, unknown>, drop: string[] = []) => {
  const b: Record<string, unknown> = { ...backup, ...patch };
  for (const k of drop) delete b[k];
  return { backup: b };
};
const create = (patch: Record<string, unknown>, drop: string[] = []) => {
  const b: Record<string, unknown> = { ...createRequest.backup, ...patch };
  for (const k of drop) delete b[k];
  return { backup: b };
};

const cases: Case[] = [
  // create backup request
  { name: 'no backup key', target: request('createBackup'), valid: createRequest, invalid: {}, at: '/backup', keyword: 'required' },
  {
    name: 'missing name',
    target: request('createBackup'),
    valid: createRequest,
    invalid: create({}, ['name']),
    at: '/backup/name',
    keyword: 'required',
  },
  {
    name: 'empty name',
    target: request('createBackup'),
    valid: createRequest,
    invalid: create({ name: '' }),
    at: '/backup/name',
    keyword: 'minLength',
  },
  {
    name: 'name without a letter or digit',
    target: request('createBackup'),
    valid: createRequest,
    invalid: create({ name: '---' }),
    at: '/backup/name',
    keyword: 'pattern',
  },
  {
    name: 'name over 255 characters',
    target: request('createBackup'),
    valid: createRequest,
    invalid: create({ name: 'a'.repeat(256) }),
    at: '/backup/name',
    keyword: 'maxLength',
  },
  {
    name: 'instance not a uuid',
    target: request('createBackup'),
    valid: createRequest,
    invalid: create({ instance: 'invalid-inst-id' }),
    at: '/backup/instance',
    keyword: 'pattern',
  },
  {
    name: 'neither instance nor restore_from',
    target: request('createBackup'),
    valid: createRequest,
    invalid: create({}, ['instance']),
    at: '/backup',
    keyword: 'anyOf',
  },
  {
    name: 'incremental: true',
    target: request('createBackup'),
    valid: create({ incremental: 1 }),
    invalid: create({ incremental: true }),
    at: '/backup/incremental',
    keyword: 'type',
  },
  {
    name: 'incremental: "1"',
    target: request('createBackup'),
    valid: create({ incremental: 1 }),
    invalid: create({ incremental: '1' }),
    at: '/backup/incremental',
    keyword: 'type',
  },
  {
    name: 'incremental: 2',
    target: request('createBackup'),
    valid: create({ incremental: 0 }),
    invalid: create({ incremental: 2 }),
    at: '/backup/incremental',
    keyword: 'enum',
  },
  {
    name: 'parent_id not a uuid',
    target: request('createBackup'),
    valid: create({ parent_id: UUID }),
    invalid: create({ parent_id: 'parent' }),
    at: '/backup/parent_id',
    keyword: 'pattern',
  },
  {
    name: 'description: null',
    target: request('createBackup'),
    valid: create({ description: 'd' }),
    invalid: create({ description: null }),
    at: '/backup/description',
    keyword: 'type',
  },
  {
    name: 'swift_container with a space',
    target: request('createBackup'),
    valid: create({ swift_container: 'my_backups' }),
    invalid: create({ swift_container: 'my backups' }),
    at: '/backup/swift_container',
    keyword: 'pattern',
  },
  {
    name: 'unknown storage_driver',
    target: request('createBackup'),
    valid: create({ storage_driver: 'cinder' }),
    invalid: create({ storage_driver: 'ceph' }),
    at: '/backup/storage_driver',
    keyword: 'enum',
  },
  {
    name: 'restore_from without size',
    target: request('createBackup'),
    valid: create({ restore_from: restoreFrom }),
    invalid: create({ restore_from: { ...restoreFrom, size: undefined } }),
    at: '/backup/restore_from/size',
    keyword: 'required',
  },
  {
    name: 'restore_from size as a string',
    target: request('createBackup'),
    valid: create({ restore_from: restoreFrom }),
    invalid: create({ restore_from: { ...restoreFrom, size: '0.1' } }),
    at: '/backup/restore_from/size',
    keyword: 'type',
  },
  {
    name: 'restore_from datastore version not a uuid',
    target: request('createBackup'),
    valid: create({ restore_from: restoreFrom }),
    invalid: create({ restore_from: { ...restoreFrom, local_datastore_version_id: '5.7' } }),
    at: '/backup/restore_from/local_datastore_version_id',
    keyword: 'pattern',
  },
  // create backup strategy request
  {
    name: 'strategy: unknown key',
    target: request('createBackupStrategy'),
    valid: { backup_strategy: { swift_container: 'c' } },
    invalid: { backup_strategy: { swift_container: 'c', backend: 'swift' } },
    at: '/backup_strategy/backend',
    keyword: 'additionalProperties',
  },
  {
    name: 'strategy: missing swift_container',
    target: request('createBackupStrategy'),
    valid: { backup_strategy: { swift_container: 'c' } },
    invalid: { backup_strategy: { instance_id: UUID } },
    at: '/backup_strategy/swift_container',
    keyword: 'required',
  },
  {
    name: 'strategy: instance_id not a uuid',
    target: request('createBackupStrategy'),
    valid: { backup_strategy: { swift_container: 'c', instance_id: UUID } },
    invalid: { backup_strategy: { swift_container: 'c', instance_id: 'i' } },
    at: '/backup_strategy/instance_id',
    keyword: 'pattern',
  },
  // backup responses
  {
    name: 'size as a string',
    target: response('getBackup', 200),
    valid: withBackup({}),
    invalid: withBackup({ size: '0.14' }),
    at: '/backup/size',
    keyword: 'type',
  },
  {
    name: 'unknown status',
    target: response('getBackup', 200),
    valid: withBackup({}),
    invalid: withBackup({ status: 'DELETED' }),
    at: '/backup/status',
    keyword: 'enum',
  },
  {
    name: 'a zone in a timestamp',
    target: response('getBackup', 200),
    valid: withBackup({}),
    invalid: withBackup({ created: '2014-10-30T12:30:00Z' }),
    at: '/backup/created',
    keyword: 'pattern',
  },
  {
    name: 'an offset in a timestamp',
    target: response('getBackup', 200),
    valid: withBackup({}),
    invalid: withBackup({ updated: '2014-10-30T12:30:00+00:00' }),
    at: '/backup/updated',
    keyword: 'pattern',
  },
  {
    name: 'fractional seconds',
    target: response('getBackup', 200),
    valid: withBackup({}),
    invalid: withBackup({ created: '2014-10-30T12:30:00.123456' }),
    at: '/backup/created',
    keyword: 'pattern',
  },
  {
    name: 'a space instead of T',
    target: response('getBackup', 200),
    valid: withBackup({}),
    invalid: withBackup({ created: '2014-10-30 12:30:00' }),
    at: '/backup/created',
    keyword: 'pattern',
  },
  {
    name: 'id as a number',
    target: response('getBackup', 200),
    valid: withBackup({}),
    invalid: withBackup({ id: 123 }),
    at: '/backup/id',
    keyword: 'type',
  },
  {
    name: 'description absent instead of null',
    target: response('getBackup', 200),
    valid: withBackup({ description: null }),
    invalid: withBackup({}, ['description']),
    at: '/backup/description',
    keyword: 'required',
  },
  {
    name: 'missing project_id',
    target: response('getBackup', 200),
    valid: withBackup({}),
    invalid: withBackup({}, ['project_id']),
    at: '/backup/project_id',
    keyword: 'required',
  },
  {
    name: 'datastore: null instead of absent',
    target: response('getBackup', 200),
    valid: withBackup({}, ['datastore']),
    invalid: withBackup({ datastore: null }),
    at: '/backup/datastore',
    keyword: 'type',
  },
  {
    name: 'datastore without version_id',
    target: response('getBackup', 200),
    valid: withBackup({}),
    invalid: withBackup({ datastore: { type: 'mysql', version: '5.7' } }),
    at: '/backup/datastore/version_id',
    keyword: 'required',
  },
  {
    name: 'storage_driver in a response',
    target: response('getBackup', 200),
    valid: withBackup({}),
    invalid: withBackup({ storage_driver: 'swift' }),
    at: '/backup/storage_driver',
    keyword: 'additionalProperties',
  },
  {
    name: 'parent_id not a uuid',
    target: response('getBackup', 200),
    valid: withBackup({ parent_id: UUID }),
    invalid: withBackup({ parent_id: 'p' }),
    at: '/backup/parent_id',
    keyword: 'pattern',
  },
  {
    name: 'create answers a list',
    target: response('createBackup', 202),
    valid: withBackup({ status: 'NEW' }),
    invalid: { backups: [backup] },
    at: '/backup',
    keyword: 'required',
  },
  // lists and pagination
  {
    name: 'links rel other than next',
    target: response('listBackups', 200),
    valid: { backups: [backup], links: [next] },
    invalid: { backups: [backup], links: [{ ...next, rel: 'prev' }] },
    at: '/links/0/rel',
    keyword: 'enum',
  },
  {
    name: 'next link without a marker',
    target: response('listBackups', 200),
    valid: { backups: [backup], links: [next] },
    invalid: { backups: [backup], links: [{ ...next, href: 'https://trove:8779/v1.0/p/backups?limit=2' }] },
    at: '/links/0/href',
    keyword: 'pattern',
  },
  {
    name: 'marker that is an id, not an offset',
    target: response('listBackups', 200),
    valid: { backups: [backup], links: [next] },
    invalid: { backups: [backup], links: [{ ...next, href: `https://trove:8779/v1.0/p/backups?marker=${UUID}` }] },
    at: '/links/0/href',
    keyword: 'pattern',
  },
  {
    name: 'backups_links instead of links',
    target: response('listBackups', 200),
    valid: { backups: [backup], links: [next] },
    invalid: { backups: [backup], backups_links: [next] },
    at: '/backups_links',
    keyword: 'additionalProperties',
  },
  {
    name: 'an empty links array',
    target: response('listInstanceBackups', 200),
    valid: { backups: [] },
    invalid: { backups: [], links: [] },
    at: '/links',
    keyword: 'minItems',
  },
  // strategies
  {
    name: 'strategy instance_id null instead of ""',
    target: response('createBackupStrategy', 202),
    valid: { backup_strategy: strategy },
    invalid: { backup_strategy: { ...strategy, instance_id: null } },
    at: '/backup_strategy/instance_id',
    keyword: 'type',
  },
  {
    name: 'strategy backend other than swift',
    target: response('listBackupStrategies', 200),
    valid: { backup_strategies: [strategy] },
    invalid: { backup_strategies: [{ ...strategy, backend: 'cinder' }] },
    at: '/backup_strategies/0/backend',
    keyword: 'enum',
  },
  // versions
  {
    name: 'version updated without Z',
    target: response('listVersions', 200),
    valid: { versions: [{ id: 'v1.0', status: 'CURRENT', updated: '2012-08-01T00:00:00Z', links: [] }] },
    invalid: { versions: [{ id: 'v1.0', status: 'CURRENT', updated: '2012-08-01T00:00:00', links: [] }] },
    at: '/versions/0/updated',
    keyword: 'pattern',
  },
  // faults
  {
    name: 'an unknown fault name',
    target: response('getBackup', 404),
    valid: { itemNotFound: { code: 404, message: 'm' } },
    invalid: { notFound: { code: 404, message: 'm' } },
    at: '/itemNotFound',
    keyword: 'required',
  },
  {
    name: 'a fault code that is not the status',
    target: response('getBackup', 404),
    valid: { itemNotFound: { code: 404, message: 'm' } },
    invalid: { itemNotFound: { code: 400, message: 'm' } },
    at: '/itemNotFound/code',
    keyword: 'enum',
  },
  {
    name: 'a fault without message',
    target: response('deleteBackup', 422),
    valid: { unprocessableEntity: { code: 422, message: 'm' } },
    invalid: { unprocessableEntity: { code: 422 } },
    at: '/unprocessableEntity/message',
    keyword: 'required',
  },
  {
    name: 'a fault name of another status',
    target: response('createBackup', 400),
    valid: { badRequest: { code: 400, message: 'm' } },
    invalid: { itemNotFound: { code: 400, message: 'm' } },
    at: '/itemNotFound',
    keyword: 'additionalProperties',
  },
  {
    name: 'a second fault key',
    target: response('listBackups', 500),
    valid: { instanceFault: { code: 500, message: 'm' } },
    invalid: { instanceFault: { code: 500, message: 'm' }, serverError: { code: 500, message: 'm' } },
    at: '/serverError',
    keyword: 'additionalProperties',
  },
  {
    name: 'a Keystone body with another code',
    target: response('listBackups', 401),
    valid: { error: { code: 401, title: 'Unauthorized', message: 'm' } },
    invalid: { error: { code: 403, title: 'Forbidden', message: 'm' } },
    at: '/error/code',
    keyword: 'enum',
  },
  {
    name: 'a webob body with an integer code',
    target: response('createBackup', 415),
    valid: { message: 'm', code: '415 Unsupported Media Type', title: 't' },
    invalid: { message: 'm', code: 415, title: 't' },
    at: '/code',
    keyword: 'type',
  },
  {
    name: 'rate limit retryAfter as a number',
    target: response('getBackup', 413),
    valid: { overLimit: { code: 413, message: 'm', details: 'd', retryAfter: '3' } },
    invalid: { overLimit: { code: 413, message: 'm', details: 'd', retryAfter: 3 } },
    at: '/overLimit/retryAfter',
    keyword: 'type',
  },
];

function check(target: Target, value: unknown) {
  return target.status === undefined
    ? contract.validateRequestBody(target.op, value)
    : contract.validateResponse(target.op, target.status, value);
}

describe('invalid payloads', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s is refused at its pointer', (_name, c) => {
    expect(check(c.target, c.valid), 'the valid twin is accepted').toEqual([]);
    const violations = check(c.target, JSON.parse(JSON.stringify(c.invalid)));
    expect(violations.map((v) => `${v.keyword} ${v.pointer}`)).toContain(`${c.keyword} ${c.at}`);
  });
});
