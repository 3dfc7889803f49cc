// The same scripted sequence of requests against each real Trove release (18,
// 23 and 26, run by the project's harness) and the reference server gives the
// same statuses and bodies, modulo ids, timestamps and host. The steps that
// differ on purpose say why; for those, both answers are pinned, and the
// reference server's answer is the one the contract documents. Where a newer
// release answers otherwise than 18 (which the reference server follows on
// this branch), the step pins the difference for that release with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SEED_INSTANCE as I1,
  SEED_OTHER_INSTANCE as I2,
  type RunningReferenceServer,
  startReferenceServer,
} from '../../src/server/index.js';
import { type RunningTrove, startTrove, TROVE_RELEASES, TROVE_START_TIMEOUT_MS, type TroveRelease } from '../helpers/trove-server.js';
import { contractViolations, type Request, type Response, send } from './exchange.js';

const seed = (digit: string) => `b${digit.repeat(7)}-${digit.repeat(4)}-${digit.repeat(4)}-${digit.repeat(4)}-${digit.repeat(12)}`;
const UNKNOWN = 'a9832168-7541-4536-b8d9-a8a9b79cf1b4';
const json = { 'Content-Type': 'application/json' };

interface Side {
  label: string;
  url: string;
  /** The ids of the backups a step saved, by name. */
  ids: Map<string, string>;
  datastoreVersionId: string;
  /** Lets the backups run to their end (Trove: waits; reference: moves its clock). */
  untilDone: (id: string) => Promise<void>;
  untilGone: (id: string) => Promise<void>;
  tick: () => void;
}

interface Step {
  name: string;
  req: (id: (name: string) => string) => Request;
  /** Saves the id of the backup in the answer under this name. */
  save?: string;
  after?: { done: string } | { gone: string };
  /** A difference on purpose: each side's status, and why. */
  differs?: Difference;
  /** A difference on one release only (where it answers otherwise than 18). */
  differsOn?: Partial<Record<TroveRelease, Difference>>;
}

interface Difference {
  trove: number;
  reference: number;
  reason: string;
}

const get = (path: string, token = 'proj'): Request => ({ path, token });
const post = (backup: unknown, token = 'proj'): Request => ({ method: 'POST', path: `/v1.0/${token}/backups`, token, body: { backup } });
const strategies = (query = '') => `/v1.0/proj/backup_strategies${query}`;
/** From 25.0.0 Trove subtracts a naive `created` from an aware utcnow when a running backup is deleted. */
/** Debian sid's python3-jsonschema words minLength on an empty string otherwise than 18's ("is too short"), as the reference server does. */
const emptyStringWording = {
  '26': { trove: 400, reference: 400, reason: 'Trove 26\'s jsonschema says "should be non-empty" where 18\'s says "is too short"' },
};
const runningDelete500 = {
  '26': { trove: 500, reference: 422, reason: 'Trove 26 fails on naive minus aware datetimes (trove/backup/models.py): 500 instanceFault' },
};

