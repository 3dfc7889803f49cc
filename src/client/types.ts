// Friendly names for the contract's generated types (generated/openapi.d.ts).
import type { components, operations } from '../../generated/openapi.js';

type Schemas = components['schemas'];

export type Backup = Schemas['Backup'];
export type BackupStatus = Schemas['BackupStatus'];
export type BackupDatastore = Schemas['BackupDatastore'];
export type BackupList = Schemas['BackupList'];
export type NextLink = Schemas['NextLink'];
/** The body of `POST /backups`: `{ backup: CreateBackup }`. */
export type CreateBackupRequest = Schemas['CreateBackupRequest'];
export type CreateBackupFields = Schemas['CreateBackupFields'];
export type RestoreFrom = Schemas['RestoreFrom'];
/**
 * What to back up: `name` with `instance`, or `name` with `restore_from` (the contract's
 * `CreateBackup`, written with `name` outside the union so that leaving it out names it).
 */
export type CreateBackup = Omit<CreateBackupFields, 'name'> & { name: NonNullable<CreateBackupFields['name']> } & (
    | { instance: NonNullable<CreateBackupFields['instance']> }
    | { restore_from: RestoreFrom }
  );
export type BackupStrategy = Schemas['BackupStrategy'];
/** The body of `POST /backup_strategies`: `{ backup_strategy: CreateBackupStrategy }`. */
export type CreateBackupStrategyRequest = Schemas['CreateBackupStrategyRequest'];
export type CreateBackupStrategy = CreateBackupStrategyRequest['backup_strategy'];
export type Versions = Schemas['Versions'];
export type ApiVersion = Versions['versions'][number];

/** The query of `GET /backups`: filters, `limit` and `marker`. */
export type ListBackupsQuery = NonNullable<operations['listBackups']['parameters']['query']>;
/** The query of `GET /instances/{instanceId}/backups`: `limit` and `marker`. */
export type ListInstanceBackupsQuery = NonNullable<operations['listInstanceBackups']['parameters']['query']>;
/** The query of the backup strategy list and delete: `instance_id`, `project_id`. */
export type BackupStrategyQuery = NonNullable<operations['listBackupStrategies']['parameters']['query']>;

/** A query whose keys may also be given as undefined (left out of the URL), such as `marker: page.nextMarker`. */
export type Query<T> = { [K in keyof T]?: T[K] | undefined };

/** An incremental backup: on `parent_id` when given, otherwise on the instance's newest completed backup. */
export type CreateIncrementalBackup = Omit<CreateBackupFields, 'name' | 'instance' | 'incremental' | 'restore_from'> & {
  name: NonNullable<CreateBackupFields['name']>;
  instance: NonNullable<CreateBackupFields['instance']>;
};

/** A backup record for an existing backup file (`restore_from`); Trove ignores instance and incremental here. */
export type RestoreBackup = Pick<CreateBackupFields, 'description' | 'parent_id' | 'swift_container'> & {
  name: NonNullable<CreateBackupFields['name']>;
  restore_from: RestoreFrom;
};

/** One page of backups, with the offset of the next page when there is one. */
export interface BackupPage extends BackupList {
  /** The `marker` of the next page (taken from the `next` link), or undefined on the last page. */
  nextMarker: number | undefined;
}
