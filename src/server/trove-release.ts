// What the reference server does differently per Trove release (the config's
// `trove`), each with the Trove commit and first release that changed it.
// The spec's x-trove-changes and docs/releases.md say the same for users.
import type { TroveRelease } from './config-types.js';

export interface ReleaseBehaviour {
  /** e4113c55, 23.0.0: `storage_driver: cinder` makes a Cinder snapshot; before, the key is ignored. */
  storageDriver: boolean;
  /** ebe15a1b, 21.0.0: `GET /healthcheck` answers `OK` without a token; before, 404. */
  healthcheck: boolean;
  /** 02b71fcd, 25.0.0: a running backup older than runningBackupsExpires days may be deleted. */
  expiringRunningBackups: boolean;
  /** 354ec271, 25.0.0: every response below /v1.0 carries X-OpenStack-Request-Id. */
  requestIdHeader: boolean;
}

export function releaseBehaviour(release: TroveRelease): ReleaseBehaviour {
  return {
    storageDriver: release >= 23,
    healthcheck: release >= 23,
    expiringRunningBackups: release >= 26,
    requestIdHeader: release >= 26,
  };
}
