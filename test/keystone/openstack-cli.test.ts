// python-openstackclient (`openstack database backup list --os-cloud ...`)
// against the reference server acting as its own Keystone: a clouds.yaml
// pointed at it works end to end, as for a real cloud.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevKeystone, startDevKeystone } from './dev-keystone.js';

const run = promisify(execFile);

let dev: DevKeystone;
beforeAll(async () => {
  dev = await startDevKeystone();
});
afterAll(() => dev?.close());

async function openstack(args: string[], cloud: string) {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dev.configDir,
    OS_CLIENT_CONFIG_FILE: `${dev.configDir}/clouds.yaml`,
    OS_CLIENT_SECURE_FILE: `${dev.configDir}/secure.yaml`,
  };
  const { stdout } = await run('openstack', ['--os-cloud', cloud, ...args, '-f', 'json'], { env, cwd: dev.configDir, timeout: 60_000 });
  return JSON.parse(stdout) as Record<string, unknown>[];
}

describe('openstack database backup list against the reference server', () => {
  it('logs in with the password of clouds.yaml + secure.yaml and lists the project backups', async () => {
    const rows = await openstack(['database', 'backup', 'list'], 'dev');
    expect(rows.map((r) => r.Name)).toEqual(expect.arrayContaining(['bk-full', 'bk-inc']));
    expect(rows.every((r) => r.Name !== 'bk-other-proj')).toBe(true);
  });

  it('logs in with an application credential', async () => {
    const rows = await openstack(['database', 'backup', 'list'], 'dev-ac');
    expect(rows.length).toBeGreaterThan(0);
  });
});
