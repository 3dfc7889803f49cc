// How to make a real server produce each documented status of each
// operation: one case per (operation, status), run as that status's Dredd
// transaction, plus variants (other ways to the same status, run as copies of
// it). A case either builds its request (arranging server state first when it
// must) or says why it cannot be provoked from outside. Requests that must
// fail never name a real resource, so that a server that wrongly accepts
// them changes nothing that matters.
import type { Operation } from '../contract/spec.js';
import { type CheckContext, JSON_HEADERS, projectPath } from './context.js';
import { backupOf, type Fixtures, type Skip } from './fixtures.js';
import type { Exchange, RequestSpec } from './http.js';

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
  /** The request may change the server: never sent with --read-only. */
  changes: boolean;
  prepare: () => Promise<RequestSpec | Skip>;
  /** Keeps what later cases need from the answer. */
  after?: (exchange: Exchange) => void;
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

function skipped(reason: string): () => Promise<Skip> {
  return () => Promise.resolve({ skip: reason });
}

function ready(spec: RequestSpec): () => Promise<RequestSpec> {
  return () => Promise.resolve(spec);
}

/** Builds the recipes of every operation for one run. */
function recipesFor(ctx: CheckContext, fx: Fixtures): Record<string, Recipes> {
  const headers = { Accept: 'application/json', 'X-Auth-Token': ctx.token };
  const req = (method: string, rest: string, body?: unknown, extra: Record<string, string> = {}, project = ctx.project): RequestSpec => {
    const spec: RequestSpec = { method, path: projectPath(project, rest), headers: { ...headers, ...extra } };
    if (body !== undefined) {
      spec.headers = { ...JSON_HEADERS, 'X-Auth-Token': ctx.token, ...extra };
      spec.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    return spec;
  };
  const withId = (get: () => Promise<string | Skip>, build: (id: string) => RequestSpec) => async () => {
    const id = await get();
    return typeof id === 'string' ? build(id) : id;
  };
  const needsInstance = (build: (instance: string) => RequestSpec) => () =>
    Promise.resolve(ctx.instance ? build(ctx.instance) : { skip: 'needs an instance: pass --instance' });
  const strategyBody = { backup_strategy: { instance_id: fx.strategyInstance, swift_container: 'trove_backups_check' } };
  const doomedBackup = { backup: { name: 'trove-backups-check', instance: fx.unknownId } };

  return {
    listVersions: {
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
    },
    listBackups: {
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
                : { skip: 'needs --admin-token' },
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
    },
    createBackup: {
      202: [
        {
          variant: 'full-backup',
          title: 'create a full backup of --instance (the check deletes it later)',
          rank: RANK.createOwn,
          prepare: needsInstance(() => req('POST', '/backups', fx.newBackupBody('trove-backups-check'))),
          after: ({ response, body }) => {
            const id = backupOf(body)?.id;
            if (response.status === 202 && typeof id === 'string') fx.ownBackup ??= id;
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
          title: 'an incremental backup of --instance on a parent that does not exist',
          prepare: needsInstance((instance) =>
            req('POST', '/backups', { backup: { name: 'trove-backups-check', instance, parent_id: fx.unknownId } }),
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
          title: "another backup of --instance while the check's backup runs",
          rank: RANK.whileRunning,
          prepare: withId(
            () => fx.runningOwnBackup(),
            () => req('POST', '/backups', fx.newBackupBody('trove-backups-check-while-running')),
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
    },
    getBackup: {
      200: [
        {
          variant: 'existing-backup',
          title: 'show a backup',
          rank: RANK.showOwn,
          prepare: withId(
            () => fx.anyBackup(),
            (id) => req('GET', `/backups/${id}`),
          ),
        },
      ],
      404: [
        { variant: 'unknown-backup', title: 'a backup ID that does not exist', prepare: ready(req('GET', `/backups/${fx.unknownId}`)) },
        {
          variant: 'other-project-backup',
          title: "another project's backup (found with the admin token)",
          prepare: withId(
            async () => {
              const other = await fx.otherProjectBackup();
              return 'skip' in other ? other : other.id;
            },
            (id) => req('GET', `/backups/${id}`),
          ),
        },
      ],
    },
    deleteBackup: {
      202: [
        {
          variant: 'completed-backup',
          title: "delete the check's backup once it is COMPLETED",
          rank: RANK.deleteOwn,
          prepare: withId(
            () => fx.completedOwnBackup(),
            (id) => req('DELETE', `/backups/${id}`),
          ),
          after: ({ response }) => {
            if (response.status === 202) fx.ownBackupDeleted = true;
          },
        },
      ],
      404: [
        { variant: 'unknown-backup', title: 'a backup ID that does not exist', prepare: ready(req('DELETE', `/backups/${fx.unknownId}`)) },
      ],
      422: [
        {
          variant: 'running-backup',
          title: "delete the check's backup while it runs",
          rank: RANK.whileRunning,
          prepare: withId(
            () => fx.runningOwnBackup(),
            (id) => req('DELETE', `/backups/${id}`),
          ),
        },
      ],
    },
    listInstanceBackups: {
      200: [
        {
          variant: 'instance',
          title: 'list the backups of --instance',
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
          prepare: ready(req('GET', `/instances/${fx.unknownId}/backups`)),
        },
        {
          variant: 'other-project-instance',
          title: "another project's instance (found with the admin token)",
          prepare: withId(
            async () => {
              const other = await fx.otherProjectBackup();
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
    },
    listBackupStrategies: {
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
    },
    createBackupStrategy: {
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
    },
    deleteBackupStrategies: {
      202: [
        {
          variant: 'instance-strategy',
          title: "delete the check's strategy",
          prepare: ready(req('DELETE', `/backup_strategies?instance_id=${fx.strategyInstance}`)),
        },
      ],
      400: [
        {
          variant: 'empty-project-id',
          title: 'an empty project_id',
          prepare: ready(req('DELETE', `/backup_strategies?instance_id=${fx.strategyInstance}&project_id=`)),
        },
      ],
    },
  };
}

/** The harmless request of an operation, for the statuses any request can get (401, 403). */
function baseRequest(ctx: CheckContext, fx: Fixtures, op: Operation, project: string, token: string | undefined): RequestSpec {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token !== undefined) headers['X-Auth-Token'] = token;
  const rest: Record<string, [string, unknown?]> = {
    listBackups: ['/backups'],
    createBackup: ['/backups', { backup: { name: 'trove-backups-check', instance: fx.unknownId } }],
    getBackup: [`/backups/${fx.unknownId}`],
    deleteBackup: [`/backups/${fx.unknownId}`],
    listInstanceBackups: [`/instances/${ctx.instance ?? fx.unknownId}/backups`],
    listBackupStrategies: ['/backup_strategies'],
    createBackupStrategy: [
      '/backup_strategies',
      { backup_strategy: { instance_id: fx.strategyInstance, swift_container: 'trove_backups_check' } },
    ],
    deleteBackupStrategies: [`/backup_strategies?instance_id=${fx.strategyInstance}`],
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

function genericRecipes(ctx: CheckContext, fx: Fixtures, op: Operation, status: number): Recipe[] | undefined {
  if (status === 401) {
    return [{ variant: 'no-token', title: 'without X-Auth-Token', prepare: ready(baseRequest(ctx, fx, op, ctx.project, undefined)) }];
  }
  if (status === 403) {
    return [
      {
        variant: 'other-project-url',
        title: 'another project in the URL',
        prepare: ready(baseRequest(ctx, fx, op, FOREIGN_PROJECT, ctx.token)),
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
export function planCases(ctx: CheckContext, fx: Fixtures): Case[] {
  const recipes = recipesFor(ctx, fx);
  const cases: Case[] = [];
  for (const op of ctx.validator.operations) {
    for (const statusText of Object.keys(op.operation.responses)) {
      const status = Number(statusText);
      const list = recipes[op.operationId]?.[status] ?? genericRecipes(ctx, fx, op, status);
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
