#!/usr/bin/env node
// The project's real-Trove harness: starts a real Trove API server of a chosen
// release (18, 23 or 26, as Debian ships them) on 127.0.0.1 with Trove's
// in-memory fakes and the seed data the tests expect, in its own state folder.
// stop() leaves no process, mount or folder behind.
//
//   npm run trove -- --release 23 [--port 8779]     (prints the URL; Ctrl-C stops it)
//
// 18.0.0 runs on the host (Debian bookworm's python3-trove, installed with apt
// when missing). 23.0.0 (trixie) and 26.0.0 (sid) run in Debian root
// filesystems made once with debootstrap and cached in $TROVE_ROOTS_DIR
// (default /var/cache/trove-backups-contract/roots), chrooted in a private
// mount and PID namespace, so that killing the server takes its mounts and
// its database server with it. Everything here needs root.
import { execFile, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);
const HERE = join(dirname(fileURLToPath(import.meta.url)), 'trove');
const INSIDE = '/run/trove-harness';
const HOST_PYTHON = '/usr/bin/python3'; // Debian's: python3-trove lives in its dist-packages
const MARKER = 'TROVE_HARNESS_RUN';

/** The releases: where each runs, its database, and what it is. */
export const RELEASES = {
  18: { suite: null, database: 'sqlite', describe: 'Trove 18.0.0 (Zed), Debian bookworm python3-trove 1:18.0.0-2, on the host' },
  23: {
    suite: 'trixie',
    database: 'mariadb',
    describe: 'Trove 23.0.0 (2025.1 Epoxy), Debian trixie python3-trove 1:23.0.0-2, in a debootstrap root',
  },
  26: { suite: 'sid', database: 'mariadb', describe: 'Trove 26.0.0 (2026.2), Debian sid python3-trove 1:26.0.0-2, in a debootstrap root' },
};

/** What the harness cannot do on this machine, in one line that says what it needs. */
export class TroveHarnessError extends Error {
  name = 'TroveHarnessError';
}

export function rootsDir() {
  return resolve(process.env.TROVE_ROOTS_DIR || '/var/cache/trove-backups-contract/roots');
}

function releaseOf(release) {
  const r = RELEASES[String(release)];
  if (!r) throw new TroveHarnessError(`unknown Trove release ${release}: choose one of ${Object.keys(RELEASES).join(', ')}`);
  return r;
}

const has = (cmd) =>
  run('sh', ['-c', `command -v ${cmd}`]).then(
    () => true,
    () => false,
  );

