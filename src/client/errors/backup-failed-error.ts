// waitForBackup: the backup is FAILED or DELETE_FAILED.
import type { Backup, BackupStatus } from '../types.js';
import { BackupStatusError } from './backup-status-error.js';

export class BackupFailedError extends BackupStatusError {
  override name = 'BackupFailedError';

  constructor(backup: Backup, expected: readonly BackupStatus[]) {
    super(backup, expected);
    this.message = `backup ${backup.id} ${backup.status === 'FAILED' ? 'failed' : 'could not be deleted'} (${backup.status})`;
  }
}
