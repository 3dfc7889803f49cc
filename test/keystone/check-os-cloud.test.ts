// `trove-backups check --os-cloud NAME --admin-os-cloud NAME`: the check logs
// in to Keystone (here the reference server's own) and takes the Database
// endpoint from the catalog instead of --endpoint and --token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_INSTANCE } from '../../src/server/index.js';
import { runCli } from '../helpers/cli.js';
import { type DevKeystone, startDevKeystone } from './dev-keystone.js';

let dev: DevKeystone;
beforeAll(async () => {
  dev = await startDevKeystone();
});
afterAll(() => dev?.close());

const env = () => ({ OS_CLIENT_CONFIG_FILE: `${dev.configDir}/clouds.yaml`, OS_CLIENT_SECURE_FILE: `${dev.configDir}/secure.yaml` });

describe('trove-backups check with a Keystone login', () => {
  it('passes the reference server with --os-cloud and --admin-os-cloud, checking the 401 of a refused token', async () => {
    const res = await runCli(
      ['check', '--os-cloud', 'dev', '--admin-os-cloud', 'dev-admin', '--instance', SEED_INSTANCE, '--timeout', '10', '--reporter', 'json'],
      { env: env(), timeoutMs: 120_000 },
    );
    expect(res.stderr).toBe('');
    const report = JSON.parse(res.stdout) as { results: { id: string; outcome: string; status?: number }[] };
    expect(report.results.filter((r) => r.outcome === 'fail').map((r) => r.id)).toEqual([]);
    const unauthorized = report.results.filter((r) => r.status === 401);
    expect(unauthorized.length).toBeGreaterThan(0);
    expect(unauthorized.every((r) => r.outcome === 'pass')).toBe(true);
    // the admin login's project (other) is taken as the admin project: its listings are checked
    expect(report.results.some((r) => /admin|all_projects/i.test(r.id) && r.outcome === 'pass')).toBe(true);
    expect(res.code).toBe(0);
  }, 150_000);

  it('logs in with OS_* variables when neither --token nor --os-cloud is given', async () => {
    const res = await runCli(['check', '--read-only', '--only', 'listBackups', '--reporter', 'json'], {
      env: {
        OS_AUTH_URL: dev.authUrl,
        OS_USERNAME: 'demo',
        OS_PASSWORD: 'demo-secret',
        OS_USER_DOMAIN_NAME: 'Default',
        OS_PROJECT_NAME: 'demo-project',
        OS_PROJECT_DOMAIN_NAME: 'Default',
      },
      timeoutMs: 120_000,
    });
    expect(res.stderr).toBe('');
    const report = JSON.parse(res.stdout) as { results: { id: string; outcome: string; violations: unknown[] }[] };
    expect(report.results.filter((r) => r.outcome === 'fail')).toEqual([]);
    expect(res.code).toBe(0);
  }, 150_000);

  it('says why a login fails (exit 3, the server cannot be checked), and a cloud that is not in clouds.yaml is a usage error (exit 2)', async () => {
    const wrong = await runCli(['check', '--read-only'], {
      env: { OS_AUTH_URL: dev.authUrl, OS_USER_ID: 'u-demo', OS_PASSWORD: 'nope', OS_PROJECT_ID: 'proj' },
    });
    expect(wrong.stderr).toMatch(
      /^trove-backups check: Keystone refused the login \(401\): The request you have made requires authentication/,
    );
    expect(wrong.code).toBe(3);
    const unknown = await runCli(['check', '--os-cloud', 'nowhere'], { env: env() });
    expect(unknown.stderr).toMatch(/has no cloud "nowhere" \(it has: dev, dev-admin, dev-ac\)/);
    expect(unknown.code).toBe(2);
  });
});
