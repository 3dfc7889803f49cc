// A bounded, seeded fuzz run: random and mutated requests never get a 5xx
// from the reference server, never crash it, and every answer (errors
// included) validates against the contract. Replay a run with FUZZ_SEED=<seed>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningReferenceServer,
  SEED_DATASTORE_VERSION_ID,
  SEED_INSTANCE,
  SEED_OTHER_INSTANCE,
  startReferenceServer,
} from '../../src/server/index.js';
import { generator } from '../helpers/raw-fuzz.js';
import { contractViolations, type Request, send } from './exchange.js';

const REQUESTS = 10_000;
const CONCURRENCY = 16;
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32));

type Rng = ReturnType<typeof generator>;

const seedBackup = (d: string) => `b${d.repeat(7)}-${d.repeat(4)}-${d.repeat(4)}-${d.repeat(4)}-${d.repeat(12)}`;
const IDS = [SEED_INSTANCE, SEED_OTHER_INSTANCE, ...'1234567'.split('').map(seedBackup), 'a9832168-7541-4536-b8d9-a8a9b79cf1b4'];
const CHARS = [
  'a',
  'Z',
  '0',
  ' ',
  '-',
  '_',
  '.',
  '/',
  '%',
  '"',
  "'",
  '\\',
  '\n',
  '\u0000',
  'é',
  '€',
  '😀',
  '\ud800',
  '{',
  '[',
  '&',
  '=',
  '+',
  '?',
  '#',
];

function text(r: Rng, max = 12): string {
  return Array.from({ length: r.int(max) }, () => r.pick(CHARS)).join('');
}

function jsonValue(r: Rng, depth = 0): unknown {
  const kinds = depth > 3 ? 5 : 7;
  switch (r.int(kinds)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, 1, -1, 2, 1.5, 1e308, -0, 2 ** 53, 0.1]);
    case 3:
      return text(r);
    case 4:
      return r.pick(IDS);
    case 5:
      return Array.from({ length: r.int(4) }, () => jsonValue(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(4) }, () => [
          r.pick(['name', 'instance', 'x', '__proto__', 'constructor', text(r, 5)]),
          jsonValue(r, depth + 1),
        ]),
      );
  }
}

const VALID_BODIES = [
  () => ({ backup: { name: 'fuzz', instance: SEED_INSTANCE } }),
  () => ({ backup: { name: 'fuzz', instance: SEED_INSTANCE, incremental: 1, description: 'd', swift_container: 'c' } }),
  () => ({ backup: { name: 'fuzz', instance: SEED_INSTANCE, parent_id: seedBackup('1') } }),
  () => ({
    backup: {
      name: 'fuzz',
      restore_from: { remote_location: 'https://s/v1/AUTH_p/c/o', local_datastore_version_id: SEED_DATASTORE_VERSION_ID, size: 1 },
    },
  }),
  () => ({ backup_strategy: { swift_container: 'c', instance_id: SEED_INSTANCE } }),
];

