// How to make a real server produce each documented status of each
// operation: one case per (operation, status), run as that status's Dredd
// transaction, plus variants (other ways to the same status, run as copies of
// it). A case either builds its request (arranging server state first when it
// must) or says why it cannot be provoked from outside. Requests that must
// fail never name a real resource, so that a server that wrongly accepts
// them changes nothing that matters.
import type { Operation } from '../contract/spec.js';
import { type CheckContext, JSON_HEADERS, projectPath } from './context.js';
import type { Exchange, RequestSpec } from './http.js';
import { backupOf, type ResourceLedger, type Skip } from './resources.js';

export interface Case {
  operation: string;
  status: number;
  /** A short slug for how the status is provoked; unique per (operation, status). */
  variant: string;
  title: string;
  /** The first case of an (operation, status) is Dredd's own transaction; the others are copies of it. */
  primary: boolean;
  /** Lower ranks run first: the order in which state-dependent cases can be provoked. */
  rank: number;
  /** The request may change the server: never sent read-only. */
  changes: boolean;
  prepare: () => Promise<RequestSpec | Skip>;
  /** Keeps what later cases need from the answer. */
  after?: (exchange: Exchange) => void;
  /** Needs the check's backup still running when the request arrives: another answer may be the check's timing. */
  whileOwnBackupRuns?: boolean;
}

export function caseId(c: { operation: string; status: number; variant: string }): string {
  return `${c.operation} ${c.status} ${c.variant}`;
}

/** Ranks: the check's backup is created, provoked while running, shown, then deleted when completed. */
export const RANK = { stateless: 0, createOwn: 10, whileRunning: 20, showOwn: 30, deleteOwn: 40 } as const;

/** A project that is not the token's: Trove refuses it with 403 whatever the caller's role. */
export const FOREIGN_PROJECT = 'trove-backups-check-not-your-project';

type Recipe = Omit<Case, 'operation' | 'status' | 'primary' | 'rank' | 'changes'> & { rank?: number };
type Recipes = Record<number, Recipe[]>;

const SKIPS: Record<number, string> = {
  413: 'needs the backup quota used up or the rate limiter tripped (by default 200 requests a minute per method): the check does not flood a server',
  500: 'an internal error: no valid request provokes it on a working server',
  503: 'needs Keystone to be unreachable',
};

/** A status no request from outside can provoke. */
function skipped(reason: string): () => Promise<Skip> {
  return () => Promise.resolve({ skip: reason, untestable: true });
}

function ready(spec: RequestSpec): () => Promise<RequestSpec> {
  return () => Promise.resolve(spec);
}

/** What every operation's recipes build their requests with, for one run. */
interface Builder {
  ctx: CheckContext;
  ledger: ResourceLedger;
  /** A request as the check's user; `project` another project's URL. */
  req: (method: string, rest: string, body?: unknown, extra?: Record<string, string>, project?: string) => RequestSpec;
  /** A request on a resource found or made first (or the reason it cannot be). */
  withId: (get: () => Promise<string | Skip>, build: (id: string) => RequestSpec) => () => Promise<RequestSpec | Skip>;
  /** A request on the given instance, or skipped without one. */
  needsInstance: (build: (instance: string) => RequestSpec) => () => Promise<RequestSpec | Skip>;
  strategyBody: { backup_strategy: Record<string, unknown> };
  /** A backup of an instance that does not exist: refused, whatever else is wrong with it. */
  doomedBackup: { backup: Record<string, unknown> };
}

