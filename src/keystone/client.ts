// A Backups client that logs in to Keystone and finds its endpoint in the catalog.
import { type BackupsClient, type ClientSettings, createBackupsClient } from '../client/index.js';
import { type KeystoneSource, resolveKeystoneOptions } from './config.js';
import type { KeystoneOptions } from './options.js';
import { createKeystoneSession, type KeystoneSession } from './session.js';

export interface KeystoneClientOptions extends Partial<KeystoneOptions>, KeystoneSource {
  /** Settings of the Backups client itself (fetch, timeoutMs, signal, headers, retry). */
  client?: ClientSettings;
}

export interface KeystoneBackupsClient extends BackupsClient {
  /** The Keystone login behind the client (its token, endpoint and login count). */
  readonly keystone: KeystoneSession;
}

/**
 * Logs in (explicit options, else the cloud named by `cloud` or OS_CLOUD in
 * clouds.yaml, else OS_* variables), finds the Database endpoint in the
 * catalog, and returns a client that logs in again when the token expires or
 * the API answers 401.
 */
export async function createKeystoneBackupsClient(options: KeystoneClientOptions = {}): Promise<KeystoneBackupsClient> {
  const { cloud, env, cwd, home, client, ...explicit } = options;
  const source: KeystoneSource = {};
  if (cloud !== undefined) source.cloud = cloud;
  if (env !== undefined) source.env = env;
  if (cwd !== undefined) source.cwd = cwd;
  if (home !== undefined) source.home = home;
  const { options: resolved } = resolveKeystoneOptions(explicit, source);
  const session = createKeystoneSession(client?.fetch && !resolved.fetch ? { ...resolved, fetch: client.fetch } : resolved);
  const endpoint = await session.endpoint();
  const backups = createBackupsClient({ ...client, endpoint, getToken: (context) => session.getToken(context) });
  return Object.assign(Object.create(backups) as BackupsClient, { keystone: session }) as KeystoneBackupsClient;
}
