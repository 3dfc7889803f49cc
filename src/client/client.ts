// createBackupsClient: one method per operation of the contract, typed from
// generated/openapi.d.ts and sent through openapi-fetch.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../generated/openapi.js';
import { PlainRequest, plainFetch, receivedOf, requestFetch } from './bridge.js';
import { type BackupsClientOptions, isDotSegment, resolveOptions, timeoutOf } from './options.js';
import { allBackups, toPage } from './pagination.js';
import { expectOk, jsonBody } from './results.js';
import { createSender, type Received } from './transport.js';
import type {
  ApiVersion,
  Backup,
  BackupList,
  BackupPage,
  BackupStrategy,
  BackupStrategyQuery,
  CreateBackup,
  CreateBackupStrategy,
  CreateIncrementalBackup,
  ListBackupsQuery,
  ListInstanceBackupsQuery,
  Query,
  RestoreBackup,
} from './types.js';
import { type WaitForBackupOptions, waitForBackup } from './wait.js';

/** Options of a single call. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Replaces the client's timeoutMs for this call (each HTTP exchange of it). */
  timeoutMs?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

export interface BackupsClient {
  /** The project the client works in. */
  readonly projectId: string;
  /** The API root the spec's paths are appended to (the endpoint without `/v1.0/<project_id>`). */
  readonly baseUrl: string;
  /**
   * The openapi-fetch client on the same root, token, timeout and retries, for
   * anything the methods do not cover. Paths are the spec's, so pass
   * `project_id: client.projectId`. It answers `{ data, error, response }` and does not throw for an error status.
   */
  readonly raw: Client<paths>;

  /** `GET /`: the API versions the server offers (needs no token, but the client sends it). */
  listVersions(options?: CallOptions): Promise<ApiVersion[]>;
  /** `GET /backups`: one page of the project's backups, newest first. `nextMarker` is the next page's `marker`. */
  list(query?: Query<ListBackupsQuery>, options?: CallOptions): Promise<BackupPage>;
  /** `GET /instances/{instanceId}/backups`: one page of an instance's backups. */
  listForInstance(instanceId: string, query?: Query<ListInstanceBackupsQuery>, options?: CallOptions): Promise<BackupPage>;
  /** Every backup matching `query`, following the pages (`limit` is the page size, `marker` where to start). */
  listAll(query?: Query<ListBackupsQuery>, options?: CallOptions): AsyncGenerator<Backup, void, undefined>;
  /** Every backup of an instance, following the pages. */
  listAllForInstance(
    instanceId: string,
    query?: Query<ListInstanceBackupsQuery>,
    options?: CallOptions,
  ): AsyncGenerator<Backup, void, undefined>;
  /** `GET /backups/{backupId}`. */
  get(backupId: string, options?: CallOptions): Promise<Backup>;
  /** `POST /backups`: starts a backup (status `NEW`), or records one with `restore_from`. Never retried on its own. */
  create(backup: CreateBackup, options?: CallOptions): Promise<Backup>;
  /** `POST /backups` for an incremental backup: on `parent_id` when given, otherwise `incremental: 1` (on the instance's newest completed backup). */
  createIncremental(backup: CreateIncrementalBackup, options?: CallOptions): Promise<Backup>;
  /** `POST /backups` with `restore_from`: records an existing backup file (status `RESTORED`). */
  restore(backup: RestoreBackup, options?: CallOptions): Promise<Backup>;
  /** `DELETE /backups/{backupId}`: deletes the backup and its incremental children, asynchronously. */
  delete(backupId: string, options?: CallOptions): Promise<void>;
  /** `GET /backup_strategies`: the strategies of the project, or of one instance. */
  listStrategies(query?: Query<BackupStrategyQuery>, options?: CallOptions): Promise<BackupStrategy[]>;
  /** `POST /backup_strategies`: sets the Swift container of the project, or of one instance (replacing the one there is). */
  createStrategy(strategy: CreateBackupStrategy, options?: CallOptions): Promise<BackupStrategy>;
  /** `DELETE /backup_strategies`: removes the strategy of one instance (`instance_id`), or the project's one. */
  deleteStrategy(query?: Query<BackupStrategyQuery>, options?: CallOptions): Promise<void>;
  /** Polls the backup until its status is one of `until` (default COMPLETED); rejects when it fails, on timeout and on abort. */
  waitForBackup(backupId: string, options?: WaitForBackupOptions): Promise<Backup>;
}