function builder(ctx: CheckContext, ledger: ResourceLedger): Builder {
  const headers = { Accept: 'application/json', 'X-Auth-Token': ctx.token };
  return {
    ctx,
    ledger,
    req: (method, rest, body, extra = {}, project = ctx.project) => {
      const spec: RequestSpec = { method, path: projectPath(project, rest), headers: { ...headers, ...extra } };
      if (body !== undefined) {
        spec.headers = { ...JSON_HEADERS, 'X-Auth-Token': ctx.token, ...extra };
        spec.body = typeof body === 'string' ? body : JSON.stringify(body);
      }
      return spec;
    },
    withId: (get, build) => async () => {
      const id = await get();
      return typeof id === 'string' ? build(id) : id;
    },
    needsInstance: (build) => () => Promise.resolve(ctx.instance ? build(ctx.instance) : { skip: 'needs an instance, and none was given' }),
    strategyBody: { backup_strategy: { instance_id: ledger.strategyInstance, swift_container: 'trove_backups_check' } },
    doomedBackup: { backup: { name: 'trove-backups-check', instance: ledger.unknownId } },
  };
}

/** The API versions: the list, and a version the server does not have. */
function recipesOfListVersions(): Recipes {
  return {
    200: [
      {
        variant: 'versions',
        title: 'GET / without a token',
        prepare: ready({ method: 'GET', path: '/', headers: { Accept: 'application/json' } }),
      },
    ],
    406: [
      {
        variant: 'unsupported-version',
        title: 'GET / asking for API version 2.0 in Accept',
        prepare: ready({ method: 'GET', path: '/', headers: { Accept: 'application/vnd.openstack.trove+json;version=2.0' } }),
      },
    ],
  };
}

/** The project's backup list: own and (admin) all projects, refused for another project, bad page parameters, an unknown datastore. */
function recipesOfListBackups({ ctx, req }: Builder): Recipes {
  return {
    200: [
      { variant: 'own-project', title: "list the project's backups", prepare: ready(req('GET', '/backups')) },
      {
        variant: 'all-projects-as-admin',
        title: "list every project's backups with the admin token",
        prepare: () =>
          Promise.resolve(
            ctx.admin
              ? {
                  method: 'GET',
                  path: projectPath(ctx.admin.project, '/backups?all_projects=True'),
                  headers: { Accept: 'application/json', 'X-Auth-Token': ctx.admin.token },
                }
              : { skip: 'needs an admin token, and none was given' },
          ),
      },
    ],
    403: [
      {
        variant: 'other-project-url',
        title: 'another project in the URL',
        prepare: ready(req('GET', '/backups', undefined, {}, FOREIGN_PROJECT)),
      },
      {
        variant: 'all-projects-without-admin',
        title: 'all_projects=True without the admin role',
        prepare: ready(req('GET', '/backups?all_projects=True')),
      },
    ],
    400: [
      { variant: 'non-integer-limit', title: 'limit=abc', prepare: ready(req('GET', '/backups?limit=abc')) },
      { variant: 'non-integer-marker', title: 'marker=abc', prepare: ready(req('GET', '/backups?marker=abc')) },
    ],
    404: [
      {
        variant: 'unknown-datastore',
        title: 'filter by a datastore that does not exist',
        prepare: ready(req('GET', '/backups?datastore=trove-backups-check-no-such-datastore')),
      },
    ],
  };
}