const steps: Step[] = [
  // Reads of the seed.
  { name: 'versions', req: () => ({ path: '/', token: null }) },
  {
    name: 'versions, API 2.0 asked',
    req: () => ({ path: '/', token: null, headers: { Accept: 'application/vnd.openstack.trove+json;version=2.0' } }),
  },
  { name: 'list', req: () => get('/v1.0/proj/backups') },
  { name: 'list, first page', req: () => get('/v1.0/proj/backups?limit=2') },
  { name: 'list, a page exactly full links to an empty page', req: () => get('/v1.0/proj/backups?limit=5') },
  { name: 'list, the empty page after it', req: () => get('/v1.0/proj/backups?limit=5&marker=5') },
  { name: 'list, last page', req: () => get('/v1.0/proj/backups?limit=2&marker=4') },
  { name: 'list, limit=0', req: () => get('/v1.0/proj/backups?limit=0') },
  {
    name: 'list, a repeated limit (the last wins) and other parameters kept in the link',
    req: () => get('/v1.0/proj/backups?limit=1&x=a+b&limit=2'),
  },
  { name: 'list by datastore name', req: () => get('/v1.0/proj/backups?datastore=mysql&limit=1') },
  { name: 'list by unknown datastore', req: () => get('/v1.0/proj/backups?datastore=nosuch') },
  { name: 'list by instance', req: () => get(`/v1.0/proj/backups?instance_id=${I1}`) },
  { name: 'list, all_projects=no is false', req: () => get('/v1.0/proj/backups?all_projects=no') },
  { name: 'list, all_projects without admin', req: () => get('/v1.0/proj/backups?all_projects=True') },
  { name: 'list, project_id without admin (even its own)', req: () => get('/v1.0/proj/backups?project_id=proj') },
  { name: 'list, all_projects as admin', req: () => get('/v1.0/admin/backups?all_projects=1&limit=3', 'admin') },
  {
    name: 'list, project_id as admin wins over all_projects',
    req: () => get('/v1.0/admin/backups?project_id=other&all_projects=1', 'admin'),
  },
  { name: 'show a full backup', req: () => get(`/v1.0/proj/backups/${seed('1')}`) },
  { name: 'show an incremental backup', req: () => get(`/v1.0/proj/backups/${seed('2')}`) },
  { name: 'show a failed backup', req: () => get(`/v1.0/proj/backups/${seed('3')}`) },
  { name: 'show a legacy backup without datastore', req: () => get(`/v1.0/proj/backups/${seed('4')}`) },
  { name: "show another project's backup", req: () => get(`/v1.0/proj/backups/${seed('5')}`) },
  { name: "show another project's backup as admin", req: () => get(`/v1.0/admin/backups/${seed('5')}`, 'admin') },
  { name: 'show a deleted backup', req: () => get(`/v1.0/proj/backups/${seed('6')}`) },
  { name: 'show an unknown backup', req: () => get(`/v1.0/proj/backups/${UNKNOWN}`) },
  { name: 'show an id that is not a UUID', req: () => get('/v1.0/proj/backups/abc') },
  { name: 'instance backups', req: () => get(`/v1.0/proj/instances/${I1}/backups?limit=2`) },
  { name: 'instance backups of another project', req: () => get(`/v1.0/proj/instances/${I2}/backups`) },
  { name: 'instance backups of another project as admin', req: () => get(`/v1.0/admin/instances/${I2}/backups`, 'admin') },
  { name: 'instance backups of an unknown instance', req: () => get(`/v1.0/proj/instances/${UNKNOWN}/backups`) },
  { name: 'an unknown route', req: () => get('/v1.0/proj/nothing') },
  { name: 'an unsupported method', req: () => ({ method: 'PUT', path: '/v1.0/proj/backups', body: {} }) },

  // Refused creates (the instance is idle, so each check is reached).
  { name: 'create, instance not a UUID', req: () => post({ name: 'x', instance: 'abc' }) },
  { name: 'create, no name', req: () => post({ instance: I1 }) },
  { name: 'create, incremental true', req: () => post({ name: 'x', instance: I1, incremental: true }) },
  { name: 'create, incremental 2', req: () => post({ name: 'x', instance: I1, incremental: 2 }) },
  { name: 'create, incremental -1', req: () => post({ name: 'x', instance: I1, incremental: -1 }) },
  { name: 'create, an empty name (two errors)', req: () => post({ name: '', instance: I1 }), differsOn: emptyStringWording },
  {
    name: 'create, many errors, sorted by field',
    req: () => post({ name: '', instance: 5, incremental: 2, restore_from: 'x', description: '!', extra: 1 }),
    differsOn: emptyStringWording,
  },
  { name: 'create, a backup that is not an object', req: () => post('x') },
  { name: 'create, restore_from without its fields', req: () => post({ name: 'x', restore_from: {} }) },
  { name: 'create, neither instance nor restore_from', req: () => post({ name: 'x' }) },
  { name: 'create, a swift_container a shell would quote', req: () => post({ name: 'x', instance: I1, swift_container: 'a b' }) },
  { name: 'create, a swift_container without a letter or digit', req: () => post({ name: 'x', instance: I1, swift_container: '--' }) },
  { name: 'create, unknown instance', req: () => post({ name: 'x', instance: UNKNOWN }) },
  { name: "create, another project's instance", req: () => post({ name: 'x', instance: I2 }) },
  { name: 'create, unknown parent', req: () => post({ name: 'x', instance: I1, parent_id: UNKNOWN }) },
  { name: "create, another project's parent", req: () => post({ name: 'x', instance: I1, parent_id: seed('5') }) },
  {
    name: 'create, text/plain',
    req: () => ({ method: 'POST', path: '/v1.0/proj/backups', body: '{}', headers: { 'Content-Type': 'text/plain' } }),
  },
  {
    name: 'restore_from, unknown datastore version',
    req: () =>
      post({
        name: 'r',
        restore_from: { remote_location: 'https://swift.example.net/v1/AUTH_x/c/o', local_datastore_version_id: UNKNOWN, size: 1 },
      }),
  },

  // The lifecycle.
  { name: 'create a full backup', req: () => post({ name: 'nightly', instance: I1, description: 'Nightly full backup' }), save: 'nightly' },
  { name: 'create while it runs', req: () => post({ name: 'again', instance: I1 }) },
  { name: 'create while it runs, with an error in the body too', req: () => post({ name: 'again', instance: I1, incremental: 5 }) },
  {
    name: 'delete it while it runs',
    req: (id) => ({ method: 'DELETE', path: `/v1.0/proj/backups/${id('nightly')}` }),
    differsOn: runningDelete500,
  },
  { name: 'the new backup comes first', req: () => get('/v1.0/proj/backups?limit=3') },
  {
    name: "admin backs up another project's instance, on another project's parent",
    req: () => post({ name: 'adm', instance: I2, parent_id: seed('5') }, 'admin'),
    save: 'adm',
  },
  { name: 'admin lists its project', req: () => get('/v1.0/admin/backups', 'admin') },
  { name: 'show the new backup', req: (id) => get(`/v1.0/proj/backups/${id('nightly')}`), after: { done: 'nightly' } },
  { name: 'show it completed', req: (id) => get(`/v1.0/proj/backups/${id('nightly')}`) },
  {
    name: 'incremental: 1 takes the newest completed backup as parent',
    req: () => post({ name: 'nightly-inc', instance: I1, incremental: 1 }),
    save: 'inc',
  },
  {
    name: 'deleting the parent fails on the running child',
    req: (id) => ({ method: 'DELETE', path: `/v1.0/proj/backups/${id('nightly')}` }),
    differsOn: runningDelete500,
    after: { done: 'inc' },
  },
  { name: 'instance backups after the run', req: () => get(`/v1.0/proj/instances/${I1}/backups?limit=3`) },
  {
    name: 'restore_from',
    req: (id) =>
      post({
        name: 'restored',
        description: 'from region 2',
        parent_id: id('inc'),
        restore_from: {
          remote_location: `https://swift.region2.example.net:8080/v1/AUTH_proj/database_backups/${seed('1')}.xbstream.gz.enc`,
          local_datastore_version_id: '<datastore-version>',
          size: 0.12,
        },
      }),
    save: 'restored',
  },
  {
    name: 'delete the parent with its child',
    req: (id) => ({ method: 'DELETE', path: `/v1.0/proj/backups/${id('nightly')}` }),
    after: { gone: 'inc' },
  },
  { name: 'the child is gone', req: (id) => get(`/v1.0/proj/backups/${id('inc')}`), after: { gone: 'nightly' } },
  { name: 'the parent is gone', req: (id) => get(`/v1.0/proj/backups/${id('nightly')}`) },
  {
    name: 'delete a legacy backup stuck in NEW',
    req: () => ({ method: 'DELETE', path: `/v1.0/proj/backups/${seed('4')}` }),
    differsOn: runningDelete500,
  },
  { name: "delete another project's backup", req: () => ({ method: 'DELETE', path: `/v1.0/proj/backups/${seed('5')}` }) },
  { name: 'delete a seed backup', req: () => ({ method: 'DELETE', path: `/v1.0/proj/backups/${seed('7')}` }), after: { gone: 'seed-7' } },
  { name: 'delete it again', req: () => ({ method: 'DELETE', path: `/v1.0/proj/backups/${seed('7')}` }) },
  { name: 'the list after it all', req: () => get('/v1.0/proj/backups') },

  // Backup strategies.
  {
    name: 'strategy for the project',
    req: () => ({ method: 'POST', path: strategies(), body: { backup_strategy: { swift_container: 'proj_backups' } } }),
  },
  {
    name: 'strategy for an instance',
    req: () => ({ method: 'POST', path: strategies(), body: { backup_strategy: { instance_id: I1, swift_container: 'inst_backups' } } }),
  },
  {
    name: 'strategy for the project again: replaced in place',
    req: () => ({ method: 'POST', path: strategies(), body: { backup_strategy: { swift_container: 'proj_backups_2' } } }),
  },
  {
    name: 'strategy with an unknown key',
    req: () => ({ method: 'POST', path: strategies(), body: { backup_strategy: { swift_container: 'c', backend: 'swift', zz: 1 } } }),
  },
  {
    name: 'strategy without swift_container, with an instance_id that is not a UUID',
    req: () => ({ method: 'POST', path: strategies(), body: { backup_strategy: { instance_id: 'abc' } } }),
  },
  { name: 'list strategies', req: () => get(strategies()) },
  { name: 'list strategies of an instance', req: () => get(strategies(`?instance_id=${I1}`)) },
  { name: "list another project's strategies", req: () => get(strategies('?project_id=other')) },
  { name: "list another project's strategies as admin", req: () => get('/v1.0/admin/backup_strategies?project_id=other', 'admin') },
  { name: 'delete the instance strategy', req: () => ({ method: 'DELETE', path: strategies(`?instance_id=${I1}`) }) },
  { name: 'delete a strategy that does not exist', req: () => ({ method: 'DELETE', path: strategies(`?instance_id=${UNKNOWN}`) }) },
  { name: "delete another project's strategy", req: () => ({ method: 'DELETE', path: strategies('?project_id=other') }) },
  { name: 'list strategies after the deletes', req: () => get(strategies()) },

  // Where the reference server follows the contract instead of Trove's bugs.
  {
    name: 'no token',
    req: () => get('/v1.0/proj/backups', null as never),
    differs: {
      trove: 500,
      reference: 401,
      reason: "the test peer has no Keystone and crashes; a real deployment answers 401 with Keystone's body, as the reference server does",
    },
  },
  {
    name: 'another project in the URL',
    req: () => get('/v1.0/other/backups'),
    differs: {
      trove: 403,
      reference: 403,
      reason: "Trove's middleware answers webob's flat body; the reference server gives the same message in the fault envelope",
    },
  },
  {
    name: 'no project in the URL',
    req: () => get('/v1.0/proj'),
    differs: { trove: 403, reference: 403, reason: "webob's flat body again, as above" },
  },
  {
    name: 'a limit that is not an integer',
    req: () => get('/v1.0/proj/backups?limit=abc'),
    differs: { trove: 500, reference: 400, reason: 'Trove crashes in int(); the contract refuses the parameter' },
  },
  {
    name: 'a negative limit',
    req: () => get('/v1.0/proj/backups?limit=-1'),
    differs: {
      trove: 200,
      reference: 400,
      reason: 'Trove passes LIMIT -1 to SQL (on SQLite: every row) and links to marker=-1; the contract says minimum 0',
    },
    differsOn: Object.fromEntries(
      (['23', '26'] as const).map((release) => [
        release,
        {
          trove: 500,
          reference: 400,
          reason: 'these releases run on MariaDB, as deployments do, where LIMIT -1 is an SQL error: 500 instanceFault',
        },
      ]),
    ),
  },
  {
    name: 'an empty project_id filter',
    // Falsy in Trove: the caller's own backups, no admin needed (the contract allows it too).
    req: () => get('/v1.0/proj/backups?project_id='),
  },
  {
    name: 'an empty body object',
    req: () => ({ method: 'POST', path: '/v1.0/proj/backups', body: {} }),
    differs: {
      trove: 500,
      reference: 400,
      reason: 'Trove crashes formatting a root-level validation error; the reference server names the missing key',
    },
  },
  {
    name: 'a JSON array body',
    req: () => ({ method: 'POST', path: '/v1.0/proj/backups', body: [] }),
    differs: { trove: 500, reference: 400, reason: 'as for {}' },
  },
  {
    name: 'malformed JSON',
    req: () => ({ method: 'POST', path: '/v1.0/proj/backups', body: '{"backup": ', headers: json }),
    differs: {
      trove: 400,
      reference: 400,
      reason: "webob's flat body; the reference server answers a badRequest fault that says where the JSON breaks",
    },
  },
  {
    name: 'a JSON body without Content-Type',
    req: () => ({ method: 'POST', path: '/v1.0/proj/backups', body: Buffer.from(JSON.stringify({ backup: { name: 'x', instance: I1 } })) }),
    differs: {
      trove: 415,
      reference: 415,
      reason: 'Trove takes the missing Content-Type for text/plain and says so; the reference server says the header is missing',
    },
  },
  {
    name: 'an XML body',
    req: () => ({ method: 'POST', path: '/v1.0/proj/backups', body: '<backup/>', headers: { 'Content-Type': 'application/xml' } }),
    differs: {
      trove: 500,
      reference: 415,
      reason: 'Trove still lists XML as a request type but has no XML deserializer; the contract has JSON only',
    },
  },
];