export function createBackupsClient(options: BackupsClientOptions): BackupsClient {
  const resolved = resolveOptions(options);
  const { baseUrl, projectId, headers } = resolved;
  const send = createSender(resolved);
  const raw = createClient<paths>({ baseUrl, headers, fetch: requestFetch(send) });
  const api = createClient<paths>({ baseUrl, headers, fetch: plainFetch(send), Request: PlainRequest as unknown as typeof Request });
  const project = { project_id: projectId };

  // What every call passes to openapi-fetch besides its parameters: read the body as text (the client parses it).
  const init = (o: CallOptions = {}) => ({
    parseAs: 'text' as const,
    // (checked here, inside the async methods, so that a bad value rejects)
    timeoutMs: timeoutOf(o.timeoutMs),
    signal: o.signal ?? null,
    headers: o.headers ?? {},
  });
  type Call = Promise<{ response: Response }>;
  const done = async (call: Call): Promise<Received> => receivedOf((await call).response);
  // The value under `key` of the JSON body, such as the backup of {"backup": {...}}.
  const field = async <T>(call: Call, key: string, kind: 'object' | 'array'): Promise<T> =>
    jsonBody<Record<string, T>>(await done(call), key, kind)[key] as T;
  const pageOf = async (call: Call) => {
    const received = await done(call);
    return { page: toPage(jsonBody<BackupList>(received, 'backups', 'array'), received), received };
  };

  const listPage = async (query: Query<ListBackupsQuery> | undefined, o?: CallOptions) =>
    pageOf(api.GET('/v1.0/{project_id}/backups', { params: { path: project, query: exact<ListBackupsQuery>(query) }, ...init(o) }));
  const instancePage = async (instanceId: string, query: Query<ListInstanceBackupsQuery> | undefined, o?: CallOptions) =>
    pageOf(
      api.GET('/v1.0/{project_id}/instances/{instanceId}/backups', {
        params: { path: { ...project, instanceId: id('instanceId', instanceId) }, query: exact<ListInstanceBackupsQuery>(query) },
        ...init(o),
      }),
    );
  const post = async (backup: CreateBackup, o?: CallOptions) =>
    field<Backup>(api.POST('/v1.0/{project_id}/backups', { params: { path: project }, body: { backup }, ...init(o) }), 'backup', 'object');
  const get = async (backupId: string, o?: CallOptions) =>
    field<Backup>(
      api.GET('/v1.0/{project_id}/backups/{backupId}', {
        params: { path: { ...project, backupId: id('backupId', backupId) } },
        ...init(o),
      }),
      'backup',
      'object',
    );

  return {
    projectId,
    baseUrl,
    raw,
    listVersions: async (o) => field<ApiVersion[]>(api.GET('/', init(o)), 'versions', 'array'),
    list: async (query, o) => (await listPage(query, o)).page,
    listForInstance: async (instanceId, query, o) => (await instancePage(instanceId, query, o)).page,
    // (a marker of undefined is left out of the URL, as every undefined key)
    listAll: (query, o) => allBackups((marker) => listPage({ ...query, marker }, o), query?.marker),
    listAllForInstance: (instanceId, query, o) => allBackups((marker) => instancePage(instanceId, { ...query, marker }, o), query?.marker),
    get,
    create: post,
    createIncremental: async (backup, o) => post(backup.parent_id === undefined ? { ...backup, incremental: 1 } : backup, o),
    restore: post,
    delete: async (backupId, o) =>
      expectOk(
        await done(
          api.DELETE('/v1.0/{project_id}/backups/{backupId}', {
            params: { path: { ...project, backupId: id('backupId', backupId) } },
            ...init(o),
          }),
        ),
      ),
    listStrategies: async (query, o) =>
      field<BackupStrategy[]>(
        api.GET('/v1.0/{project_id}/backup_strategies', {
          params: { path: project, query: exact<BackupStrategyQuery>(query) },
          ...init(o),
        }),
        'backup_strategies',
        'array',
      ),
    createStrategy: async (strategy, o) =>
      field<BackupStrategy>(
        api.POST('/v1.0/{project_id}/backup_strategies', { params: { path: project }, body: { backup_strategy: strategy }, ...init(o) }),
        'backup_strategy',
        'object',
      ),
    deleteStrategy: async (query, o) =>
      expectOk(
        await done(
          api.DELETE('/v1.0/{project_id}/backup_strategies', {
            params: { path: project, query: exact<BackupStrategyQuery>(query) },
            ...init(o),
          }),
        ),
      ),
    waitForBackup: async (backupId, o) => waitForBackup((backup, signal) => get(backup, { signal }), id('backupId', backupId), o),
  };
}

// Undefined keys are left out of the URL by openapi-fetch: the loose query is the exact one.
const exact = <Q>(query: Query<Q> | undefined): Q => (query ?? {}) as Q;

// An empty, dot-segment or non-string ID would address another resource (DELETE /backups/ ...).
function id(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || isDotSegment(value))
    throw new TypeError(`${name} must be a non-empty string, not ${JSON.stringify(value)}`);
  return value;
}
