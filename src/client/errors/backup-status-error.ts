// waitForBackup: the backup reached an end state that is not one of those
// waited for (for example RESTORED while waiting for COMPLETED).
import type { Backup, BackupStatus } from '../types.js';
import { TroveClientError } from './base.js';

export class BackupStatusError extends TroveClientError {
  override name = 'BackupStatusError';
  declare readonly backup: Backup;
  declare readonly status: BackupStatus;
  declare readonly expected: readonly BackupStatus[];

  constructor(backup: Backup, expected: readonly BackupStatus[]) {
    super(`backup ${backup.id} is ${backup.status}, which is final, while waiting for ${expected.join(' or ')}`);
    this.backup = backup;
    this.status = backup.status;
    this.expected = expected;
  }
}
