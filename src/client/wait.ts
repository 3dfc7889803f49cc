// Polling a backup until it reaches the status the caller waits for.
import { BackupFailedError } from './errors/backup-failed-error.js';
import { BackupStatusError } from './errors/backup-status-error.js';
import { TroveTimeoutError } from './errors/timeout-error.js';
import { checkMs } from './options.js';
import { abortError, link, sleep } from './signals.js';
import type { Backup, BackupStatus } from './types.js';

export interface WaitForBackupOptions {
  /** The statuses to wait for (default `['COMPLETED']`). */
  until?: readonly BackupStatus[];
  /** The limit on the whole wait (default 30 minutes). */
  timeoutMs?: number;
  /** The time between two polls (default 5 s). */
  intervalMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_WAIT = { timeoutMs: 30 * 60_000, intervalMs: 5_000 } as const;

/** The states a backup never leaves (trove/backup/state.py). */
const END_STATES: ReadonlySet<BackupStatus> = new Set(['COMPLETED', 'FAILED', 'DELETE_FAILED', 'RESTORED']);
const FAILED_STATES: ReadonlySet<BackupStatus> = new Set(['FAILED', 'DELETE_FAILED']);

export async function waitForBackup(
  get: (id: string, signal: AbortSignal) => Promise<Backup>,
  backupId: string,
  options: WaitForBackupOptions = {},
): Promise<Backup> {
  const { until = ['COMPLETED'], timeoutMs = DEFAULT_WAIT.timeoutMs, intervalMs = DEFAULT_WAIT.intervalMs, signal } = options;
  if (!Array.isArray(until) || until.length === 0) throw new TypeError('waitForBackup: until must be a non-empty list of statuses');
  checkMs('waitForBackup: timeoutMs', timeoutMs, true);
  checkMs('waitForBackup: intervalMs', intervalMs);
  const wanted = new Set(until);
  let last: Backup | undefined;
  const deadline = new AbortController();
  const unlink = link(deadline, signal ? [signal] : [], abortError(`waiting for backup ${backupId}`));
  const timeout = (): TroveTimeoutError =>
    new TroveTimeoutError(
      `backup ${backupId} is not ${until.join(' or ')} after ${timeoutMs} ms${last ? ` (it is ${last.status})` : ''}`,
      timeoutMs,
      last,
    );
  const timer = Number.isFinite(timeoutMs) ? setTimeout(() => deadline.abort(timeout()), timeoutMs) : undefined;
  try {
    for (;;) {
      const backup = await get(backupId, deadline.signal);
      last = backup;
      if (wanted.has(backup.status)) return backup;
      if (FAILED_STATES.has(backup.status)) throw new BackupFailedError(backup, until);
      if (END_STATES.has(backup.status)) throw new BackupStatusError(backup, until);
      await sleep(intervalMs, deadline.signal);
    }
  } catch (error) {
    // A poll cut short by the deadline or the caller's signal reports that, not its own abort.
    if (deadline.signal.aborted) throw deadline.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    unlink();
  }
}
