// The Keystone client against a real Keystone (Debian's keystone 22, started by
// scripts/keystone.mjs): password and application credential, from options,
// OS_* variables and clouds.yaml; the catalog endpoint; a token that expires.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type HarnessKeystone, startKeystone } from '../../scripts/keystone.mjs';
import { createKeystoneSession, KeystoneError, resolveKeystoneOptions } from '../../src/keystone/index.js';

const EXPIRATION_S = 15;
const DATABASE_URL = 'http://127.0.0.1:8779';
let keystone: HarnessKeystone;
let configDir: string;
const noFiles = { env: {}, cwd: '/nonexistent', home: '/nonexistent' };

beforeAll(async () => {
  keystone = await startKeystone({ databaseUrl: DATABASE_URL, expiration: EXPIRATION_S });
  console.log(`real Keystone ready in ${Math.round(keystone.timings.readyMs)} ms (setup ${Math.round(keystone.timings.setupMs)} ms)`);
  configDir = mkdtempSync(join(tmpdir(), 'keystone-clouds-'));
  const { alice, bob } = keystone;
  const clouds = {
    clouds: {
      bob: {
        auth: {
          auth_url: keystone.authUrl,
          username: bob.name,
          project_name: bob.project_id,
          user_domain_name: 'Default',
          project_domain_name: 'Default',
        },
        region_name: 'RegionOne',
        interface: 'internal',
      },
      alice: { auth: { auth_url: keystone.authUrl, username: alice.name, project_id: alice.project_id, user_domain_id: 'default' } },
    },
  };
  writeFileSync(join(configDir, 'clouds.yaml'), stringify(clouds));
  writeFileSync(
    join(configDir, 'secure.yaml'),
    stringify({ clouds: { bob: { auth: { password: bob.password } }, alice: { auth: { password: alice.password } } } }),
  );
}, 600_000);

afterAll(async () => {
  await keystone?.stop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

const sessionOf = (source: Parameters<typeof resolveKeystoneOptions>[1], explicit = {}) =>
  createKeystoneSession(resolveKeystoneOptions(explicit, source).options);

describe('the Keystone client against a real Keystone', () => {
  it('logs in with a password given as options and finds the database endpoint of the project', async () => {
    const session = createKeystoneSession({
      authUrl: keystone.authUrl,
      username: 'alice',
      password: keystone.alice.password,
      userDomainName: 'Default',
      projectName: 'proj',
      projectDomainName: 'Default',
    });
    const login = await session.login();
    expect(login.projectId).toBe('proj');
    expect(login.roles).toContain('member');
    expect(login.endpoint).toBe(`${DATABASE_URL}/v1.0/proj`);
  });

  it('logs in with an application credential from OS_* variables', async () => {
    const session = sessionOf({
      ...noFiles,
      env: {
        OS_AUTH_URL: keystone.authUrl,
        OS_AUTH_TYPE: 'v3applicationcredential',
        OS_APPLICATION_CREDENTIAL_ID: keystone.applicationCredential.id,
        OS_APPLICATION_CREDENTIAL_SECRET: keystone.applicationCredential.secret,
      },
    });
    const login = await session.login();
    expect(login.projectId).toBe('proj');
    expect(login.endpoint).toBe(`${DATABASE_URL}/v1.0/proj`);
  });

  it('logs in with an application credential given by name and user', async () => {
    const session = createKeystoneSession({
      authUrl: keystone.authUrl,
      applicationCredentialName: keystone.applicationCredential.name,
      applicationCredentialSecret: keystone.applicationCredential.secret,
      username: 'alice',
      userDomainId: 'default',
    });
    expect((await session.login()).projectId).toBe('proj');
  });

  it('logs in with a cloud of clouds.yaml (password in secure.yaml), found in the current folder, on the internal endpoint', async () => {
    const session = sessionOf({ env: { OS_CLOUD: 'bob' }, cwd: configDir, home: '/nonexistent' });
    const login = await session.login();
    expect(login.projectId).toBe('other');
    expect(login.roles).toContain('admin');
    expect(login.endpoint).toBe(`${DATABASE_URL}/v1.0/other`);
  });

  it("reports Keystone's refusal of a wrong password, and of an application credential secret", async () => {
    const wrong = createKeystoneSession({ authUrl: keystone.authUrl, userId: keystone.alice.id, password: 'nope', projectId: 'proj' });
    await expect(wrong.login()).rejects.toThrow(/Keystone refused the login \(401\): The request you have made requires authentication/);
    const secret = createKeystoneSession({
      authUrl: keystone.authUrl,
      applicationCredentialId: keystone.applicationCredential.id,
      applicationCredentialSecret: 'nope',
    });
    const error = await secret.login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeystoneError);
    expect((error as KeystoneError).status).toBe(401);
  });

  it('makes one login for many concurrent callers, and a new one once the token has expired', async () => {
    const alice = createKeystoneSession({
      authUrl: keystone.authUrl,
      userId: keystone.alice.id,
      password: keystone.alice.password,
      projectId: 'proj',
      expiryMarginMs: 0,
    });
    const tokens = await Promise.all(Array.from({ length: 6 }, () => alice.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(alice.logins).toBe(1);
    const first = await alice.login();
    const validate = (token: string) =>
      fetch(`${keystone.authUrl}/auth/tokens`, { headers: { 'X-Auth-Token': token, 'X-Subject-Token': token } });
    expect((await validate(first.token)).status).toBe(200);
    // Keystone's fernet expiry is whole seconds: wait until it has certainly passed.
    await new Promise((r) => setTimeout(r, Math.max(0, first.expiresAt - Date.now()) + 1_500));
    expect((await validate(first.token)).status).toBe(401);
    const next = await alice.getToken();
    expect(next).not.toBe(first.token);
    expect((await validate(next)).status).toBe(200);
    expect(alice.logins).toBe(2);
  }, 60_000);
});