const TROVE_LOCATION = 'http://localhost/path/to/backup';

/** Replaces what differs between two runs of the same sequence: ids, fresh timestamps, the host, fake-guest locations. */
function normalise(side: Side, value: unknown): unknown {
  const names = [...side.ids].map(([name, id]) => [id, `<${name}>`] as const);
  const host = new URL(side.url).host;
  const text = (s: string) => {
    let out = s.split(host).join('<host>').split(side.datastoreVersionId).join('<datastore-version>');
    for (const [id, name] of names) out = out.split(id).join(name);
    // Timestamps of this run (the seed's are from 2023 and 2024).
    return out.replace(/20(2[5-9]|[3-9]\d)-\d\d-\d\dT\d\d:\d\d:\d\d/g, '<time>');
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      // The test peer's fake guest writes a placeholder location; the reference server a Swift URL.
      if (typeof out.id === 'string' && out.id.startsWith('<') && typeof out.locationRef === 'string' && out.instance_id !== null) {
        out.locationRef =
          out.locationRef === TROVE_LOCATION || /^http:\/\/127\.0\.0\.1:8080\/v1\/AUTH_/.test(out.locationRef)
            ? '<location>'
            : out.locationRef;
      }
      return out;
    }
    return v;
  };
  return walk(value);
}

