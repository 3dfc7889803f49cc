#!/usr/bin/env node
// Records real request/response exchanges from a live Trove API server into
// samples/recorded/<release>/, so that the contract is checked against what
// each Trove release really answers. It needs a freshly seeded server, because
// the seed data decides what each case can show: by default it starts one with
// the project's harness (scripts/trove.mjs) and stops it afterwards.
//
//   node scripts/record-trove.mjs --release 23        # into samples/recorded/23/
//   node scripts/record-trove.mjs --url http://127.0.0.1:8779 --release 18   # a server started by hand
//
// Each file holds one exchange: { recordedFrom, request, response }.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RELEASES, startTrove } from './trove.mjs';

export const PROJECT = 'proj';
export const OTHER_PROJECT = 'other';
export const INSTANCE = '44b277eb-39be-4921-be31-3d61b43651d7';
export const OTHER_INSTANCE = '55c388fc-4acf-4a32-8f42-4e72c54762e8';
const seed = (digit) => `b${digit.repeat(7)}-${digit.repeat(4)}-${digit.repeat(4)}-${digit.repeat(4)}-${digit.repeat(12)}`;
export const SEED = { full: seed('1'), incremental: seed('2'), failed: seed('3'), legacy: seed('4'), deletable: seed('7') };

const json = { 'Content-Type': 'application/json' };
const v1 = (path, project = PROJECT) => `/v1.0/${project}${path}`;