/** Creating a backup: the check's own (the one later cases need), each way a body is refused, the busy instance. */
function recipesOfCreateBackup({ ledger, req, withId, needsInstance, doomedBackup }: Builder): Recipes {
  return {
    202: [
      {
        variant: 'full-backup',
        title: 'create a full backup of the instance (the check deletes it later)',
        rank: RANK.createOwn,
        prepare: needsInstance(() => req('POST', '/backups', ledger.newBackupBody('trove-backups-check'))),
        after: ({ response, body }) => {
          const id = backupOf(body)?.id;
          if (response.status === 202 && typeof id === 'string') ledger.ownBackup ??= id;
        },
      },
    ],
    400: [
      {
        variant: 'invalid-instance-id',
        title: 'an instance ID that is not a UUID',
        prepare: ready(req('POST', '/backups', { backup: { name: 'trove-backups-check', instance: 'not-a-uuid' } })),
      },
      { variant: 'empty-object', title: 'the body {}', prepare: ready(req('POST', '/backups', {})) },
      { variant: 'malformed-json', title: 'a body that is not JSON', prepare: ready(req('POST', '/backups', '{"backup": ')) },
      {
        variant: 'incremental-not-integer',
        title: 'incremental: true instead of 1',
        prepare: ready(req('POST', '/backups', { backup: { ...doomedBackup.backup, incremental: true } })),
      },
    ],
    404: [
      { variant: 'unknown-instance', title: 'an instance that does not exist', prepare: ready(req('POST', '/backups', doomedBackup)) },
      {
        variant: 'unknown-parent',
        title: 'an incremental backup of the instance on a parent that does not exist',
        prepare: needsInstance((instance) =>
          req('POST', '/backups', { backup: { name: 'trove-backups-check', instance, parent_id: ledger.unknownId } }),
        ),
      },
    ],
    415: [
      {
        variant: 'text-plain',
        title: 'a JSON body sent as text/plain',
        prepare: ready(req('POST', '/backups', doomedBackup, { 'Content-Type': 'text/plain' })),
      },
    ],
    422: [
      {
        variant: 'instance-busy',
        title: "another backup of the instance while the check's backup runs",
        rank: RANK.whileRunning,
        whileOwnBackupRuns: true,
        prepare: withId(
          () => ledger.runningOwnBackup(),
          () => req('POST', '/backups', ledger.newBackupBody('trove-backups-check-while-running')),
        ),
      },
    ],
    501: [
      {
        variant: 'not-implemented',
        title: 'a datastore without backups',
        prepare: skipped('needs an instance whose datastore has no backup strategy, or one in a cluster'),
      },
    ],
  };
}

/** Showing a backup: any existing one, an unknown one, another project's. */
function recipesOfGetBackup({ ledger, req, withId }: Builder): Recipes {
  return {
    200: [
      {
        variant: 'existing-backup',
        title: 'show a backup',
        rank: RANK.showOwn,
        prepare: withId(
          () => ledger.anyBackup(),
          (id) => req('GET', `/backups/${id}`),
        ),
      },
    ],
    404: [
      { variant: 'unknown-backup', title: 'a backup ID that does not exist', prepare: ready(req('GET', `/backups/${ledger.unknownId}`)) },
      {
        variant: 'other-project-backup',
        title: "another project's backup (found with the admin token)",
        prepare: withId(
          async () => {
            const other = await ledger.otherProjectBackup();
            return 'skip' in other ? other : other.id;
          },
          (id) => req('GET', `/backups/${id}`),
        ),
      },
    ],
  };
}

/** Deleting a backup: the check's own once completed, an unknown one, its own while running. */
function recipesOfDeleteBackup({ ledger, req, withId }: Builder): Recipes {
  return {
    202: [
      {
        variant: 'completed-backup',
        title: "delete the check's backup once it is COMPLETED",
        rank: RANK.deleteOwn,
        prepare: withId(
          () => ledger.completedOwnBackup(),
          (id) => req('DELETE', `/backups/${id}`),
        ),
        after: ({ response }) => {
          if (response.status === 202) ledger.ownBackupDeleted = true;
        },
      },
    ],
    404: [
      {
        variant: 'unknown-backup',
        title: 'a backup ID that does not exist',
        prepare: ready(req('DELETE', `/backups/${ledger.unknownId}`)),
      },
    ],
    422: [
      {
        variant: 'running-backup',
        title: "delete the check's backup while it runs",
        rank: RANK.whileRunning,
        whileOwnBackupRuns: true,
        prepare: withId(
          () => ledger.runningOwnBackup(),
          (id) => req('DELETE', `/backups/${id}`),
        ),
      },
    ],
  };
}

