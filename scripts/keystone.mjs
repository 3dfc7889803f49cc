#!/usr/bin/env node
// The project's real-Keystone harness: Debian bookworm's keystone 22 (Zed),
// SQLite and fernet keys in its own state folder, served by uWSGI on a free
// port of 127.0.0.1, with users alice (member of project `proj`) and bob
// (admin of `other`), an application credential of alice's, and the
// `database` service whose endpoints point at the Trove (or reference server)
// the caller names. stop() leaves no process or folder behind.
//
//   npm run keystone -- --database-url http://127.0.0.1:8779 [--port N] [--expiration S]
//
// It needs root (apt-get installs keystone and uwsgi when they are missing).
import { execFile, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);
const HERE = join(dirname(fileURLToPath(import.meta.url)), 'keystone');
const PACKAGES = ['keystone', 'uwsgi-core', 'uwsgi-plugin-python3'];

export class KeystoneHarnessError extends Error {
  name = 'KeystoneHarnessError';
}

const which = (cmd) =>
  run('sh', ['-c', `command -v ${cmd}`]).then(
    ({ stdout }) => stdout.trim(),
    () => undefined,
  );

async function ensureInstalled(log) {
  if ((await which('keystone-manage')) && (await which('uwsgi')) && (await which('keystone-wsgi-public'))) return;
  if (process.getuid?.() !== 0) throw new KeystoneHarnessError(`Keystone is not installed: install ${PACKAGES.join(' ')} (as root)`);
  log(`installing ${PACKAGES.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', '--no-install-recommends', ...PACKAGES], {
      env,
      timeout: 900_000,
    });
  } catch (err) {
    throw new KeystoneHarnessError(
      `apt-get install ${PACKAGES.join(' ')} failed: ${`${err.stderr ?? err.message}`.trim().split('\n').at(-1)}`,
    );
  }
}

/** The Python that keystone-manage runs with (Debian's, whatever python3 comes first in PATH). */
async function keystonePython() {
  const manage = await which('keystone-manage');
  const shebang = readFileSync(manage, 'utf8').split('\n')[0] ?? '';
  return (
    shebang
      .replace(/^#!\s*/, '')
      .trim()
      .split(/\s+/)[0] || 'python3'
  );
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url, child, timeoutMs, logFile) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new KeystoneHarnessError(`uwsgi exited (${child.exitCode}): ${tail(logFile)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new KeystoneHarnessError(`Keystone did not answer on ${url} within ${timeoutMs} ms: ${tail(logFile)}`);
}

function tail(file) {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join(' | ');
  } catch {
    return '(no log)';
  }
}

async function keystoneJson(url, init, what) {
  const response = await fetch(url, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...init.headers },
    signal: AbortSignal.timeout(300_000),
  });
  const text = await response.text();
  if (!response.ok) throw new KeystoneHarnessError(`${what}: ${response.status} ${text.slice(0, 300)}`);
  return { response, body: text ? JSON.parse(text) : undefined };
}

/** A password login of one of the harness's users; the token and its body. */
export async function passwordLogin(identityUrl, user, projectId) {
  const body = {
    auth: {
      identity: { methods: ['password'], password: { user: { id: user.id, password: user.password } } },
      scope: { project: { id: projectId ?? user.project_id } },
    },
  };
  const { response, body: token } = await keystoneJson(
    `${identityUrl}/auth/tokens`,
    { method: 'POST', body: JSON.stringify(body) },
    `login of ${user.name}`,
  );
  return { token: response.headers.get('x-subject-token'), body: token };
}

/**
 * @param {object} options
 * @param {string} options.databaseUrl the root of the Backups API the catalog points at (without /v1.0)
 * @param {number} [options.port] default: a free port
 * @param {number} [options.expiration] token lifetime in seconds (Keystone's [token] expiration), default 3600
 * @param {number} [options.timeoutMs] how long setup and start may take, default 600 s
 * @param {(line: string) => void} [options.log]
 */
