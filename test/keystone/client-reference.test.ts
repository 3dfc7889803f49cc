// The Keystone client against the reference server's own Keystone: every
// way to give credentials, the catalog endpoint, expiry and one login at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeystoneBackupsClient, createKeystoneSession, KeystoneError } from '../../src/keystone/index.js';
import { SEED_INSTANCE } from '../../src/server/index.js';
import { ADMIN, APP_CREDENTIAL, type DevKeystone, MEMBER, startDevKeystone } from './dev-keystone.js';

let dev: DevKeystone;
const noFiles = { env: {}, cwd: '/nonexistent', home: '/nonexistent' };

beforeAll(async () => {
  dev = await startDevKeystone(600);
});
afterAll(() => dev?.close());

describe('the Keystone client against the reference server', () => {
  it('logs in with a password given as options and lists the backups of the catalog endpoint', async () => {
    const client = await createKeystoneBackupsClient({
      ...noFiles,
      authUrl: dev.authUrl,
      username: MEMBER.name,
      password: MEMBER.password,
      userDomainName: 'Default',
      projectName: MEMBER.project_name,
      projectDomainName: 'Default',
    });
    expect(client.projectId).toBe('proj');
    expect(client.baseUrl).toBe(dev.server.url);
    const page = await client.list();
    expect(page.backups.map((b) => b.name)).toContain('bk-full');
    expect(client.keystone.logins).toBe(1);
  });

  it('logs in with an application credential from OS_* variables and creates a backup', async () => {
    const client = await createKeystoneBackupsClient({
      env: {
        OS_AUTH_URL: dev.authUrl,
        OS_AUTH_TYPE: 'v3applicationcredential',
        OS_APPLICATION_CREDENTIAL_ID: APP_CREDENTIAL.id,
        OS_APPLICATION_CREDENTIAL_SECRET: APP_CREDENTIAL.secret,
        OS_INTERFACE: 'internal',
      },
      cwd: '/nonexistent',
      home: '/nonexistent',
    });
    const created = await client.create({ name: 'through-the-catalog', instance: SEED_INSTANCE });
    expect(created.status).toBe('NEW');
    expect((await client.get(created.id)).name).toBe('through-the-catalog');
  });

  it('logs in with the cloud of clouds.yaml, its password in secure.yaml (found through OS_CLIENT_CONFIG_FILE or the current folder)', async () => {
    const byFile = await createKeystoneBackupsClient({
      cloud: 'dev',
      env: { OS_CLIENT_CONFIG_FILE: `${dev.configDir}/clouds.yaml`, OS_CLIENT_SECURE_FILE: `${dev.configDir}/secure.yaml` },
      cwd: '/nonexistent',
      home: '/nonexistent',
    });
    expect((await byFile.list()).backups.length).toBeGreaterThan(0);
    const byCwd = await createKeystoneBackupsClient({ env: { OS_CLOUD: 'dev-ac' }, cwd: dev.configDir, home: '/nonexistent' });
    expect(byCwd.projectId).toBe('proj');
  });

  it('logs in again when the server refuses an expired token, even in the middle of many calls, with one login', async () => {
    const client = await createKeystoneBackupsClient({
      ...noFiles,
      authUrl: dev.authUrl,
      userId: `u-${ADMIN.name}`,
      password: ADMIN.password,
      projectId: ADMIN.project_id,
    });
    await client.list();
    dev.advance(601_000); // past the server's token lifetime; the client's clock does not know
    const pages = await Promise.all(Array.from({ length: 8 }, () => client.list()));
    expect(pages).toHaveLength(8);
    expect(client.keystone.logins).toBe(2);
  });

  it('logs in again before a token expires by its own clock', async () => {
    let now = Date.now();
    const session = createKeystoneSession({
      authUrl: dev.authUrl,
      applicationCredentialId: APP_CREDENTIAL.id,
      applicationCredentialSecret: APP_CREDENTIAL.secret,
      now: () => now,
    });
    const first = await session.getToken();
    expect(await session.getToken()).toBe(first);
    now = (await session.login()).expiresAt - 30_000; // within the minute before expiry
    const [a, b] = await Promise.all([session.getToken(), session.getToken()]);
    expect(a).not.toBe(first);
    expect(b).toBe(a);
    expect(session.logins).toBe(2);
  });

  it("reports Keystone's refusal of a wrong password, and the server's 401 names its Keystone", async () => {
    const session = createKeystoneSession({ authUrl: dev.authUrl, userId: 'u-demo', password: 'wrong', projectId: 'proj' });
    const error = await session.login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeystoneError);
    expect((error as KeystoneError).status).toBe(401);
    expect((error as Error).message).toMatch(/refused the login \(401\): The request you have made requires authentication/);
    const response = await fetch(`${dev.server.url}/v1.0/proj/backups`, { headers: { 'X-Auth-Token': 'made-up' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(`Keystone uri="${dev.server.url}/identity/v3"`);
  });

  it('says which endpoints the catalog has when the region asked for is not there', async () => {
    const session = createKeystoneSession({
      authUrl: dev.authUrl,
      userId: 'u-demo',
      password: MEMBER.password,
      projectId: 'proj',
      regionName: 'Elsewhere',
    });
    await expect(session.endpoint()).rejects.toThrow(/no public in region Elsewhere endpoint \(it has: public in RegionOne/);
  });

  it('validates and revokes tokens as Keystone does (GET and DELETE /v3/auth/tokens)', async () => {
    const session = createKeystoneSession({ authUrl: dev.authUrl, userId: 'u-demo', password: MEMBER.password, projectId: 'proj' });
    const token = await session.getToken();
    const headers = { 'X-Auth-Token': token, 'X-Subject-Token': token };
    expect((await fetch(`${dev.authUrl}/auth/tokens`, { headers })).status).toBe(200);
    expect((await fetch(`${dev.authUrl}/auth/tokens`, { method: 'DELETE', headers })).status).toBe(204);
    const after = await fetch(`${dev.server.url}/v1.0/proj/backups`, { headers: { 'X-Auth-Token': token } });
    expect(after.status).toBe(401);
  });
});
