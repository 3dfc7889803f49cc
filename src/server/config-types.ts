// The shape of the reference server's configuration (a JSON or YAML file, or
// an object given to startReferenceServer). Entities use the API's own field
// names (snake_case); server settings are camelCase.
import type { components } from '../../generated/openapi.js';
import type { KeystoneConfig, ResolvedKeystoneConfig } from './keystone/config.js';

export type * from './keystone/config.js';

export type BackupStatus = components['schemas']['BackupStatus'];

/** A Trove release the server can behave like, where releases differ (docs/releases.md). */
export type TroveRelease = 18 | 23 | 26;

/** Who a token is: its project and roles (`admin` makes it an admin). */
export interface TokenConfig {
  project_id: string;
  roles?: string[];
}

export interface DatastoreVersionConfig {
  id: string;
  name: string;
}

export interface DatastoreConfig {
  id: string;
  /** The datastore's name, for example `mysql`: the backups' `datastore.type`. */
  name: string;
  versions: DatastoreVersionConfig[];
  /** false: creating a backup of its instances is 501, as for a datastore without a backup strategy. */
  backup_supported?: boolean;
}

export interface InstanceConfig {
  id: string;
  project_id: string;
  name?: string;
  datastore_version_id: string;
  /** The server status; anything but ACTIVE or HEALTHY makes backups 422. Default ACTIVE. */
  status?: string;
  /** Failure injection: every backup of this instance ends FAILED. */
  fail_backups?: boolean;
  /** The `size` its backups get (GiB used on the data volume). Default 0.14. */
  backup_size?: number;
  /** The volume size in GiB, the `size` of its Cinder snapshot backups. Default 1. */
  volume_size?: number;
}

/** A backup that exists from the start; it keeps the status given (it does not run). */
export interface SeedBackupConfig {
  id: string;
  project_id: string;
  name: string;
  status: BackupStatus;
  created: string;
  updated?: string;
  description?: string | null;
  instance_id?: string | null;
  parent_id?: string | null;
  size?: number | null;
  locationRef?: string | null;
  /** null or absent: a legacy row without a datastore (the view has no `datastore`). */
  datastore_version_id?: string | null;
  /** A soft-deleted row: never listed, 404. */
  deleted?: boolean;
}

export interface BackupStrategyConfig {
  project_id: string;
  /** "" or absent: the project-wide strategy. */
  instance_id?: string;
  swift_container: string;
}

export interface TimingsConfig {
  /** How long a new backup stays NEW. */
  newMs?: number;
  /** How long it then stays BUILDING before it ends COMPLETED (or FAILED). */
  buildingMs?: number;
}

export interface ReferenceServerConfig {
  /** Token → project and roles. Absent: any token is valid, its project is the token, a token starting with `admin` is an admin. */
  tokens?: Record<string, TokenConfig>;
  datastores?: DatastoreConfig[];
  instances?: InstanceConfig[];
  backups?: SeedBackupConfig[];
  backupStrategies?: BackupStrategyConfig[];
  timings?: TimingsConfig;
  /** Backups per project (Trove's max_backups_per_tenant, 50); null for no quota. */
  backupQuota?: number | null;
  /** The page size when a list has no `limit` (Trove's backups_page_size, 20). */
  pageSize?: number;
  /** Larger request bodies get 413. Default 114688 bytes (oslo's max_request_body_size). */
  maxBodyBytes?: number;
  /** The Swift URL of a project, in completed backups' locationRef; `{project_id}` is replaced. */
  storageUrl?: string;
  /** The container when neither the request nor a strategy names one (Trove's backup_swift_container). */
  swiftContainer?: string;
  /** The identity URL in the WWW-Authenticate header of a 401. */
  keystoneUri?: string;
  /** The Trove release to behave like where releases differ: 18, 23 or 26 (the default). See docs/releases.md. */
  trove?: TroveRelease;
  /** Trove 25.0.0 and later: a running backup this many days old or older may be deleted (running_backups_expires, 3). */
  runningBackupsExpires?: number;
  /** Projects that may hold backups or strategies (any token is a project): a new one past it gets 413. Default 1000. */
  maxProjects?: number;
  /** Backups held in all (seeded ones included): a create past it gets 413. Default 10000. */
  maxBackups?: number;
  /** Backup strategies held in all: a new one past it gets 413. Default 10000. */
  maxStrategies?: number;
  /** The largest page: a larger `limit` gets this many and a next link. Default 1000. */
  maxLimit?: number;
  /** The bytes of answers the response cache keeps. Default 32 MiB. */
  cacheBytes?: number;
  /** The server is its own Keystone v3 below /identity (for local development); only the tokens it issues (and `tokens`) are valid. */
  keystone?: KeystoneConfig;
}

/** The configuration with every default filled in. */
export interface ResolvedConfig {
  tokens: Record<string, TokenConfig> | undefined;
  datastores: Required<DatastoreConfig>[];
  instances: Required<InstanceConfig>[];
  backups: SeedBackupConfig[];
  backupStrategies: Required<BackupStrategyConfig>[];
  timings: Required<TimingsConfig>;
  backupQuota: number | null;
  pageSize: number;
  maxBodyBytes: number;
  storageUrl: string;
  swiftContainer: string;
  keystoneUri: string;
  trove: TroveRelease;
  runningBackupsExpires: number;
  maxProjects: number;
  maxBackups: number;
  maxStrategies: number;
  maxLimit: number;
  cacheBytes: number;
  keystone: ResolvedKeystoneConfig | undefined;
}
