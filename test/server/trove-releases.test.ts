// The reference server behaves like Trove 26.0.0 by default, and like 18.0.0
// or 23.0.0 with the config's `trove`, where those releases differ (each case
// names the Trove commit; docs/releases.md). What every release does alike is
// asserted for each setting too. Every answer is checked against the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReferenceServerConfig, SEED_INSTANCE, startReferenceServer, type TroveRelease } from '../../src/server/index.js';
import { contractViolations, type Request, send } from './exchange.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T12:00:00Z');
const OLD_NEW = 'c1111111-1111-1111-1111-111111111111';
const YOUNG_NEW = 'c2222222-2222-2222-2222-222222222222';
const troveTime = (ms: number) => new Date(ms).toISOString().slice(0, 19);

// Two backups that stay NEW (seeded ones do not run): one 3 days old, one 2 days old.
const config = (trove?: TroveRelease): ReferenceServerConfig => ({
  ...(trove === undefined ? {} : { trove }),
  backups: [
    { id: OLD_NEW, project_id: 'proj', name: 'hung', status: 'NEW', created: troveTime(T0 - 3 * DAY) },
    { id: YOUNG_NEW, project_id: 'proj', name: 'young', status: 'NEW', created: troveTime(T0 - 2 * DAY + 60_000) },
  ],
  timings: { newMs: 1000, buildingMs: 1000 },
});

async function started(trove?: TroveRelease) {
  let now = T0;
  const server = await startReferenceServer({ config: config(trove), clock: () => now });
  const call = async (req: Request) => {
    const res = await send(server.url, req);
    expect(contractViolations(req.method ?? 'GET', req.path, res), `${req.method ?? 'GET'} ${req.path}`).toEqual([]);
    return res;
  };
  return { server, call, advance: (ms: number) => (now += ms) };
}

type Started = Awaited<ReturnType<typeof started>>;
const SETTINGS: { label: string; trove: TroveRelease | undefined; is: TroveRelease }[] = [
  { label: 'trove: 18', trove: 18, is: 18 },
  { label: 'trove: 23', trove: 23, is: 23 },
  { label: 'trove: 26', trove: 26, is: 26 },
  { label: 'no trove setting (26)', trove: undefined, is: 26 },
];

describe.each(SETTINGS)('the reference server with $label', ({ trove, is }) => {
  let s: Started;
  beforeAll(async () => {
    s = await started(trove);
  });
  afterAll(() => s.server.close());

  it(`deletes a running backup ${is >= 26 ? 'once it is running_backups_expires (3) days old, not before' : 'never (422), however old'} (02b71fcd, 25.0.0)`, async () => {
    const young = await s.call({ method: 'DELETE', path: `/v1.0/proj/backups/${YOUNG_NEW}` });
    expect(young.status).toBe(422);
    expect(young.body).toEqual({
      unprocessableEntity: { code: 422, message: `Backup ${YOUNG_NEW} cannot be deleted because it is running.` },
    });
    const old = await s.call({ method: 'DELETE', path: `/v1.0/proj/backups/${OLD_NEW}` });
    expect(old.status).toBe(is >= 26 ? 202 : 422);
    const after = await s.call({ path: `/v1.0/proj/backups/${OLD_NEW}` });
    expect(after.status).toBe(is >= 26 ? 404 : 200);
  });

  it(`${is >= 23 ? 'makes a Cinder snapshot' : 'ignores storage_driver and stores in Swift'} for storage_driver: cinder (e4113c55, 23.0.0)`, async () => {
    const created = await s.call({
      method: 'POST',
      path: '/v1.0/proj/backups',
      body: { backup: { name: 'c', instance: SEED_INSTANCE, storage_driver: 'cinder' } },
    });
    expect(created.status).toBe(202);
    const id = (created.body as { backup: { id: string } }).backup.id;
    s.advance(1500);
    const building = (await s.call({ path: `/v1.0/proj/backups/${id}` })).body as { backup: { status: string; size: number } };
    expect(building.backup).toMatchObject({ status: 'BUILDING', size: is >= 23 ? 0 : 0.14 });
    s.advance(1000);
    const done = (await s.call({ path: `/v1.0/proj/backups/${id}` })).body as { backup: { status: string; locationRef: string } };
    expect(done.backup.status).toBe('COMPLETED');
    expect(done.backup.locationRef).toMatch(is >= 23 ? /^cinder:\/\// : /^http:\/\/.*\.xbstream\.gz\.enc$/);
  });

  it(`${is >= 26 ? 'tags' : 'does not tag'} every /v1.0 answer with X-OpenStack-Request-Id (354ec271, 25.0.0)`, async () => {
    const ok = await s.call({ path: '/v1.0/proj/backups' });
    const unauthorized = await s.call({ path: '/v1.0/proj/backups', token: null });
    const versions = await s.call({ path: '/', token: null });
    expect(unauthorized.status).toBe(401);
    for (const res of [ok, unauthorized]) {
      if (is >= 26) expect(res.headers.get('x-openstack-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
      else expect(res.headers.has('x-openstack-request-id')).toBe(false);
    }
    expect(versions.headers.has('x-openstack-request-id')).toBe(false);
  });

  it(`${is >= 23 ? 'answers' : 'has no'} GET /healthcheck (ebe15a1b, 21.0.0)`, async () => {
    const res = await send(s.server.url, { path: '/healthcheck', token: null });
    if (is >= 23) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain');
      expect(res.text).toBe('OK');
    } else {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ itemNotFound: { code: 404, message: 'The resource could not be found.' } });
    }
  });

  it('lists the caller own backups for an empty project_id= (falsy in every release)', async () => {
    const res = await s.call({ path: '/v1.0/proj/backups?project_id=' });
    expect(res.status).toBe(200);
    const ids = (res.body as { backups: { id: string }[] }).backups.map((b) => b.id);
    expect(ids).toContain(YOUNG_NEW);
    const other = await s.call({ path: '/v1.0/proj/backups?project_id=other' });
    expect(other.status).toBe(403);
  });

  it('routes GET / with Accept version=1.0 into the authenticated API (401, then 403), and 406 for another version', async () => {
    const accept = (version: string) => ({ Accept: `application/vnd.openstack.trove+json;version=${version}` });
    const anonymous = await send(s.server.url, { path: '/', token: null, headers: accept('1.0') });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toHaveProperty('error.code', 401);
    const withToken = await send(s.server.url, { path: '/', headers: accept('1.0') });
    expect(withToken.status).toBe(403);
    const plain = await s.call({ path: '/', token: null });
    expect(plain.status).toBe(200);
    const other = await s.call({ path: '/', token: null, headers: accept('2.0') });
    expect(other.status).toBe(406);
    expect(other.body).toEqual({ notAcceptable: { code: 406, message: 'version not supported' } });
  });
});

describe('the trove setting', () => {
  it('accepts only 18, 23 and 26, and says so', async () => {
    await expect(startReferenceServer({ config: { trove: 25 as TroveRelease } })).rejects.toThrow(/\/trove: must be one of 18, 23, 26/);
  });

  it('takes running_backups_expires as runningBackupsExpires (0: any running backup can be deleted)', async () => {
    const server = await startReferenceServer({ config: { ...config(26), runningBackupsExpires: 0 }, clock: () => T0 });
    try {
      const res = await send(server.url, { method: 'DELETE', path: `/v1.0/proj/backups/${YOUNG_NEW}` });
      expect(res.status).toBe(202);
    } finally {
      await server.close();
    }
  });
});