/** One exchange: send it, return what came back. */
async function exchange(base, { method = 'GET', path, token = PROJECT, headers = {}, body }) {
  const sent = { Accept: 'application/json', ...(token ? { 'X-Auth-Token': token } : {}), ...headers };
  const res = await fetch(new URL(path, base), {
    method,
    headers: sent,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // keep the raw text: an HTML or plain-text body is part of the evidence
  }
  return {
    request: { method, path, headers: sent, ...(body === undefined ? {} : { body }) },
    response: {
      status: res.status,
      headers: { 'content-type': res.headers.get('content-type') },
      body: parsed,
    },
  };
}

/** Polls a backup until `done(response)`; `wanted` names the goal in the error. */
async function waitFor(base, id, wanted, done, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { response } = await exchange(base, { path: v1(`/backups/${id}`) });
    if (done(response)) return;
    if (Date.now() > until) throw new Error(`backup ${id} did not become ${wanted} (last: ${JSON.stringify(response.body)})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
const waitForStatus = (base, id, status) => waitFor(base, id, status, (r) => r.body?.backup?.status === status);
// Delete is asynchronous: the row goes once the taskmanager has run.
const waitForGone = (base, id) => waitFor(base, id, 'deleted', (r) => r.status === 404);

/**
 * The cases, in order: later ones depend on the state earlier ones leave.
 * `name` becomes the file name; `expect` is the status Trove gives on a fresh
 * seed (a number, or one per release where releases differ, with `default`),
 * checked so that a changed server is noticed rather than recorded.
 */
export async function* recordAll(base, { release = '18' } = {}) {
  const step = async function* (name, expected, req) {
    const ex = await exchange(base, req);
    const expect = typeof expected === 'number' ? expected : (expected[release] ?? expected.default);
    if (ex.response.status !== expect) {
      throw new Error(`${name}: expected ${expect}, Trove answered ${ex.response.status} ${JSON.stringify(ex.response.body)}`);
    }
    yield { name, ...ex };
    return ex;
  };

  yield* step('versions', 200, { path: '/', token: null });
  yield* step('versions-406-not-acceptable', 406, {
    path: '/',
    token: null,
    headers: { Accept: 'application/vnd.openstack.trove+json;version=2.0' },
  });

  yield* step('list-backups', 200, { path: v1('/backups') });
  yield* step('list-backups-next-page', 200, { path: v1('/backups?limit=2') });
  yield* step('list-backups-last-page', 200, { path: v1('/backups?limit=2&marker=4') });
  yield* step('list-backups-by-datastore', 200, { path: v1('/backups?datastore=mysql&limit=1') });
  yield* step('list-backups-404-datastore', 404, { path: v1('/backups?datastore=nosuch') });
  yield* step('list-backups-403-all-projects', 403, { path: v1('/backups?all_projects=True') });
  yield* step('list-backups-403-other-project-url', 403, { path: v1('/backups', OTHER_PROJECT) });
  yield* step('list-backups-500-bad-limit', 500, { path: v1('/backups?limit=abc') });
  yield* step('list-backups-all-projects-admin', 200, {
    path: v1('/backups?all_projects=True&limit=3', 'admin'),
    token: 'admin',
  });
  yield* step('list-backups-project-filter-admin', 200, {
    path: v1(`/backups?project_id=${OTHER_PROJECT}`, 'admin'),
    token: 'admin',
  });

  yield* step('show-backup-full', 200, { path: v1(`/backups/${SEED.full}`) });
  yield* step('show-backup-incremental', 200, { path: v1(`/backups/${SEED.incremental}`) });
  yield* step('show-backup-failed', 200, { path: v1(`/backups/${SEED.failed}`) });
  yield* step('show-backup-legacy-no-datastore', 200, { path: v1(`/backups/${SEED.legacy}`) });
  yield* step('show-backup-404', 404, { path: v1('/backups/a9832168-7541-4536-b8d9-a8a9b79cf1b4') });

  yield* step('list-instance-backups', 200, { path: v1(`/instances/${INSTANCE}/backups?limit=2`) });
  yield* step('list-instance-backups-404-other-project', 404, { path: v1(`/instances/${OTHER_INSTANCE}/backups`) });

  const post = (body, headers = json) => ({ method: 'POST', path: v1('/backups'), headers, body });
  yield* step('create-backup-400-bad-uuid', 400, post({ backup: { name: 'x', instance: 'abc' } }));
  yield* step('create-backup-400-missing-name', 400, post({ backup: { instance: INSTANCE } }));
  yield* step('create-backup-400-incremental-true', 400, post({ backup: { name: 'x', instance: INSTANCE, incremental: true } }));
  yield* step('create-backup-400-instance-missing', 400, post({ backup: { name: 'x' } }));
  yield* step('create-backup-400-swift-container', 400, post({ backup: { name: 'x', instance: INSTANCE, swift_container: 'a b' } }));
  yield* step('create-backup-400-malformed-json', 400, post('{"backup": '));
  yield* step('create-backup-415-text-plain', 415, post('{}', { 'Content-Type': 'text/plain' }));
  yield* step('create-backup-500-empty-object', 500, post({}));
  yield* step('create-backup-404-other-project-instance', 404, post({ backup: { name: 'x', instance: OTHER_INSTANCE } }));

  const created = yield* step(
    'create-backup',
    202,
    post({ backup: { name: 'nightly', instance: INSTANCE, description: 'Nightly full backup' } }),
  );
  const id = created.response.body.backup.id;
  yield* step('create-backup-422-backup-running', 422, post({ backup: { name: 'again', instance: INSTANCE } }));
  // 26.0.0 compares the naive `created` with an aware utcnow (trove/backup/models.py): 500.
  yield* step('delete-backup-422-running', { default: 422, 26: 500 }, { method: 'DELETE', path: v1(`/backups/${id}`) });
  await waitForStatus(base, id, 'COMPLETED');
  yield* step('show-backup-completed', 200, { path: v1(`/backups/${id}`) });

  const inc = yield* step('create-backup-incremental', 202, post({ backup: { name: 'nightly-inc', instance: INSTANCE, incremental: 1 } }));
  await waitForStatus(base, inc.response.body.backup.id, 'COMPLETED');

  const dsv = created.response.body.backup.datastore.version_id;
  yield* step(
    'create-backup-restore-from',
    202,
    post({
      backup: {
        name: 'restored-from-region2',
        restore_from: {
          remote_location: `https://swift.region2.example.net:8080/v1/AUTH_${PROJECT}/database_backups/${SEED.full}.xbstream.gz.enc`,
          local_datastore_version_id: dsv,
          size: 0.12,
        },
      },
    }),
  );
  yield* step(
    'create-backup-400-restore-unknown-datastore-version',
    400,
    post({
      backup: {
        name: 'restored',
        restore_from: {
          remote_location: 'https://swift.example.net/v1/AUTH_x/c/o',
          local_datastore_version_id: 'c0ffee00-0000-4000-8000-000000000000',
          size: 1,
        },
      },
    }),
  );

  yield* step('delete-backup', 202, { method: 'DELETE', path: v1(`/backups/${SEED.deletable}`) });
  await waitForGone(base, SEED.deletable);
  yield* step('delete-backup-404', 404, { method: 'DELETE', path: v1(`/backups/${SEED.deletable}`) });

  const strategies = v1('/backup_strategies');
  yield* step('create-backup-strategy-project', 202, {
    method: 'POST',
    path: strategies,
    headers: json,
    body: { backup_strategy: { swift_container: 'proj_backups' } },
  });
  yield* step('create-backup-strategy-instance', 202, {
    method: 'POST',
    path: strategies,
    headers: json,
    body: { backup_strategy: { instance_id: INSTANCE, swift_container: 'inst_backups' } },
  });
  yield* step('create-backup-strategy-400-unknown-key', 400, {
    method: 'POST',
    path: strategies,
    headers: json,
    body: { backup_strategy: { swift_container: 'c', backend: 'swift' } },
  });
  yield* step('list-backup-strategies', 200, { path: strategies });
  yield* step('list-backup-strategies-403-other-project', 403, { path: `${strategies}?project_id=${OTHER_PROJECT}` });
  yield* step('delete-backup-strategies', 202, { method: 'DELETE', path: `${strategies}?instance_id=${INSTANCE}` });
}

async function main() {
  const { values } = parseArgs({
    options: {
      release: { type: 'string', default: '18' },
      url: { type: 'string' },
      // The port of the recordings so far, so that the next links of every release read alike.
      port: { type: 'string', default: '8779' },
      out: { type: 'string' },
    },
  });
  const release = values.release;
  if (!RELEASES[release]) throw new Error(`unknown release ${release}: choose one of ${Object.keys(RELEASES).join(', ')}`);
  const out = resolve(values.out ?? `samples/recorded/${release}`);
  const trove = values.url
    ? undefined
    : await startTrove({ release, port: Number(values.port), log: (line) => console.error(`[trove] ${line}`) });
  try {
    const recordedFrom = `${RELEASES[release].describe}, run by scripts/trove.mjs`;
    await mkdir(out, { recursive: true });
    let n = 0;
    for await (const ex of recordAll(values.url ?? trove.url, { release })) {
      const { name, ...rest } = ex;
      await writeFile(resolve(out, `${name}.json`), `${JSON.stringify({ recordedFrom, ...rest }, null, 2)}\n`);
      n += 1;
    }
    console.log(`recorded ${n} exchanges from Trove ${release} into ${out}`);
  } finally {
    await trove?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(`record-trove: ${err.message}`);
    process.exit(1);
  });
}
