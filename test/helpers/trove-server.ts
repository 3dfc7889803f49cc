// Starts a real Trove API server of one release for a test, through the
// project's harness (scripts/trove.mjs), on a free port with its own state
// folder, so that test files never share state; stop() leaves nothing behind.
// The first start of 23 or 26 builds that release's Debian root (minutes,
// once); later starts take seconds to a minute.
import { startTrove as startHarnessTrove, type TroveRelease } from '../../scripts/trove.mjs';

export type { TroveRelease };

/** The releases the real-Trove tests run against, oldest first. */
export const TROVE_RELEASES: TroveRelease[] = ['18', '23', '26'];

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
