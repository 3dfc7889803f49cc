// The real Trove 18 behind keystonemiddleware's auth_token and a real Keystone
// (scripts/trove-keystone.mjs): what Keystone's 401s look like (recorded into
// samples/recorded/keystone/), the client through the catalog endpoint, a
// revoked token mid-run, and the contract check logging in from clouds.yaml,
// which passes without the peer-without-keystone deviation.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { passwordLogin } from '../../scripts/keystone.mjs';
import { INSTANCE } from '../../scripts/record-trove.mjs';
import { startTroveWithKeystone, TOKEN_CACHE_S, type TroveWithKeystone } from '../../scripts/trove-keystone.mjs';
import type { CheckReport } from '../../src/check/report.js';
import { runCheck } from '../../src/check/run.js';
import { ContractValidator } from '../../src/contract/validator.js';
import { createKeystoneBackupsClient, resolveTarget } from '../../src/keystone/index.js';
import { root } from '../helpers/files.js';

let both: TroveWithKeystone;
let configDir: string;
const recordings = join(root, 'samples', 'recorded', 'keystone');
/** Long enough to use the token once, even on a loaded machine. */
const SHORT_LIFE_S = 15;

beforeAll(async () => {
  both = await startTroveWithKeystone();
  const { keystone } = both;
  configDir = mkdtempSync(join(tmpdir(), 'trove-keystone-clouds-'));
  const auth = (user: { name: string; password: string; project_id: string }) => ({
    auth_url: keystone.authUrl,
    username: user.name,
    password: user.password,
    project_id: user.project_id,
    user_domain_name: 'Default',
  });
  writeFileSync(
    join(configDir, 'clouds.yaml'),
    stringify({ clouds: { alice: { auth: auth(keystone.alice) }, bob: { auth: auth(keystone.bob) } } }),
  );
}, 1_500_000);
afterAll(async () => {
  await both?.stop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

const contract = new ContractValidator();

async function exchange(name: string, path: string, headers: Record<string, string>) {
  const response = await fetch(`${both.url}${path}`, { headers: { Accept: 'application/json', ...headers } });
  const body = (await response.json()) as unknown;
  const recorded = {
    name,
    recordedFrom: both.describe,
    request: { method: 'GET', path, headers: Object.fromEntries(Object.entries(headers).map(([k]) => [k, '<token>'])) },
    response: {
      status: response.status,
      headers: {
        'content-type': response.headers.get('content-type'),
        // The harness's ports are free ports: recorded as Keystone's usual one, so that a new recording diffs clean.
        'www-authenticate': response.headers.get('www-authenticate')?.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:5000') ?? null,
      },
      body,
    },
  };
  // The tests judge the answers; only a recording run (TROVE_BACKUPS_RECORD=1) rewrites the samples.
  if (process.env.TROVE_BACKUPS_RECORD === '1') {
    mkdirSync(recordings, { recursive: true });
    writeFileSync(join(recordings, `${name}.json`), `${JSON.stringify(recorded, null, 2)}\n`);
  }
  return { status: response.status, headers: response.headers, body };
}

const KEYSTONE_401 = { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } };

describe('Trove behind keystonemiddleware and a real Keystone', () => {
  it("answers a missing, made-up and revoked token with keystonemiddleware's 401, as the contract describes", async () => {
    const { keystone } = both;
    const revoked = await passwordLogin(keystone.authUrl, keystone.alice);
    const admin = await passwordLogin(keystone.authUrl, keystone.bob);
    const revoke = await fetch(`${keystone.authUrl}/auth/tokens`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': admin.token, 'X-Subject-Token': revoked.token },
    });
    expect(revoke.status).toBe(204);
    for (const [name, headers] of [
      ['list-backups-401-no-token', {}],
      ['list-backups-401-made-up-token', { 'X-Auth-Token': 'gAAAAABmadeup' }],
      ['list-backups-401-revoked-token', { 'X-Auth-Token': revoked.token }],
    ] as const) {
      const answer = await exchange(name, '/v1.0/proj/backups', headers);
      expect(answer.status, name).toBe(401);
      expect(answer.body, name).toEqual(KEYSTONE_401);
      expect(answer.headers.get('www-authenticate'), name).toBe(`Keystone uri="${keystone.authUrl}"`);
      const violations = contract.validateResponse('listBackups', 401, answer.body);
      expect(violations, name).toEqual([]);
    }
  }, 180_000);

  it("answers a valid token of another project with Trove's 403", async () => {
    const bob = await passwordLogin(both.keystone.authUrl, both.keystone.bob);
    const answer = await exchange('list-backups-403-other-project-token', '/v1.0/proj/backups', { 'X-Auth-Token': bob.token });
    expect(answer.status).toBe(403);
    expect(contract.validateResponse('listBackups', 403, answer.body)).toEqual([]);
  }, 120_000);

  it('lists and creates backups through the catalog endpoint, and logs in again when its token is revoked mid-run', async () => {
    const client = await createKeystoneBackupsClient({ cloud: 'alice', env: {}, cwd: configDir, home: '/nonexistent' });
    expect(client.baseUrl).toBe(both.url);
    expect(client.projectId).toBe('proj');
    const { backups } = await client.list();
    expect(backups.map((b) => b.id)).toContain('b1111111-1111-1111-1111-111111111111');
    const admin = await passwordLogin(both.keystone.authUrl, both.keystone.bob);
    const token = await client.keystone.getToken();
    await fetch(`${both.keystone.authUrl}/auth/tokens`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': admin.token, 'X-Subject-Token': token },
    });
    // keystonemiddleware keeps a validation TOKEN_CACHE_S seconds: after that, Trove asks Keystone again.
    await new Promise((r) => setTimeout(r, TOKEN_CACHE_S * 1000 + 1_000));
    const created = await client.create({ name: 'through-keystone', instance: INSTANCE });
    expect(created.status).toBe('NEW');
    expect(client.keystone.logins).toBe(2);
    await client.waitForBackup(created.id, { timeoutMs: 120_000 });
  }, 180_000);

  it('passes the contract check, logged in from clouds.yaml, without the peer-without-keystone deviation', async () => {
    const target = await resolveTarget({ cloud: 'alice', adminCloud: 'bob', env: {}, cwd: configDir, home: '/nonexistent' });
    const report: CheckReport = await runCheck({
      endpoint: target.endpoint,
      token: target.token,
      adminToken: target.adminToken as string,
      adminProject: target.adminProject as string,
      instance: INSTANCE,
      knownDeviations: 'trove-18-keystone',
      // The recipes and the flow, as against the real Trove without Keystone (test/check/trove.test.ts).
      generate: 0,
      timeoutMs: 120_000,
    });
    const failed = report.results.filter((r) => r.outcome === 'fail');
    expect(failed.map((r) => `${r.id}: ${r.violations.map((v) => v.message).join('; ')}`)).toEqual([]);
    const unauthorized = report.results.filter((r) => r.status === 401);
    expect(unauthorized.length).toBeGreaterThan(0);
    expect(unauthorized.every((r) => r.outcome === 'pass')).toBe(true);
    expect(report.unusedDeviations).toEqual([]);
  }, 600_000);

  it('answers a token that has expired with the same 401', async () => {
    // Keystone's own token provider issues it with a short life (the server's lifetime is an hour).
    const shortLived = await both.keystone.issueToken(both.keystone.alice, SHORT_LIFE_S);
    const before = await fetch(`${both.url}/v1.0/proj/backups`, { headers: { 'X-Auth-Token': shortLived.token } });
    expect(before.status).toBe(200);
    await before.arrayBuffer();
    // Past its expiry, and past keystonemiddleware's cache of the validation made above.
    const after = Math.max(shortLived.expiresAt - Date.now(), TOKEN_CACHE_S * 1000);
    await new Promise((r) => setTimeout(r, after + 1_500));
    const answer = await exchange('list-backups-401-expired-token', '/v1.0/proj/backups', { 'X-Auth-Token': shortLived.token });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(KEYSTONE_401);
  }, 120_000);
});
