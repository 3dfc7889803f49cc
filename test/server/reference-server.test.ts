// The reference server's behaviour, operation by operation, on its default
// seed (the real-Trove harness's) with a clock the tests move by hand. Every
// answer is also checked against the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningReferenceServer,
  SEED_DATASTORE_VERSION_ID,
  SEED_INSTANCE,
  SEED_OTHER_INSTANCE,
  startReferenceServer,
} from '../../src/server/index.js';
import { readJson } from '../helpers/files.js';
import { contractViolations, type Request, send } from './exchange.js';

const seed = (digit: string) => `b${digit.repeat(7)}-${digit.repeat(4)}-${digit.repeat(4)}-${digit.repeat(4)}-${digit.repeat(12)}`;
const NEW_MS = 1000;
const BUILDING_MS = 5000;

let server: RunningReferenceServer;
let now = Date.parse('2026-01-01T00:00:00Z');

async function call(req: Request) {
  const res = await send(server.url, req);
  expect(contractViolations(req.method ?? 'GET', req.path, res), `${req.method ?? 'GET'} ${req.path}`).toEqual([]);
  return res;
}

const create = (backup: Record<string, unknown>, token = 'proj') =>
  call({ method: 'POST', path: `/v1.0/${token}/backups`, token, body: { backup } });
type Backup = { id: string; status: string; parent_id: string | null; updated: string; size: number | null; locationRef: string | null };
const backupOf = (res: { body: unknown }) => (res.body as { backup: Backup }).backup;
const listOf = (res: { body: unknown }) => res.body as { backups: Backup[]; links?: { href: string }[] };

beforeAll(async () => {
  server = await startReferenceServer({ config: { timings: { newMs: NEW_MS, buildingMs: BUILDING_MS } }, clock: () => now });
});
afterAll(() => server.close());

describe('startReferenceServer', () => {
  it('listens on a free port of 127.0.0.1 and serves the versions document without a token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await call({ path: '/', token: null });
    expect(res.body).toEqual({
      versions: [{ id: 'v1.0', status: 'CURRENT', updated: '2012-08-01T00:00:00Z', links: [{ rel: 'self', href: `${server.url}/v1.0/` }] }],
    });
  });

  it('stops on close(), and a second close() is harmless', async () => {
    const other = await startReferenceServer();
    await other.close();
    await other.close();
    await expect(fetch(`${other.url}/`)).rejects.toThrow();
  });
});

describe('the default state mirrors the seed of the real-Trove harness', () => {
  it('lists the same backups as the recording from Trove, in the same order (modulo the datastore version id)', async () => {
    const recorded = readJson<{ response: { body: { backups: { datastore?: { version_id: string } }[] } } }>(
      'samples/recorded/18/list-backups.json',
    );
    const expected = recorded.response.body.backups.map((b) =>
      b.datastore ? { ...b, datastore: { ...b.datastore, version_id: SEED_DATASTORE_VERSION_ID } } : b,
    );
    expect((await call({ path: '/v1.0/proj/backups' })).body).toEqual({ backups: expected });
  });

  it('pages with an offset marker and an https next link, as recorded from Trove', async () => {
    const recorded = readJson<{ response: { body: { links: unknown } } }>('samples/recorded/18/list-backups-next-page.json');
    const res = await call({ path: '/v1.0/proj/backups?limit=2' });
    const host = new URL(server.url).host;
    expect(listOf(res).links).toEqual(JSON.parse(JSON.stringify(recorded.response.body.links).replace('127.0.0.1:8779', host)));
    expect(listOf(await call({ path: '/v1.0/proj/backups?limit=2&marker=4' })).links).toBeUndefined();
  });

  it("hides the soft-deleted backup and other projects' backups (404)", async () => {
    expect((await call({ path: `/v1.0/proj/backups/${seed('6')}` })).status).toBe(404);
    expect((await call({ path: `/v1.0/proj/backups/${seed('5')}` })).body).toEqual({
      itemNotFound: { code: 404, message: `Resource ${seed('5')} cannot be found.` },
    });
  });
});

