// The error class of each common status, as the client throws it against the
// reference server, with the request id the server sent; and statuses without
// a class of their own stay TroveApiError.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BackupsClient,
  BadRequestError,
  ConflictError,
  createBackupsClient,
  ForbiddenError,
  NotFoundError,
  OverLimitError,
  TroveApiError,
  UnauthorizedError,
} from '../../src/index.js';
import { type RunningReferenceServer, SEED_DATASTORE_VERSION_ID, SEED_INSTANCE, startReferenceServer } from '../../src/server/index.js';

const REQUEST_ID = /^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let server: RunningReferenceServer;
const clientOf = (project: string, token = project): BackupsClient =>
  createBackupsClient({ endpoint: `${server.url}/v1.0/${project}`, token, retry: false });

beforeAll(async () => {
  server = await startReferenceServer({
    config: {
      tokens: { proj: { project_id: 'proj' }, other: { project_id: 'other' } },
      backupQuota: 7, // proj holds 5 seeded backups, other 1
      timings: { newMs: 60_000, buildingMs: 60_000 },
    },
  });
});
afterAll(() => server.close());

async function thrown(call: () => Promise<unknown>): Promise<TroveApiError> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TroveApiError);
  return error as TroveApiError;
}

describe('each common status has its class, with the request id', () => {
  const cases: [string, typeof TroveApiError, number, () => Promise<unknown>][] = [
    ['an unknown backup', NotFoundError, 404, () => clientOf('proj').get('00000000-0000-4000-8000-000000000000')],
    ['another project in the URL', ForbiddenError, 403, () => clientOf('other', 'proj').list()],
    ['a token the server does not know', UnauthorizedError, 401, () => clientOf('proj', 'nobody').list()],
    ['a negative limit', BadRequestError, 400, () => clientOf('proj').list({ limit: -1 })],
    [
      'a second backup of a busy instance',
      ConflictError,
      422,
      async () => {
        const client = clientOf('proj');
        await client.create({ name: 'first', instance: SEED_INSTANCE });
        await client.create({ name: 'second', instance: SEED_INSTANCE });
      },
    ],
    [
      'a backup over the quota',
      OverLimitError,
      413,
      async () => {
        const client = clientOf('other');
        for (let i = 0; i < 8; i++)
          await client.restore({
            name: `r${i}`,
            restore_from: { remote_location: 'https://s/c/o', local_datastore_version_id: SEED_DATASTORE_VERSION_ID, size: 1 },
          });
      },
    ],
  ];

  it.each(cases)('%s', async (_name, kind, status, call) => {
    const error = await thrown(call);
    expect(error).toBeInstanceOf(kind);
    expect(error.name).toBe(kind.name);
    expect(error.status).toBe(status);
    expect(error.requestId).toMatch(REQUEST_ID);
  });
});

describe('the reference server', () => {
  it('sends a new request id on every answer below /v1.0, as Trove does from 25.0.0', async () => {
    const [a, b] = await Promise.all([
      fetch(`${server.url}/v1.0/proj/backups/${'b1111111-1111-1111-1111-111111111111'}`, { headers: { 'X-Auth-Token': 'proj' } }),
      fetch(`${server.url}/v1.0/proj/backups`, { headers: { 'X-Auth-Token': 'proj' } }),
    ]);
    expect(a.headers.get('x-openstack-request-id')).toMatch(REQUEST_ID);
    expect(b.headers.get('x-openstack-request-id')).toMatch(REQUEST_ID);
    expect(a.headers.get('x-openstack-request-id')).not.toBe(b.headers.get('x-openstack-request-id'));
  });
});