/** An instance's backup list: the given instance, bad page parameters, unknown and foreign instances. */
function recipesOfListInstanceBackups({ ledger, req, withId, needsInstance }: Builder): Recipes {
  return {
    200: [
      {
        variant: 'instance',
        title: 'list the backups of the instance',
        prepare: needsInstance((i) => req('GET', `/instances/${i}/backups`)),
      },
    ],
    400: [
      {
        variant: 'non-integer-limit',
        title: 'limit=abc',
        prepare: needsInstance((i) => req('GET', `/instances/${i}/backups?limit=abc`)),
      },
      {
        variant: 'non-integer-marker',
        title: 'marker=abc',
        prepare: needsInstance((i) => req('GET', `/instances/${i}/backups?marker=abc`)),
      },
    ],
    404: [
      {
        variant: 'unknown-instance',
        title: 'an instance that does not exist',
        prepare: ready(req('GET', `/instances/${ledger.unknownId}/backups`)),
      },
      {
        variant: 'other-project-instance',
        title: "another project's instance (found with the admin token)",
        prepare: withId(
          async () => {
            const other = await ledger.otherProjectBackup();
            if ('skip' in other) return other;
            return other.instance ?? { skip: "needs another project's instance, and its backup has none" };
          },
          (instance) => req('GET', `/instances/${instance}/backups`),
        ),
      },
    ],
    422: [
      {
        variant: 'no-compute-server',
        title: 'an instance without its compute server',
        prepare: skipped('needs an instance whose compute server is gone'),
      },
    ],
  };
}

/** The project's backup strategies, and the ways a listing is refused. */
function recipesOfListBackupStrategies({ req }: Builder): Recipes {
  return {
    200: [{ variant: 'own-project', title: "list the project's strategies", prepare: ready(req('GET', '/backup_strategies')) }],
    400: [{ variant: 'empty-project-id', title: 'an empty project_id', prepare: ready(req('GET', '/backup_strategies?project_id=')) }],
    403: [
      {
        variant: 'other-project-url',
        title: 'another project in the URL',
        prepare: ready(req('GET', '/backup_strategies', undefined, {}, FOREIGN_PROJECT)),
      },
      {
        variant: 'other-project-query',
        title: 'another project in project_id, without the admin role',
        prepare: ready(req('GET', `/backup_strategies?project_id=${FOREIGN_PROJECT}`)),
      },
    ],
  };
}

/** Creating the check's strategy (on an instance ID of its own), and the ways a body is refused. */
function recipesOfCreateBackupStrategy({ req, strategyBody }: Builder): Recipes {
  return {
    202: [
      {
        variant: 'instance-strategy',
        title: "a strategy for an instance ID of the check's own",
        prepare: ready(req('POST', '/backup_strategies', strategyBody)),
      },
    ],
    400: [
      {
        variant: 'unknown-key',
        title: 'an unknown key in backup_strategy',
        prepare: ready(req('POST', '/backup_strategies', { backup_strategy: { ...strategyBody.backup_strategy, colour: 'blue' } })),
      },
      { variant: 'empty-object', title: 'the body {}', prepare: ready(req('POST', '/backup_strategies', {})) },
    ],
    415: [
      {
        variant: 'text-plain',
        title: 'a JSON body sent as text/plain',
        prepare: ready(req('POST', '/backup_strategies', strategyBody, { 'Content-Type': 'text/plain' })),
      },
    ],
  };
}

/** Deleting the check's strategy, and an empty project_id. */
function recipesOfDeleteBackupStrategies({ ledger, req }: Builder): Recipes {
  return {
    202: [
      {
        variant: 'instance-strategy',
        title: "delete the check's strategy",
        prepare: ready(req('DELETE', `/backup_strategies?instance_id=${ledger.strategyInstance}`)),
      },
    ],
    400: [
      {
        variant: 'empty-project-id',
        title: 'an empty project_id',
        prepare: ready(req('DELETE', `/backup_strategies?instance_id=${ledger.strategyInstance}&project_id=`)),
      },
    ],
  };
}

