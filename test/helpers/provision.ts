// vitest's globalSetup of the integration projects: installs, once per run,
// the Debian packages that the projects about to run need and this machine
// lacks (apt-get, as root), saying what it installs. Where it cannot, the run
// stops with one line that says what to install; TROVE_BACKUPS_SKIP_INTEGRATION=1
// leaves such projects out instead (vitest.config.ts).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { missingNeeds, onPath } from './tools.js';

const run = promisify(execFile);
export const SKIP_ENV = 'TROVE_BACKUPS_SKIP_INTEGRATION';
const APT_TIMEOUT_MS = 15 * 60_000;

/** An error that vitest prints as its message alone. */
class ProvisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProvisionError';
    this.stack = `${this.name}: ${message}`;
  }
}

// The projects of one run share one installation (their global setups may run together).
const KEY = Symbol.for('trove-backups.provisioning');
const shared = globalThis as { [KEY]?: Promise<void> };

export default async function provision(project: TestProject): Promise<void> {
  const selected = project.vitest.projects.map((p) => p.name);
  shared[KEY] ??= installFor(selected);
  await shared[KEY];
}

async function installFor(projects: string[]): Promise<void> {
  const missing = missingNeeds(projects);
  if (missing.length === 0) return;
  const packages = [...new Set(missing.flatMap(({ need }) => need.packages))];
  const install = `apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  const lacking = [...new Set(missing.map(({ project, need }) => `${need.what} (the ${project} tests)`))].join(', ');
  if (process.getuid?.() !== 0 || !onPath('apt-get')) {
    throw new ProvisionError(`This machine lacks ${lacking}: run \`${install}\` as root, or set ${SKIP_ENV}=1 to skip those tests.`);
  }
  console.log(`Installing what the integration tests need: ${lacking}\n  apt-get update && ${install}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  try {
    await run('apt-get', [...lock, 'update', '-qq'], { env, timeout: APT_TIMEOUT_MS });
    await run('apt-get', [...lock, 'install', '-y', '-qq', '--no-install-recommends', ...packages], { env, timeout: APT_TIMEOUT_MS });
  } catch (error) {
    const detail = ((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n').at(-1);
    throw new ProvisionError(
      `Could not install ${packages.join(' ')} (${detail}): run \`${install}\` as root, or set ${SKIP_ENV}=1 to skip those tests.`,
    );
  }
  const still = missingNeeds(projects);
  if (still.length > 0)
    throw new ProvisionError(`Installed ${packages.join(' ')}, yet ${still.map(({ need }) => need.what).join(', ')} is still missing.`);
}
