#!/usr/bin/env node
// Real Trove behind real Keystone: starts the Keystone harness (scripts/keystone.mjs)
// with the `database` endpoints on Trove's port, then the real-Trove harness
// (scripts/trove.mjs) with keystonemiddleware's auth_token as its authtoken
// filter, pointed at that Keystone. stop() stops both.
//
//   npm run trove:keystone -- [--release 18] [--expiration SECONDS]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startKeystone } from './keystone.mjs';
import { startTrove } from './trove.mjs';

// The service user keystonemiddleware validates tokens with. Validations are
// cached for 10 s (a deployment: token_cache_time, 300 s by default): without a
// cache each request waits for Keystone, and a backup completes before the
// check can see its instance busy; with a long one, a revoked token stays
// valid for minutes.
export const TOKEN_CACHE_S = 10;

const authtoken = (keystone) => `[keystone_authtoken]
www_authenticate_uri = ${keystone.authUrl}
auth_url = ${keystone.authUrl}
auth_type = password
username = ${keystone.admin.name}
password = ${keystone.admin.password}
project_name = ${keystone.admin.project_name}
user_domain_id = default
project_domain_id = default
token_cache_time = ${TOKEN_CACHE_S}
http_connect_timeout = 10
`;

/**
 * @param {object} [options]
 * @param {18|23|26|string} [options.release] default 18
 * @param {number} [options.expiration] Keystone's token lifetime in seconds, default 3600
 * @param {(line: string) => void} [options.log]
 */
export async function startTroveWithKeystone(options = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const keystone = await startKeystone({ databaseUrl: url, expiration: options.expiration, log: options.log });
  const files = mkdtempSync(join(tmpdir(), 'trove-keystone-'));
  let trove;
  try {
    writeFileSync(join(files, 'keystone.conf'), authtoken(keystone));
    trove = await startTrove({
      release: options.release ?? 18,
      port,
      auth: 'keystone',
      extraConf: join(files, 'keystone.conf'),
      log: options.log,
    });
  } catch (error) {
    await keystone.stop();
    throw error;
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
  return {
    url: trove.url,
    release: trove.release,
    describe: `${trove.describe}, behind keystonemiddleware's auth_token and a real Keystone 22`,
    keystone,
    /** Trove's state folder (trove.conf, trove-api.log), until stop(). */
    troveStateDir: trove.stateDir,
    stop: async () => {
      await trove.stop();
      await keystone.stop();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { release: { type: 'string' }, expiration: { type: 'string' } } });
  const both = await startTroveWithKeystone({
    release: values.release ?? '18',
    expiration: values.expiration ? Number(values.expiration) : undefined,
    log: (line) => console.error(line),
  });
  const { keystone } = both;
  console.log(`Trove ${both.url} behind Keystone ${keystone.authUrl}`);
  console.log(`alice (member of proj): ${keystone.alice.password}; bob (admin of other): ${keystone.bob.password}`);
  const quit = () => both.stop().then(() => process.exit(0));
  process.once('SIGINT', quit);
  process.once('SIGTERM', quit);
}
