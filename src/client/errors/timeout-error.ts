// A time limit passed: one HTTP exchange (`timeoutMs`), or a whole
// waitForBackup. Its name is `TimeoutError`, as for AbortSignal.timeout().
import type { Backup } from '../types.js';
import { TroveClientError } from './base.js';

export class TroveTimeoutError extends TroveClientError {
  override name = 'TimeoutError';
  declare readonly timeoutMs: number;
  /** For waitForBackup: the backup as last seen, if it was seen at all. */
  declare readonly backup: Backup | undefined;

  constructor(message: string, timeoutMs: number, backup?: Backup) {
    super(message);
    this.timeoutMs = timeoutMs;
    this.backup = backup;
  }
}