describe('auth', () => {
  it("answers 401 with Keystone's body and header without a token", async () => {
    const res = await call({ path: '/v1.0/proj/backups', token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Keystone uri="/);
  });

  it("answers 403 when the URL names another project than the token's", async () => {
    const res = await call({ path: '/v1.0/other/backups' });
    expect(res.body).toEqual({ forbidden: { code: 403, message: 'User with tenant id proj cannot access this resource.' } });
  });

  it('lets only an admin use all_projects and project_id', async () => {
    expect((await call({ path: '/v1.0/proj/backups?all_projects=True' })).status).toBe(403);
    expect((await call({ path: '/v1.0/proj/backups?project_id=proj' })).status).toBe(403);
    const all = await call({ path: '/v1.0/admin/backups?all_projects=yes', token: 'admin' });
    expect(listOf(all).backups.map((b) => b.id)).toContain(seed('5'));
    const other = await call({ path: '/v1.0/admin/backups?project_id=other', token: 'admin' });
    expect(listOf(other).backups.map((b) => b.id)).toEqual([seed('5')]);
  });
});

describe('the backup lifecycle', () => {
  let full: string;

  it('creates a NEW backup, which is BUILDING after newMs and COMPLETED after buildingMs more', async () => {
    const res = await create({ name: 'nightly', instance: SEED_INSTANCE, description: 'Nightly' });
    expect(res.status).toBe(202);
    const created = backupOf(res);
    expect(created).toMatchObject({ status: 'NEW', size: null, locationRef: null, parent_id: null });
    full = created.id;
    now += NEW_MS;
    expect(backupOf(await call({ path: `/v1.0/proj/backups/${full}` }))).toMatchObject({
      status: 'BUILDING',
      size: 0.14,
      locationRef: null,
    });
    now += BUILDING_MS;
    const done = backupOf(await call({ path: `/v1.0/proj/backups/${full}` }));
    expect(done).toMatchObject({
      status: 'COMPLETED',
      size: 0.14,
      locationRef: `http://127.0.0.1:8080/v1/AUTH_proj/database_backups/${full}.xbstream.gz.enc`,
    });
    expect(done.updated).toBe('2026-01-01T00:00:06');
    // The newest update comes first.
    expect(listOf(await call({ path: '/v1.0/proj/backups?limit=1' })).backups[0]?.id).toBe(full);
  });

  it('refuses a second backup of the instance while one runs, and the deletion of a running backup (422)', async () => {
    const running = backupOf(await create({ name: 'first', instance: SEED_INSTANCE }));
    const again = await create({ name: 'again', instance: SEED_INSTANCE });
    expect(again.body).toEqual({
      unprocessableEntity: {
        code: 422,
        message: `Instance ${SEED_INSTANCE} is not currently available for an action to be performed (instance status was BACKUP).`,
      },
    });
    const del = await call({ method: 'DELETE', path: `/v1.0/proj/backups/${running.id}` });
    expect(del.body).toEqual({
      unprocessableEntity: { code: 422, message: `Backup ${running.id} cannot be deleted because it is running.` },
    });
    now += NEW_MS + BUILDING_MS;
  });

  it('makes incremental: 1 a child of the newest COMPLETED backup, and parent_id a child of the given one', async () => {
    const newest = listOf(await call({ path: `/v1.0/proj/instances/${SEED_INSTANCE}/backups?limit=1` })).backups[0]!;
    const inc = backupOf(await create({ name: 'inc', instance: SEED_INSTANCE, incremental: 1 }));
    expect(inc.parent_id).toBe(newest.id);
    now += NEW_MS + BUILDING_MS;
    const onFull = backupOf(await create({ name: 'on-full', instance: SEED_INSTANCE, parent_id: full }));
    expect(onFull.parent_id).toBe(full);
    now += NEW_MS + BUILDING_MS;
  });

  it('deletes a parent with its children (202, empty body)', async () => {
    const del = await call({ method: 'DELETE', path: `/v1.0/proj/backups/${full}` });
    expect(del.status).toBe(202);
    expect(del.text).toBe('');
    const left = listOf(await call({ path: '/v1.0/proj/backups?limit=100' })).backups;
    expect(left.filter((b) => b.id === full || b.parent_id === full)).toEqual([]);
  });

  it('records a restore_from backup as RESTORED, without an instance', async () => {
    const res = await create({
      name: 'restored',
      restore_from: {
        remote_location: 'https://swift.example.net/v1/AUTH_proj/c/o',
        local_datastore_version_id: SEED_DATASTORE_VERSION_ID,
        size: 0.5,
      },
    });
    expect(backupOf(res)).toMatchObject({
      status: 'RESTORED',
      instance_id: null,
      size: 0.5,
      locationRef: 'https://swift.example.net/v1/AUTH_proj/c/o',
    });
  });

  it('answers 404 for an instance of another project', async () => {
    expect((await create({ name: 'x', instance: SEED_OTHER_INSTANCE })).status).toBe(404);
  });
});
