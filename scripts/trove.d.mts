export type TroveRelease = '18' | '23' | '26';
export const RELEASES: Record<TroveRelease, { suite: string | null; database: 'sqlite' | 'mariadb'; describe: string }>;
export class TroveHarnessError extends Error {}
export function rootsDir(): string;
export function ensureRoot(release: TroveRelease | number, log?: (line: string) => void): Promise<string>;
export function freePort(): Promise<number>;
export interface StartTroveOptions {
  release?: TroveRelease | number;
  port?: number;
  database?: 'sqlite' | 'mariadb';
  /** Trove's test auth filter (the token is the project id; default), or keystonemiddleware's auth_token. */
  auth?: 'fake' | 'keystone';
  extraConf?: string;
  /** Start from the kept, seeded database of an earlier run (default), or make it anew. */
  reuseDatabase?: boolean;
  timeoutMs?: number;
  log?: (line: string) => void;
}
export interface HarnessTrove {
  url: string;
  port: number;
  release: TroveRelease;
  describe: string;
  stateDir: string;
  stop: () => Promise<void>;
}
export function startTrove(options?: StartTroveOptions): Promise<HarnessTrove>;
