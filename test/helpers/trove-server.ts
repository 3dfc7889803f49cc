// Starts the real Trove API server (../shared/trove-server) for a test, on a
// free port with its own state folder, so that test files never share state;
// stop() kills it. The first start installs Debian's python3-trove with apt
// (1 to 2 minutes); later starts take about 12 s.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from './files.js';
import { freePort } from './processes.js';

const run = promisify(execFile);

export function troveServerDir(): string {
  const candidates = [process.env.TROVE_SERVER_DIR, join(root, '..', 'shared', 'trove-server'), '/work/shared/trove-server'];
  const found = candidates.find((dir) => dir && existsSync(join(dir, 'trove_api_up.sh')));
  if (!found) {
    throw new Error(`cannot find trove_api_up.sh: set TROVE_SERVER_DIR (looked in ${candidates.filter(Boolean).join(', ')})`);
  }
  return found;
}

export interface RunningTrove {
  url: string;
  stop: () => Promise<void>;
}

export async function startTrove(): Promise<RunningTrove> {
  const script = join(troveServerDir(), 'trove_api_up.sh');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'trove-peer-'));
  const env = { ...process.env, TROVE_PEER_DIR: dir, TROVE_PEER_PORT: String(port) };
  try {
    await run('bash', [script, 'reset'], { env, timeout: 300_000 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    await run('bash', [script, 'stop'], { env }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the Trove server did not start: ${e.stderr?.trim() || e.message}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await run('bash', [script, 'stop'], { env, timeout: 60_000 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
