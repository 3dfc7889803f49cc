// Concurrent creates: none lost, none duplicated, each listed once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InstanceConfig, type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { send } from './exchange.js';

const PROJECTS = 50;
const PER_PROJECT = 20;
const VERSION = 'b00000b0-00b0-0b00-00b0-000b000000bb';
const uuid = (n: number) => `c0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const instances: InstanceConfig[] = [];
for (let p = 0; p < PROJECTS; p += 1) {
  for (let i = 0; i < PER_PROJECT; i += 1)
    instances.push({ id: uuid(p * PER_PROJECT + i), project_id: `project-${p}`, datastore_version_id: VERSION });
}

let server: RunningReferenceServer;
beforeAll(async () => {
  // Backups that change state between two pages move in the `updated` order, and an offset
  // marker then skips or repeats one (as in Trove): the backups stay NEW during this test.
  server = await startReferenceServer({ config: { instances, backups: [], timings: { newMs: 3_600_000 } } });
});
afterAll(() => server.close());

type Page = { backups: { id: string; project_id: string }[]; links?: { href: string }[] };

/** Every backup of a project, page by page (limit 7), following the markers. */
async function walk(project: string): Promise<string[]> {
  const ids: string[] = [];
  let marker = 0;
  for (;;) {
    const page = (await send(server.url, { path: `/v1.0/${project}/backups?limit=7&marker=${marker}`, token: project })).body as Page;
    ids.push(...page.backups.map((b) => b.id));
    if (!page.links) return ids;
    marker = Number(new URL(page.links[0]!.href).searchParams.get('marker'));
  }
}

describe('concurrency', () => {
  it(`${PROJECTS * PER_PROJECT} concurrent creates across ${PROJECTS} projects give exactly that many backups, each listed once`, async () => {
    const answers = await Promise.all(
      instances.map((instance, n) =>
        send(server.url, {
          method: 'POST',
          path: `/v1.0/${instance.project_id}/backups`,
          token: instance.project_id,
          body: { backup: { name: `backup-${n}`, instance: instance.id } },
        }),
      ),
    );
    expect(answers.filter((a) => a.status !== 202).map((a) => a.body)).toEqual([]);
    const created = answers.map((a) => (a.body as { backup: { id: string } }).backup.id);
    expect(new Set(created).size).toBe(instances.length);

    const all = (await send(server.url, { path: '/v1.0/admin/backups?all_projects=1&limit=5000', token: 'admin' })).body as Page;
    expect(all.backups).toHaveLength(instances.length);
    expect(new Set(all.backups.map((b) => b.id))).toEqual(new Set(created));

    const walked = (await Promise.all(Array.from({ length: PROJECTS }, (_, p) => walk(`project-${p}`)))).flat();
    expect(walked).toHaveLength(instances.length);
    expect(new Set(walked)).toEqual(new Set(created));
  });

  it('two concurrent creates for each of 100 instances: exactly one wins per instance, the other is 422', async () => {
    const targets = instances.slice(0, 100);
    // The backups of the test above are still running: delete nothing, use a fresh server.
    const fresh = await startReferenceServer({ config: { instances: targets, backups: [] } });
    try {
      const answers = await Promise.all(
        targets.flatMap((instance) =>
          [0, 1].map((k) =>
            send(fresh.url, {
              method: 'POST',
              path: `/v1.0/${instance.project_id}/backups`,
              token: instance.project_id,
              body: { backup: { name: `race-${k}`, instance: instance.id } },
            }).then((res) => ({ instance: instance.id, status: res.status })),
          ),
        ),
      );
      for (const instance of targets) {
        expect(
          answers
            .filter((a) => a.instance === instance.id)
            .map((a) => a.status)
            .sort(),
        ).toEqual([202, 422]);
      }
      const all = (await send(fresh.url, { path: '/v1.0/admin/backups?all_projects=1&limit=500', token: 'admin' })).body as Page;
      expect(all.backups).toHaveLength(targets.length);
    } finally {
      await fresh.close();
    }
  });
});