export async function startKeystone(options) {
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 600_000;
  const started = performance.now();
  await ensureInstalled(log);
  const port = options.port ?? (await freePort());
  const state = mkdtempSync(join(tmpdir(), 'keystone-'));
  const python = await keystonePython();
  let child;
  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((done) => child.once('exit', done));
      // unshare ignores SIGTERM; killing it kills uwsgi (--kill-child) and the
      // kernel then kills the rest of the PID namespace.
      child.kill('SIGKILL');
      await gone;
    }
    rmSync(state, { recursive: true, force: true });
  };
  try {
    const args = ['setup', '--state', state, '--port', String(port), '--database-url', options.databaseUrl];
    if (options.expiration !== undefined) args.push('--expiration', String(options.expiration));
    const { stdout } = await run(python, [join(HERE, 'keystone_harness.py'), ...args], {
      timeout: timeoutMs,
      env: { PATH: process.env.PATH ?? '' },
    });
    const setup = JSON.parse(stdout.trim().split('\n').at(-1));
    const setupMs = performance.now() - started;
    const logFile = join(state, 'uwsgi.log');
    const out = openSync(logFile, 'a');
    const wsgi = await which('keystone-wsgi-public');
    const uwsgi = ['uwsgi', '--plugin', 'python3', '--http-socket', `127.0.0.1:${port}`, '--wsgi-file', wsgi];
    // One thread: Keystone on SQLite fails concurrent writes ("database is locked", a 500
    // and a dropped connection), and a failed password login writes.
    uwsgi.push('--master', '--processes', '1', '--threads', '1', '--need-app', '--disable-logging', '--die-on-term');
    // uWSGI's http-socket closes each connection after the answer without saying so;
    // saying it keeps clients (undici, requests) from sending on a closed connection.
    uwsgi.push('--add-header', 'Connection: close');
    child = spawn('unshare', ['--pid', '--fork', '--kill-child=SIGKILL', '--', ...uwsgi], {
      stdio: ['ignore', out, out],
      cwd: state,
      env: { PATH: process.env.PATH ?? '', OS_KEYSTONE_CONFIG_FILES: setup.conf },
    });
    closeSync(out);
    await waitUntilUp(`${setup.identityUrl}/`, child, timeoutMs, logFile);
    const alice = setup.users.alice;
    const { token } = await passwordLogin(setup.identityUrl, alice);
    const { body } = await keystoneJson(
      `${setup.identityUrl}/users/${alice.id}/application_credentials`,
      { method: 'POST', headers: { 'X-Auth-Token': token }, body: JSON.stringify({ application_credential: { name: 'harness' } }) },
      'creating the application credential',
    );
    const applicationCredential = {
      id: body.application_credential.id,
      name: 'harness',
      secret: body.application_credential.secret,
      user: alice,
    };
    return {
      /** The Identity v3 endpoint (the auth URL). */
      authUrl: setup.identityUrl,
      port,
      stateDir: state,
      admin: setup.admin,
      alice,
      bob: setup.users.bob,
      applicationCredential,
      /**
       * A token of `user` for its project, issued by this Keystone's own token
       * provider, that expires `lifetimeS` seconds from now (the server's
       * [token] expiration is for every other token).
       * @returns {Promise<{ token: string, expiresAt: number }>}
       */
      issueToken: async (user, lifetimeS) => {
        const tokenArgs = ['token', '--conf', setup.conf, '--user-id', user.id, '--project-id', user.project_id];
        const { stdout: issued } = await run(python, [join(HERE, 'keystone_harness.py'), ...tokenArgs, '--lifetime', String(lifetimeS)], {
          timeout: 120_000,
          env: { PATH: process.env.PATH ?? '' },
        });
        const { token, expires_at } = JSON.parse(issued.trim().split('\n').at(-1));
        return { token, expiresAt: Date.parse(expires_at) };
      },
      /** Milliseconds: setup (db_sync, keys, bootstrap, users) and up to the first answer. */
      timings: { setupMs, readyMs: performance.now() - started },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { 'database-url': { type: 'string' }, port: { type: 'string' }, expiration: { type: 'string' } },
  });
  if (!values['database-url']) {
    console.error('usage: npm run keystone -- --database-url http://127.0.0.1:8779 [--port N] [--expiration SECONDS]');
    process.exit(2);
  }
  const keystone = await startKeystone({
    databaseUrl: values['database-url'],
    port: values.port ? Number(values.port) : undefined,
    expiration: values.expiration ? Number(values.expiration) : undefined,
    log: (line) => console.error(line),
  });
  console.log(
    JSON.stringify(
      {
        authUrl: keystone.authUrl,
        alice: keystone.alice,
        bob: keystone.bob,
        applicationCredential: keystone.applicationCredential,
        timings: keystone.timings,
      },
      null,
      2,
    ),
  );
  const quit = () => keystone.stop().then(() => process.exit(0));
  process.once('SIGINT', quit);
  process.once('SIGTERM', quit);
}