async function run(side: Side, step: Step): Promise<Response> {
  const id = (name: string) => {
    const found = side.ids.get(name);
    if (!found) throw new Error(`${side.label}: no backup saved as "${name}"`);
    return found;
  };
  const req = step.req(id);
  // The datastore version id differs per server: a placeholder in the request body.
  const body =
    req.body === undefined || typeof req.body === 'string' || Buffer.isBuffer(req.body)
      ? req.body
      : JSON.parse(JSON.stringify(req.body).split('<datastore-version>').join(side.datastoreVersionId));
  const res = await send(side.url, { ...req, body, token: req.token === undefined ? 'proj' : req.token });
  side.tick();
  if (step.save) {
    const saved = (res.body as { backup?: { id: string } } | null)?.backup?.id;
    if (saved) side.ids.set(step.save, saved);
  }
  if (step.after && 'done' in step.after) await side.untilDone(id(step.after.done));
  if (step.after && 'gone' in step.after) await side.untilGone(step.after.gone === 'seed-7' ? seed('7') : id(step.after.gone));
  return res;
}

async function poll(url: string, id: string, done: (res: Response) => boolean): Promise<void> {
  const until = Date.now() + 180_000;
  for (;;) {
    const res = await send(url, { path: `/v1.0/proj/backups/${id}` });
    if (done(res)) return;
    if (Date.now() > until) throw new Error(`backup ${id} did not reach its end: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const LONG = 3_600_000;

describe.each(TROVE_RELEASES)('the reference server answers as Trove %s does', (release) => {
  let trove: RunningTrove;
  let reference: RunningReferenceServer;
  const sides: Side[] = [];

  beforeAll(async () => {
    trove = await startTrove(release);
    let now = Date.now();
    reference = await startReferenceServer({
      clock: () => now,
      // The seed's backups are years old: Trove 26 means to let such a running backup be deleted
      // (running_backups_expires), but answers 500 first (its naive/aware bug, pinned below). An
      // expiry beyond the seed's age keeps the two sides' states alike for the steps after it.
      config: { trove: Number(release) as 18 | 23 | 26, runningBackupsExpires: 365_000, timings: { newMs: LONG, buildingMs: LONG } },
    });
    const versionOf = async (url: string) =>
      ((await send(url, { path: `/v1.0/proj/backups/${seed('1')}` })).body as { backup: { datastore: { version_id: string } } }).backup
        .datastore.version_id;
    const isDone = (res: Response) => ['COMPLETED', 'FAILED'].includes((res.body as { backup?: { status: string } }).backup?.status ?? '');
    sides.push({
      label: 'Trove',
      url: trove.url,
      ids: new Map(),
      datastoreVersionId: await versionOf(trove.url),
      tick: () => undefined,
      untilDone: (id) => poll(trove.url, id, isDone),
      // DELETE is asynchronous in Trove: the row goes once the taskmanager has run.
      untilGone: (id) => poll(trove.url, id, (res) => res.status === 404),
    });
    sides.push({
      label: 'reference',
      url: reference.url,
      ids: new Map(),
      datastoreVersionId: await versionOf(reference.url),
      // A second per request, as time passes on Trove; the backups' own time only at the waits.
      tick: () => {
        now += 1000;
      },
      untilDone: async () => {
        now += 2 * LONG;
      },
      untilGone: async () => undefined,
    });
  }, TROVE_START_TIMEOUT_MS);

  afterAll(async () => {
    await reference?.close();
    await trove?.stop();
  });

  it.each(steps.map((s, i) => [`${String(i + 1).padStart(2, '0')} ${s.name}`, s] as const))(
    '%s',
    async (_label, step) => {
      const [onTrove, onReference] = [await run(sides[0]!, step), await run(sides[1]!, step)];
      const req = step.req((name) => sides[1]!.ids.get(name) ?? name);
      expect(contractViolations(req.method ?? 'GET', req.path, onReference), 'the reference server follows the contract').toEqual([]);
      const t = { status: onTrove.status, body: normalise(sides[0]!, onTrove.body) };
      const r = { status: onReference.status, body: normalise(sides[1]!, onReference.body) };
      const differs = step.differsOn?.[release] ?? step.differs;
      if (differs) {
        expect({ trove: t.status, reference: r.status }).toEqual({ trove: differs.trove, reference: differs.reference });
        expect(r, `listed as a difference (${differs.reason}), but both answered the same`).not.toEqual(t);
      } else {
        expect(r).toEqual(t);
      }
    },
    300_000,
  );
});
