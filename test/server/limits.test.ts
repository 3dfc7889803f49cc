// The reference server under abuse stays within its memory budget: any token
// is a project, so projects, backups and strategies are capped (413 overLimit
// once reached), `limit` is capped, and the response cache is bounded in
// bytes. Driven past each cap, the state stops growing and every answer
// still conforms to the contract.
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ReferenceServerConfig,
  type RunningReferenceServer,
  resolveConfig,
  SEED_DATASTORE_VERSION_ID,
  startReferenceServer,
} from '../../src/server/index.js';
import { ResponseCache } from '../../src/server/response-cache.js';
import { ReferenceState } from '../../src/server/state.js';
import { contractViolations, type Request, send } from './exchange.js';

let server: RunningReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(config: ReferenceServerConfig) {
  server = await startReferenceServer({ config });
  const url = server.url;
  return async (req: Request) => {
    const res = await send(url, req);
    expect(contractViolations(req.method ?? 'GET', req.path, res)).toEqual([]);
    return res;
  };
}

const restore = (name: string) => ({
  backup: {
    name,
    restore_from: { remote_location: `http://swift/${name}`, local_datastore_version_id: SEED_DATASTORE_VERSION_ID, size: 1 },
  },
});
const createAs = (token: string, name = 'r') => ({ method: 'POST', path: `/v1.0/${token}/backups`, token, body: restore(name) });
const strategyAs = (token: string, instance = '') => ({
  method: 'POST',
  path: `/v1.0/${token}/backup_strategies`,
  token,
  body: { backup_strategy: { swift_container: 'c', ...(instance ? { instance_id: instance } : {}) } },
});
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the caps of the reference server', () => {
  it('refuses a new project past maxProjects with 413, and keeps serving the others', async () => {
    const call = await start({ maxProjects: 3, backups: [], backupStrategies: [] });
    for (const p of ['p1', 'p2', 'p3']) expect((await call(createAs(p))).status).toBe(202);
    const refused = await call(createAs('p4'));
    expect(refused.status).toBe(413);
    expect(JSON.stringify(refused.body)).toMatch(/limit of 3 projects/);
    expect((await call(strategyAs('p5'))).status).toBe(413);
    expect((await call(createAs('p1', 'again'))).status).toBe(202);
    expect((await call(strategyAs('p2'))).status).toBe(202);
  });

  it('refuses a backup past maxBackups with 413, and takes one again after a delete', async () => {
    const call = await start({ maxBackups: 4, backups: [], backupQuota: null });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await call(createAs(`p${i}`));
      expect(res.status).toBe(202);
      ids.push((res.body as { backup: { id: string } }).backup.id);
    }
    const refused = await call(createAs('p0'));
    expect(refused.status).toBe(413);
    expect(JSON.stringify(refused.body)).toMatch(/limit of 4 backups/);
    expect((await call({ method: 'DELETE', path: `/v1.0/p0/backups/${ids[0]}`, token: 'p0' })).status).toBe(202);
    expect((await call(createAs('p0'))).status).toBe(202);
  });

  it('refuses a backup strategy past maxStrategies with 413; replacing one still works', async () => {
    const call = await start({ maxStrategies: 2, backupStrategies: [] });
    expect((await call(strategyAs('proj', uuid(1)))).status).toBe(202);
    expect((await call(strategyAs('proj', uuid(2)))).status).toBe(202);
    expect((await call(strategyAs('proj', uuid(3)))).status).toBe(413);
    expect((await call(strategyAs('proj', uuid(1)))).status).toBe(202);
  });

  it('caps limit at maxLimit: a larger one gets a full page of maxLimit and a next link', async () => {
    const call = await start({ maxLimit: 2 });
    const res = await call({ path: '/v1.0/proj/backups?limit=100000' });
    const body = res.body as { backups: unknown[]; links?: { href: string }[] };
    expect(body.backups).toHaveLength(2);
    expect(body.links?.[0]?.href).toMatch(/marker=2/);
  });

  it('bounds the response cache in bytes', () => {
    const state = new ReferenceState(resolveConfig({}));
    const cache = new ResponseCache(100_000);
    const big = 'x'.repeat(20_000);
    cache.get(state, 'k', state.now());
    for (let i = 0; i < 50; i++) cache.set(state, `k${i}`, state.now(), { status: 200, json: big });
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
    expect(cache.bytes).toBeGreaterThan(0);
    // An answer larger than a quarter of the budget is not kept at all.
    cache.set(state, 'huge', state.now(), { status: 200, json: 'y'.repeat(30_000) });
    expect(cache.get(state, 'huge', state.now())).toBeUndefined();
  });

  it('stays flat when driven past every cap by many tokens', async () => {
    const call = await start({ maxProjects: 50, maxBackups: 200, maxStrategies: 50, backupQuota: null });
    const statuses = new Map<number, number>();
    const heapAt: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 150; i++) {
        const token = `t${round}-${i}`;
        for (const req of [createAs(token), strategyAs(token, uuid(i)), { path: `/v1.0/${token}/backups?limit=1000000`, token }]) {
          const { status } = await call(req);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }
      heapAt.push(process.memoryUsage().heapUsed);
    }
    expect([...statuses.keys()].sort()).toEqual([200, 202, 413]);
    const all = await call({ path: '/v1.0/admin/backups?all_projects=1&limit=1000', token: 'admin' });
    expect((all.body as { backups: unknown[] }).backups.length).toBeLessThanOrEqual(200);
    // Past the caps (the last rounds), the heap does not keep the abuse.
    expect((heapAt[3] ?? 0) - (heapAt[1] ?? 0)).toBeLessThan(30 * 2 ** 20);
  });
});

describe('a configuration value that would break a header', () => {
  it.each(['http://k:5000\r\nX-Evil: 1', 'http://k:5000\n', 'http://k\u0000'])('keystoneUri %j is refused at load time', (uri) => {
    expect(() => resolveConfig({ keystoneUri: uri })).toThrow(/keystoneUri.*line break or control character/);
  });
});
