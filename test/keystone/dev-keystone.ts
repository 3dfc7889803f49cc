// The reference server acting as its own Keystone, with a member and an
// admin in two projects and an application credential, for the Keystone tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';

export const MEMBER = { name: 'demo', password: 'demo-secret', project_id: 'proj', project_name: 'demo-project' };
export const ADMIN = { name: 'boss', password: 'boss-secret', project_id: 'other', roles: ['admin', 'member'] };
export const APP_CREDENTIAL = { id: 'ac-demo', name: 'ci', secret: 'ac-secret', user: 'demo' };

export interface DevKeystone {
  server: RunningReferenceServer;
  authUrl: string;
  /** Moves the server's clock (token expiry, backups' progress). */
  advance(ms: number): void;
  /** A folder with a clouds.yaml (cloud "dev", password in secure.yaml) and "dev-ac" (application credential). */
  configDir: string;
  close(): Promise<void>;
}

export async function startDevKeystone(tokenTtlSeconds = 3600): Promise<DevKeystone> {
  let offset = 0;
  const server = await startReferenceServer({
    clock: () => Date.now() + offset,
    config: {
      keystone: { users: [MEMBER, ADMIN], applicationCredentials: [APP_CREDENTIAL], tokenTtlSeconds },
    },
  });
  const authUrl = `${server.url}/identity/v3`;
  const configDir = mkdtempSync(join(tmpdir(), 'keystone-clouds-'));
  const clouds = {
    clouds: {
      dev: {
        auth: {
          auth_url: authUrl,
          username: MEMBER.name,
          project_name: MEMBER.project_name,
          user_domain_name: 'Default',
          project_domain_name: 'Default',
        },
        region_name: 'RegionOne',
        interface: 'public',
        identity_api_version: 3,
      },
      'dev-admin': {
        auth: {
          auth_url: authUrl,
          username: ADMIN.name,
          password: ADMIN.password,
          project_id: ADMIN.project_id,
          user_domain_id: 'default',
        },
      },
      'dev-ac': {
        auth_type: 'v3applicationcredential',
        auth: { auth_url: authUrl, application_credential_id: APP_CREDENTIAL.id, application_credential_secret: APP_CREDENTIAL.secret },
      },
    },
  };
  writeFileSync(join(configDir, 'clouds.yaml'), stringify(clouds));
  writeFileSync(join(configDir, 'secure.yaml'), stringify({ clouds: { dev: { auth: { password: MEMBER.password } } } }));
  return {
    server,
    authUrl,
    configDir,
    advance: (ms) => {
      offset += ms;
    },
    close: async () => {
      await server.close();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