/** A valid body with a few random changes at random places. */
function mutated(r: Rng): unknown {
  const body = VALID_BODIES[r.int(VALID_BODIES.length)]!() as Record<string, unknown>;
  for (let n = r.int(4); n > 0; n -= 1) {
    const outer = Object.keys(body)[0]!;
    const inner = body[outer];
    if (!inner || typeof inner !== 'object' || Array.isArray(inner)) break;
    const target = inner as Record<string, unknown>;
    const keys = Object.keys(target);
    switch (r.int(4)) {
      case 0:
        if (keys.length) delete target[r.pick(keys)];
        break;
      case 1:
        if (keys.length) target[r.pick(keys)] = jsonValue(r);
        break;
      case 2:
        Object.defineProperty(target, r.pick(['__proto__', 'constructor', 'storage_driver', 'extra', text(r, 4)]), {
          value: jsonValue(r),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        break;
      default:
        body[outer] = jsonValue(r);
    }
  }
  return r.chance(0.05) ? jsonValue(r) : body;
}

function rawBody(r: Rng): string {
  switch (r.int(5)) {
    case 0:
      return JSON.stringify(mutated(r)).slice(0, r.int(40));
    case 1:
      return `${'['.repeat(r.int(300))}${']'.repeat(r.int(300))}`;
    case 2:
      return text(r, 40);
    case 3:
      return `{"backup": {"name": "${'x'.repeat(r.int(400))}", "instance": "${SEED_INSTANCE}"}}`;
    default:
      return '';
  }
}

/** Percent-encodes; a lone surrogate becomes the bytes of one, which is not UTF-8. */
function enc(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function query(r: Rng): string {
  const parts: string[] = [];
  for (let n = r.int(4); n > 0; n -= 1) {
    const name = r.pick(['limit', 'marker', 'datastore', 'instance_id', 'project_id', 'all_projects', 'x', '__proto__']);
    const value = r.pick([
      String(r.int(30) - 5),
      '',
      'abc',
      '1.5',
      '99999999999999999999',
      'True',
      'mysql',
      SEED_INSTANCE,
      'proj',
      'other',
      enc(text(r, 6)),
    ]);
    parts.push(`${name}=${value}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function request(r: Rng): Request {
  const token = r.pick(['proj', 'proj', 'proj', 'admin', 'other', null, 'nobody', 'x'.repeat(r.int(300) + 1)] as const);
  const project =
    r.chance(0.85) && token ? token : r.pick(['proj', 'other', '', '%ZZ', text(r, 5).replace(/[/?#]/g, '')].map((p) => enc(p)));
  const id = r.chance(0.7) ? r.pick(IDS) : enc(text(r, 8)) || 'x';
  const path = r.pick([
    '/',
    `/v1.0/${project}/backups`,
    `/v1.0/${project}/backups`,
    `/v1.0/${project}/backups/${id}`,
    `/v1.0/${project}/instances/${id}/backups`,
    `/v1.0/${project}/backup_strategies`,
    `/v1.0/${project}/${enc(text(r, 6))}`,
    `/v1.0/${project}/backups/${id}/x`,
    `/v1.0/${project}//backups/`,
  ]);
  const method = r.pick(['GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'DELETE', 'DELETE', 'PUT', 'PATCH', 'OPTIONS']);
  const req: Request = { method, path: path + query(r), token };
  if (method === 'POST' || method === 'PUT' || r.chance(0.1)) {
    const contentType = r.pick([
      'application/json',
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/xml',
      'x/y',
      undefined,
    ]);
    req.body = r.chance(0.75) ? JSON.stringify(mutated(r)) : rawBody(r);
    if (typeof req.body === 'string' && !contentType) req.body = Buffer.from(req.body);
    if (contentType) req.headers = { 'Content-Type': contentType };
  }
  return req;
}

let server: RunningReferenceServer;
beforeAll(async () => {
  // Short timings, so that backups also change state during the run.
  server = await startReferenceServer({ config: { timings: { newMs: 5, buildingMs: 5 } } });
});
afterAll(() => server.close());

describe(`fuzz (seed ${SEED}; replay with FUZZ_SEED=${SEED})`, () => {
  it(`${REQUESTS} random and mutated requests: no 5xx, no crash, every answer in the contract`, async () => {
    const r = generator(SEED);
    const requests = Array.from({ length: REQUESTS }, () => request(r));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const n = next++;
        const req = requests[n]!;
        const res = await send(server.url, req);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const problems = res.status >= 500 ? [`status ${res.status}`] : contractViolations(req.method ?? 'GET', req.path, res);
        if (problems.length && failures.length < 5) {
          failures.push(
            `request #${n} of seed ${SEED}: ${JSON.stringify(req)} -> ${res.status} ${res.text.slice(0, 300)}: ${problems.join('; ')}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(failures, `seed ${SEED}`).toEqual([]);
    // The run reached every kind of answer, not only one.
    expect([...statuses.keys()].sort(), `seed ${SEED}`).toEqual(expect.arrayContaining([200, 202, 400, 401, 403, 404, 415]));
    expect((await send(server.url, { path: '/v1.0/proj/backups' })).status).toBe(200);
  }, 120_000);
});
