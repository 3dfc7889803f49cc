import type { HarnessKeystone } from './keystone.mjs';
import type { TroveRelease } from './trove.mjs';

export interface TroveWithKeystone {
  url: string;
  release: TroveRelease;
  describe: string;
  keystone: HarnessKeystone;
  troveStateDir: string;
  stop: () => Promise<void>;
}
export function startTroveWithKeystone(options?: {
  release?: TroveRelease | number;
  expiration?: number;
  log?: (line: string) => void;
}): Promise<TroveWithKeystone>;
/** How long keystonemiddleware keeps a token validation, in seconds. */
export const TOKEN_CACHE_S: number;