/** Builds the recipes of every operation for one run. */
function recipesFor(ctx: CheckContext, ledger: ResourceLedger): Record<string, Recipes> {
  const b = builder(ctx, ledger);
  return {
    listVersions: recipesOfListVersions(),
    listBackups: recipesOfListBackups(b),
    createBackup: recipesOfCreateBackup(b),
    getBackup: recipesOfGetBackup(b),
    deleteBackup: recipesOfDeleteBackup(b),
    listInstanceBackups: recipesOfListInstanceBackups(b),
    listBackupStrategies: recipesOfListBackupStrategies(b),
    createBackupStrategy: recipesOfCreateBackupStrategy(b),
    deleteBackupStrategies: recipesOfDeleteBackupStrategies(b),
  };
}

/** The harmless request of an operation, for the statuses any request can get (401, 403). */
function baseRequest(ctx: CheckContext, ledger: ResourceLedger, op: Operation, project: string, token: string | undefined): RequestSpec {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token !== undefined) headers['X-Auth-Token'] = token;
  const rest: Record<string, [string, unknown?]> = {
    listBackups: ['/backups'],
    createBackup: ['/backups', { backup: { name: 'trove-backups-check', instance: ledger.unknownId } }],
    getBackup: [`/backups/${ledger.unknownId}`],
    deleteBackup: [`/backups/${ledger.unknownId}`],
    listInstanceBackups: [`/instances/${ctx.instance ?? ledger.unknownId}/backups`],
    listBackupStrategies: ['/backup_strategies'],
    createBackupStrategy: [
      '/backup_strategies',
      { backup_strategy: { instance_id: ledger.strategyInstance, swift_container: 'trove_backups_check' } },
    ],
    deleteBackupStrategies: [`/backup_strategies?instance_id=${ledger.strategyInstance}`],
  };
  const found = rest[op.operationId];
  if (!found) throw new Error(`the check has no base request for ${op.operationId}`);
  const spec: RequestSpec = { method: op.method.toUpperCase(), path: projectPath(project, found[0]), headers };
  if (found[1] !== undefined) {
    headers['Content-Type'] = 'application/json';
    spec.body = JSON.stringify(found[1]);
  }
  return spec;
}

function genericRecipes(ctx: CheckContext, ledger: ResourceLedger, op: Operation, status: number): Recipe[] | undefined {
  if (status === 401) {
    return [{ variant: 'no-token', title: 'without X-Auth-Token', prepare: ready(baseRequest(ctx, ledger, op, ctx.project, undefined)) }];
  }
  if (status === 403) {
    return [
      {
        variant: 'other-project-url',
        title: 'another project in the URL',
        prepare: ready(baseRequest(ctx, ledger, op, FOREIGN_PROJECT, ctx.token)),
      },
    ];
  }
  const reason = SKIPS[status];
  return reason ? [{ variant: `not-provoked-${status}`, title: `status ${status}`, prepare: skipped(reason) }] : undefined;
}

/**
 * Every case of the contract: for each documented status of each operation,
 * the recipe of the operation, else the generic one for that status. A
 * status without either is a bug of the check (the tests look for it).
 */
export function planCases(ctx: CheckContext, ledger: ResourceLedger): Case[] {
  const recipes = recipesFor(ctx, ledger);
  const cases: Case[] = [];
  for (const op of ctx.validator.operations) {
    for (const statusText of Object.keys(op.operation.responses)) {
      const status = Number(statusText);
      const list = recipes[op.operationId]?.[status] ?? genericRecipes(ctx, ledger, op, status);
      if (!list) throw new Error(`the check does not know how to provoke ${op.operationId} ${status}`);
      list.forEach((recipe, i) => {
        cases.push({
          ...recipe,
          operation: op.operationId,
          status,
          primary: i === 0,
          rank: recipe.rank ?? RANK.stateless,
          changes: op.method !== 'get',
        });
      });
    }
  }
  return cases;
}
