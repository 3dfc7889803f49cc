// The real-Trove harness itself: a release in a Debian root makes its database
// anew (MariaDB's install, db_sync, the seed) from within a test, whose TMPDIR
// is a host folder the root does not have (it once failed there, unseen while
// a kept database from an earlier run was reused); each release serves its own
// API pipeline, which the spec's release notes describe.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RELEASES, startTrove, TroveHarnessError } from '../../scripts/trove.mjs';
import { root } from '../helpers/files.js';
import { TROVE_RELEASES, TROVE_START_TIMEOUT_MS } from '../helpers/trove-server.js';

const IN_A_ROOT = TROVE_RELEASES.filter((release) => RELEASES[release].suite !== null);

describe.each(IN_A_ROOT)('the harness with Trove %s', (release) => {
  it(
    'makes a fresh database under a TMPDIR of the host, serves the seed, and leaves nothing behind',
    async () => {
      expect(tmpdir()).toContain('trove-backups-test-');
      const trove = await startTrove({ release, reuseDatabase: false, timeoutMs: 600_000 });
      try {
        const response = await fetch(`${trove.url}/v1.0/proj/backups`, { headers: { 'X-Auth-Token': 'proj' } });
        expect(response.status).toBe(200);
        const { backups } = (await response.json()) as { backups: { id: string }[] };
        expect(backups.map((b) => b.id)).toContain('b1111111-1111-1111-1111-111111111111');
      } finally {
        await trove.stop();
      }
      expect(existsSync(trove.stateDir)).toBe(false);
      // Nor Python's bytecode of the harness in the project (scripts/trove is bound into the root).
      expect(existsSync(join(root, 'scripts', 'trove', '__pycache__'))).toBe(false);
    },
    TROVE_START_TIMEOUT_MS,
  );
});

// spec/paths/versions.yaml and spec/introduction.md: /healthcheck since 21.0.0,
// X-OpenStack-Request-Id below /v1.0 since 25.0.0.
describe.each(TROVE_RELEASES)("Trove %s's API pipeline", (release) => {
  it(
    'has /healthcheck and X-OpenStack-Request-Id from the releases the spec names',
    async () => {
      const trove = await startTrove({ release, timeoutMs: 600_000 });
      try {
        const health = await fetch(`${trove.url}/healthcheck`);
        const healthText = await health.text();
        if (Number(release) >= 21) expect([health.status, healthText]).toEqual([200, 'OK']);
        else expect(health.status).toBe(404);
        const versions = await fetch(`${trove.url}/`);
        await versions.arrayBuffer();
        expect(versions.headers.get('x-openstack-request-id')).toBeNull();
        const list = await fetch(`${trove.url}/v1.0/proj/backups`, { headers: { 'X-Auth-Token': 'proj' } });
        await list.arrayBuffer();
        expect(list.status).toBe(200);
        const requestId = list.headers.get('x-openstack-request-id');
        if (Number(release) >= 25) expect(requestId).toMatch(/^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        else expect(requestId).toBeNull();
      } finally {
        await trove.stop();
      }
    },
    TROVE_START_TIMEOUT_MS,
  );
});

describe('the harness given an unknown option value', () => {
  it("says what it accepts, before it makes anything (this file's TMPDIR stays empty)", async () => {
    await expect(startTrove({ auth: 'basic' as 'fake' })).rejects.toThrow(
      new TroveHarnessError('auth must be fake or keystone, not "basic"'),
    );
    await expect(startTrove({ database: 'postgres' as 'sqlite' })).rejects.toThrow(/^database must be sqlite or mariadb, not "postgres"$/);
  });
});
