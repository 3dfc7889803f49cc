// The reference server's configuration: what each key changes, and the
// errors for a configuration that cannot work.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadConfigFile,
  ReferenceConfigError,
  type ReferenceServerConfig,
  type RunningReferenceServer,
  resolveConfig,
  SEED_DATASTORE_VERSION_ID,
  SEED_INSTANCE,
  startReferenceServer,
} from '../../src/server/index.js';
import { contractViolations, type Request, send } from './exchange.js';

const DS = 'a1000000-0000-4000-8000-000000000001';
const V1 = 'a2000000-0000-4000-8000-000000000001';
const V2 = 'a2000000-0000-4000-8000-000000000002';
const OK = 'c1000000-0000-4000-8000-000000000001';
const FAILS = 'c1000000-0000-4000-8000-000000000002';
const SHUT = 'c1000000-0000-4000-8000-000000000003';
const NOBACKUP = 'c1000000-0000-4000-8000-000000000004';

const config: ReferenceServerConfig = {
  tokens: {
    'alice-token': { project_id: 'team-a' },
    'root-token': { project_id: 'ops', roles: ['admin'] },
  },
  datastores: [
    { id: DS, name: 'mariadb', versions: [{ id: V1, name: '10.11' }] },
    { id: 'a1000000-0000-4000-8000-000000000002', name: 'redis', versions: [{ id: V2, name: '7.0' }], backup_supported: false },
  ],
  instances: [
    { id: OK, project_id: 'team-a', datastore_version_id: V1, backup_size: 2.5, volume_size: 20 },
    { id: FAILS, project_id: 'team-a', datastore_version_id: V1, fail_backups: true },
    { id: SHUT, project_id: 'team-a', datastore_version_id: V1, status: 'SHUTDOWN' },
    { id: NOBACKUP, project_id: 'team-a', datastore_version_id: V2 },
  ],
  backups: [],
  backupStrategies: [{ project_id: 'team-a', swift_container: 'team_a_backups' }],
  timings: { newMs: 0, buildingMs: 0 },
  backupQuota: 4,
  pageSize: 2,
  maxBodyBytes: 2048,
  storageUrl: 'https://swift.example.net/v1/AUTH_{project_id}',
  keystoneUri: 'https://keystone.example.net/identity',
};

let server: RunningReferenceServer | undefined;
const dir = mkdtempSync(join(tmpdir(), 'reference-config-'));
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(req: Request) {
  server ??= await startReferenceServer({ config });
  const res = await send(server.url, { token: 'alice-token', ...req });
  expect(contractViolations(req.method ?? 'GET', req.path, res)).toEqual([]);
  return res;
}
const create = (backup: Record<string, unknown>) => call({ method: 'POST', path: '/v1.0/team-a/backups', body: { backup } });
const backupOf = (res: { body: unknown }) => (res.body as { backup: Record<string, unknown> }).backup;

