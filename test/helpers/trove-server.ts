// Starts a real Trove API server of one release for a test, through the
// project's harness (scripts/trove.mjs), on a free port with its own state
// folder, so that test files never share state; stop() leaves nothing behind.
// The first start of 23 or 26 builds that release's Debian root (minutes,
// once); later starts take seconds to a minute.
import { startTrove as startHarnessTrove, type TroveRelease } from '../../scripts/trove.mjs';

export type { TroveRelease };

const ALL_RELEASES: TroveRelease[] = ['18', '23', '26'];

/**
 * The releases the real-Trove tests run against, oldest first: all of them, or
 * those TROVE_TEST_RELEASES names (comma-separated; .ci/run's second pass, on
 * Node 24, runs the newest only).
 */
export const TROVE_RELEASES: TroveRelease[] = selectedReleases(process.env.TROVE_TEST_RELEASES);

function selectedReleases(list: string | undefined): TroveRelease[] {
  if (!list) return ALL_RELEASES;
  const wanted = list.split(',').map((r) => r.trim());
  const unknown = wanted.filter((r) => !ALL_RELEASES.includes(r as TroveRelease));
  if (unknown.length > 0)
    throw new Error(`TROVE_TEST_RELEASES names unknown releases ${unknown.join(', ')}: choose from ${ALL_RELEASES.join(', ')}`);
  return ALL_RELEASES.filter((r) => wanted.includes(r));
}

/** Long enough for a first start that builds a release's root on a loaded 2-core machine. */
export const TROVE_START_TIMEOUT_MS = 1_200_000;

export interface RunningTrove {
  url: string;
  release: TroveRelease;
  /** Which Trove this is, for recordings and messages. */
  describe: string;
  stop: () => Promise<void>;
}

export async function startTrove(release: TroveRelease = '18'): Promise<RunningTrove> {
  const trove = await startHarnessTrove({ release, timeoutMs: 600_000 });
  return { url: trove.url, release: trove.release, describe: trove.describe, stop: trove.stop };
}