async function aptInstall(packages, why, log) {
  if (!(await has('apt-get'))) throw new TroveHarnessError(`${why}: install ${packages.join(' ')} (no apt-get here)`);
  log(`installing ${packages.join(' ')} with apt-get (${why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update', '-qq'], { env, timeout: 600_000 });
    await run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', '--no-install-recommends', ...packages], {
      env,
      timeout: 900_000,
    });
  } catch (err) {
    throw new TroveHarnessError(`${why}: apt-get install ${packages.join(' ')} failed (${lastLine(err)})`);
  }
}

function lastLine(err) {
  const text = `${err.stderr ?? ''}`.trim() || err.message;
  return text.split('\n').filter(Boolean).at(-1);
}

function requireRoot() {
  if (process.getuid?.() !== 0) {
    throw new TroveHarnessError('the real-Trove harness needs root (it uses apt-get, debootstrap, unshare and chroot): run it as root');
  }
}

/** Debian bookworm's Trove on the host, installed with apt when missing. */
async function ensureHostTrove(log) {
  const probe = () =>
    run(HOST_PYTHON, ['-c', 'import trove, proboscis']).then(
      () => true,
      () => false,
    );
  if (await probe()) return;
  await aptInstall(
    ['python3-trove', 'python3-troveclient', 'python3-keystoneauth1', 'python3-proboscis'],
    "Trove 18 needs Debian bookworm's python3-trove",
    log,
  );
  if (!(await probe()))
    throw new TroveHarnessError(`Trove 18 needs Debian bookworm's python3-trove for ${HOST_PYTHON}; it is still missing after apt-get`);
}

/** The root filesystem of a release, built once (atomically, under a lock) and reused. */
export async function ensureRoot(release, log = () => undefined) {
  const { suite } = releaseOf(release);
  if (!suite) return '/';
  const root = join(rootsDir(), `trove-${release}`);
  if (existsSync(join(root, '.trove-harness-root'))) return root;
  requireRoot();
  if (!(await has('debootstrap')))
    await aptInstall(['debootstrap'], `Trove ${release} runs in a Debian ${suite} root made with debootstrap`, log);
  log(`building the Debian ${suite} root for Trove ${release} in ${root} (once; a few minutes)`);
  const started = Date.now();
  const child = spawn('bash', [join(HERE, 'build-root.sh'), suite, rootsDir(), `trove-${release}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    for (const line of `${chunk}`.split('\n').filter(Boolean)) log(line);
  });
  const code = await new Promise((done) => child.on('close', done));
  if (code !== 0 || !existsSync(join(root, '.trove-harness-root'))) {
    const why = stderr.trim().split('\n').filter(Boolean).at(-1) ?? `exit ${code}`;
    throw new TroveHarnessError(
      `could not build the Debian ${suite} root for Trove ${release} (needs root, debootstrap and the Debian mirror): ${why}`,
    );
  }
  log(`root for Trove ${release} ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return root;
}

export async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/** The processes that carry this run's marker in their environment (children inherit it). */
function markedProcesses(value) {
  const needle = `${MARKER}=${value}\0`;
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * Where the prepared, seeded database of a release is kept between runs (db_sync
 * takes a minute on a loaded machine), named by the harness's own code so that
 * a changed seed is never served from an old copy.
 */
function templateOf(release, database, root) {
  const hash = createHash('sha256');
  for (const file of ['trove_harness.py', 'harness_fakes.py']) hash.update(readFileSync(join(HERE, file)));
  const name = `${database}-${hash.digest('hex').slice(0, 12)}`;
  return root === '/' ? join(rootsDir(), `trove-${release}-databases`, name) : `/var/lib/trove-harness/databases/${name}`;
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function tail(file, lines = 15) {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

// Runs in the new namespaces: the chroot's mounts exist there only.
const CHROOT = `set -e
root=$1 state=$2 bin=$3; shift 3
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mkdir -p "$root${INSIDE}/state" "$root${INSIDE}/bin"
mount --bind "$state" "$root${INSIDE}/state"
mount --bind "$bin" "$root${INSIDE}/bin"
exec chroot "$root" /usr/bin/python3 ${INSIDE}/bin/trove_harness.py serve --state ${INSIDE}/state "$@"`;

/**
 * Starts a real Trove API server.
 * @param {object} [options]
 * @param {18|23|26|string} [options.release] default 18
 * @param {number} [options.port] default: a free port
 * @param {'sqlite'|'mariadb'} [options.database] default: the release's (SQLite for 18, MariaDB for 23 and 26)
 * @param {'fake'|'keystone'} [options.auth] Trove's test auth filter (default: the token is the project id), or keystonemiddleware's auth_token
 * @param {string} [options.extraConf] a file appended to trove.conf (e.g. a [keystone_authtoken] section)
 * @param {boolean} [options.reuseDatabase] start from the kept, seeded database of an earlier run (default), or make it anew
 * @param {number} [options.timeoutMs] how long the server may take to answer, default 600 s
 * @param {(line: string) => void} [options.log] progress lines
 */
export async function startTrove(options = {}) {
  const release = String(options.release ?? 18);
  const spec = releaseOf(release);
  const log = options.log ?? (() => undefined);
  const database = options.database ?? spec.database;
  for (const [name, value, allowed] of [
    ['database', database, ['sqlite', 'mariadb']],
    ['auth', options.auth ?? 'fake', ['fake', 'keystone']],
  ]) {
    if (!allowed.includes(value)) throw new TroveHarnessError(`${name} must be ${allowed.join(' or ')}, not ${JSON.stringify(value)}`);
  }
  requireRoot();
  if (!(await has('unshare'))) throw new TroveHarnessError('the real-Trove harness needs unshare (util-linux)');
  const root = spec.suite ? await ensureRoot(release, log) : '/';
  if (!spec.suite) await ensureHostTrove(log);
  const port = options.port ?? (await freePort());
  const state = mkdtempSync(join(tmpdir(), `trove-${release}-`));
  const inState = (file) => (spec.suite ? `${INSIDE}/state/${file}` : join(state, file));
  const args = ['--port', String(port), '--db', database, '--release', release];
  if (options.reuseDatabase !== false) args.push('--template', templateOf(release, database, root));
  if (options.auth) args.push('--auth', options.auth);
  if (options.extraConf) {
    copyFileSync(options.extraConf, join(state, 'given-extra.conf'));
    args.push('--extra-conf', inState('given-extra.conf'));
  }
  const marker = randomUUID();
  const namespaces = ['--mount', '--propagation', 'private', '--pid', '--fork', '--kill-child=SIGKILL', '--'];
  const command = spec.suite
    ? [...namespaces, 'sh', '-c', CHROOT, 'sh', root, state, HERE, ...args]
    : [...namespaces, HOST_PYTHON, join(HERE, 'trove_harness.py'), 'serve', '--state', state, ...args];
  const out = openSync(join(state, 'harness.out'), 'a');
  // A root gets an environment of its own: the host's paths (TMPDIR, a test's own
  // folder, say) do not exist there, and MariaDB failed writing to it.
  const env = spec.suite ? { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', LANG: 'C.UTF-8' } : process.env;
  // No __pycache__ of harness_fakes in the project's scripts folder.
  const child = spawn('unshare', command, {
    stdio: ['ignore', out, out],
    env: { ...env, PYTHONDONTWRITEBYTECODE: '1', [MARKER]: marker },
  });
  closeSync(out);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const url = `http://127.0.0.1:${port}`;

  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      // unshare ignores SIGTERM; killing it kills the namespace's first process
      // (--kill-child), and the kernel then kills the rest and drops the mounts.
      if (!exited) {
        const gone = new Promise((done) => child.once('exit', done));
        child.kill('SIGKILL');
        await gone;
      }
      const until = Date.now() + 15_000;
      for (let left = markedProcesses(marker); left.length > 0; left = markedProcesses(marker)) {
        for (const pid of left) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        if (Date.now() > until) throw new Error(`Trove ${release}: processes ${left.join(', ')} outlived the server`);
        await sleep(100);
      }
      rmSync(state, { recursive: true, force: true, maxRetries: 5 });
    })();
    return stopped;
  };

  const until = Date.now() + (options.timeoutMs ?? 600_000);
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (exited || Date.now() > until) {
      const why = exited ? 'it exited' : `it did not answer within ${Math.round((options.timeoutMs ?? 600_000) / 1000)} s`;
      const logs = [tail(join(state, 'harness.out')), tail(join(state, 'trove-api.log'), 5)].filter(Boolean).join('\n');
      await stop();
      throw new Error(`Trove ${release} did not start (${why}):\n${logs}`);
    }
    await sleep(500);
  }
  log(`Trove ${release} answers on ${url}`);
  return { url, port, release, describe: spec.describe, stateDir: state, stop };
}

async function main() {
  const { values } = parseArgs({
    options: {
      release: { type: 'string', default: '18' },
      port: { type: 'string' },
      database: { type: 'string' },
      auth: { type: 'string' },
      'extra-conf': { type: 'string' },
      prepare: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      'usage: npm run trove -- [--release 18|23|26] [--port N] [--database sqlite|mariadb] [--auth fake|keystone] [--extra-conf FILE] [--prepare]\n' +
        'Starts a real Trove API server with fakes and the test seed; the token is the project id (X-Auth-Token: proj).\n' +
        '--prepare only builds what the release needs (its Debian root) and exits.',
    );
    return;
  }
  const log = (line) => console.error(`[trove] ${line}`);
  if (values.prepare) {
    requireRoot();
    if (releaseOf(values.release).suite) await ensureRoot(values.release, log);
    else await ensureHostTrove(log);
    return;
  }
  const trove = await startTrove({
    release: values.release,
    port: values.port ? Number(values.port) : undefined,
    database: values.database,
    auth: values.auth,
    extraConf: values['extra-conf'],
    log,
  });
  console.log(`${trove.describe}\n${trove.url}\ntry: curl -H 'X-Auth-Token: proj' ${trove.url}/v1.0/proj/backups\nCtrl-C stops it.`);
  const quit = () => {
    trove.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(`trove: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', quit);
  process.once('SIGTERM', quit);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(`trove: ${err.message}`);
    process.exit(1);
  });
}