describe('a configured server', () => {
  it('knows only the configured tokens (401 with the configured Keystone URI otherwise), with their roles', async () => {
    const unknown = await call({ path: '/v1.0/proj/backups', token: 'proj' });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toBe('Keystone uri="https://keystone.example.net/identity"');
    expect((await call({ path: '/v1.0/team-a/backups?all_projects=1' })).status).toBe(403);
    expect((await call({ path: '/v1.0/ops/backups?all_projects=1', token: 'root-token' })).status).toBe(200);
  });

  it("completes backups with the instance's size in the project's strategy container (timings 0)", async () => {
    const id = backupOf(await create({ name: 'a', instance: OK })).id as string;
    expect(backupOf(await call({ path: `/v1.0/team-a/backups/${id}` }))).toMatchObject({
      status: 'COMPLETED',
      size: 2.5,
      locationRef: `https://swift.example.net/v1/AUTH_team-a/team_a_backups/${id}.xbstream.gz.enc`,
      datastore: { type: 'mariadb', version: '10.11', version_id: V1 },
    });
  });

  it("prefers the request's swift_container, and makes Cinder snapshots of the volume size", async () => {
    const swift = backupOf(await create({ name: 'b', instance: OK, swift_container: 'mine' })).id as string;
    expect(backupOf(await call({ path: `/v1.0/team-a/backups/${swift}` })).locationRef).toContain('/mine/');
    const cinder = backupOf(await create({ name: 'c', instance: OK, storage_driver: 'cinder' })).id as string;
    expect(backupOf(await call({ path: `/v1.0/team-a/backups/${cinder}` }))).toMatchObject({
      size: 20,
      locationRef: expect.stringMatching(/^cinder:\/\//),
    });
  });

  it('fails the backups of an instance with fail_backups (failure injection)', async () => {
    const id = backupOf(await create({ name: 'd', instance: FAILS })).id as string;
    expect(backupOf(await call({ path: `/v1.0/team-a/backups/${id}` }))).toMatchObject({ status: 'FAILED', locationRef: null });
  });

  it('refuses backups of an instance that is not ACTIVE (422) or whose datastore has no backup support (501)', async () => {
    expect((await create({ name: 'e', instance: SHUT })).body).toEqual({
      unprocessableEntity: {
        code: 422,
        message: `Instance ${SHUT} is not currently available for an action to be performed (instance status was SHUTDOWN).`,
      },
    });
    expect((await create({ name: 'f', instance: NOBACKUP })).body).toEqual({
      notImplemented: {
        code: 501,
        message: "The 'backup_create' operation is not supported for the 'redis' datastore.",
      },
    });
  });

  it('pages by pageSize by default', async () => {
    const res = await call({ path: '/v1.0/team-a/backups' });
    expect((res.body as { backups: unknown[] }).backups).toHaveLength(2);
    expect((res.body as { links?: unknown[] }).links).toHaveLength(1);
  });

  it('answers 413 once the backup quota is used up', async () => {
    // a, b, c and d exist: the quota of 4 is used.
    expect((await create({ name: 'g', instance: OK })).body).toEqual({
      overLimit: { code: 413, message: "Quota exceeded for resources: ['backups']." },
    });
  });

  it('answers 413 to a body over maxBodyBytes', async () => {
    const res = await call({ method: 'POST', path: '/v1.0/team-a/backups', body: { backup: { name: 'x'.repeat(3000) } } });
    expect(res.body).toEqual({ overLimit: { code: 413, message: 'Request is too large.' } });
  });
});

describe('resolveConfig', () => {
  it("fills in the seed of the real-Trove harness and Trove's defaults", () => {
    const resolved = resolveConfig();
    expect(resolved.instances.map((i) => i.id)).toContain(SEED_INSTANCE);
    expect(resolved.backups).toHaveLength(7);
    expect(resolved).toMatchObject({
      tokens: undefined,
      pageSize: 20,
      backupQuota: 50,
      maxBodyBytes: 114_688,
      swiftContainer: 'database_backups',
    });
  });

  it('lists every problem, with where it is', () => {
    const bad = {
      instances: [
        { id: OK, project_id: 'p', datastore_version_id: 'a9000000-0000-4000-8000-000000000009' },
        { id: OK, project_id: 'p', datastore_version_id: SEED_DATASTORE_VERSION_ID },
      ],
    };
    expect(() => resolveConfig(bad, 'my.json')).toThrow(ReferenceConfigError);
    try {
      resolveConfig(bad, 'my.json');
    } catch (err) {
      expect((err as ReferenceConfigError).problems).toEqual([
        `/instances: the id ${OK} is used twice`,
        '/instances/0/datastore_version_id: a9000000-0000-4000-8000-000000000009 is not the id of a version in datastores',
      ]);
      expect((err as Error).message).toMatch(/^invalid reference server configuration \(my\.json\):\n {2}- /);
    }
  });

  it('says which key is unknown or has the wrong type', () => {
    expect(() => resolveConfig({ pageSize: '5', timing: {} } as never)).toThrow(
      /unknown key "timing"[\s\S]*\/pageSize: must be integer \(it is "5"\)/,
    );
  });

  it('reads YAML and JSON files, and names the file when it is not valid', async () => {
    const yaml = join(dir, 'c.yml');
    writeFileSync(yaml, 'pageSize: 5\ntimings:\n  newMs: 10\n');
    expect(await loadConfigFile(yaml)).toMatchObject({ pageSize: 5, timings: { newMs: 10, buildingMs: 2000 } });
    const json = join(dir, 'c.json');
    writeFileSync(json, '{"pageSize": 5,}');
    await expect(loadConfigFile(json)).rejects.toThrow(`invalid reference server configuration (${json}):\n  - not valid JSON`);
  });
});
