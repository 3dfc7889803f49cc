// The stateful flow: the life of a backup on a real server, which Dredd's
// one-request-per-status transactions cannot follow. Create a full backup,
// wait until it is COMPLETED, show it, find it in the lists (walking every
// page), build an incremental backup on it, delete it and see both go.
// Against a mock, or with --read-only, the steps that need state are
// reported as skipped, with the reason.
import type { CheckContext } from '../context.js';
import { userRequest } from '../context.js';
import { backupOf, type Fixtures, RUNNING_STATES } from '../fixtures.js';
import { skippedResult } from '../verdict.js';
import { type Walk, walkPages } from './pagination.js';
import { runStep, type StepDefinition, type StepScope } from './step.js';

export const MOCK_REASON = 'a stateless mock cannot keep a created backup';
const READ_ONLY_REASON = '--read-only: the check creates and deletes nothing';

interface FlowState {
  full?: string;
  fullBody?: Record<string, unknown>;
  incremental?: string;
  deleted?: boolean;
}

/** Compares fields of a backup with what the check knows they must be. */
function expectFields(
  s: StepScope,
  pointer: string,
  actual: Record<string, unknown> | undefined,
  expected: Record<string, unknown>,
  why: string,
): void {
  for (const [key, value] of Object.entries(expected)) {
    if (actual?.[key] !== value) {
      s.violation({ pointer: `${pointer}/${key}`, keyword: 'state', message: why, expected: value, actual: actual?.[key] });
    }
  }
}

function expectListed(s: StepScope, walk: Walk, ids: Record<string, string | undefined>, present: boolean, where: string): void {
  if (!walk.complete) return;
  for (const [name, id] of Object.entries(ids)) {
    if (!id) continue;
    const count = walk.backups.filter((b) => b.id === id).length;
    if (present && count === 0) {
      s.violation({
        pointer: '/backups',
        keyword: 'state',
        message: `the ${name} backup ${id} is not in ${where} (${walk.pages} pages walked)`,
        expected: `an item with id ${id}`,
      });
    }
    if (!present && count > 0) {
      s.violation({
        pointer: '/backups',
        keyword: 'state',
        message: `the deleted ${name} backup ${id} is still in ${where}`,
        expected: `no item with id ${id}`,
        actual: id,
      });
    }
  }
}

function steps(ctx: CheckContext, fx: Fixtures, state: FlowState): StepDefinition[] {
  const needsInstance = () => (ctx.instance ? undefined : 'needs an instance to back up: pass --instance');
  const writes = () => (ctx.readOnly ? READ_ONLY_REASON : needsInstance());
  const needsFull = () => writes() ?? (state.full ? undefined : 'needs the full backup of step create-full');
  const listRest = '/backups';
  const instanceRest = () => `/instances/${ctx.instance ?? ''}/backups`;
  const beforeDelete = (what: string) => (state.deleted ? `the check deleted its backups already (${what})` : undefined);

  return [
    {
      id: 'delete-took-effect',
      operation: 'getBackup',
      status: 404,
      title: 'the backup deleted by the deleteBackup 202 case disappears',
      blockedBy: () =>
        fx.ownBackupDeleted && fx.ownBackup ? undefined : "the deleteBackup 202 case did not delete a backup of the check's",
      run: async (s) => {
        const id = fx.ownBackup as string;
        await s.waitForBackup(id, 'gone (404)', (status) => status === 404);
        fx.gone.add(id);
      },
    },
    {
      id: 'create-full',
      operation: 'createBackup',
      status: 202,
      title: 'create a full backup of --instance',
      blockedBy: writes,
      run: async (s) => {
        const sent = fx.newBackupBody('trove-backups-check-flow');
        const exchange = await s.send('createBackup', userRequest(ctx, 'POST', '/backups', sent), 202);
        const backup = backupOf(exchange.body);
        if (exchange.response.status === 202 && typeof backup?.id === 'string') {
          state.full = backup.id;
          state.fullBody = backup;
        }
        s.stopIfFailed();
        expectFields(
          s,
          '/backup',
          backup,
          {
            name: sent.backup.name,
            description: sent.backup.description,
            instance_id: ctx.instance,
            parent_id: null,
            status: 'NEW',
            project_id: ctx.project,
          },
          'a new backup must echo the request, be NEW and have no parent',
        );
        if (backup && backup.datastore === undefined) {
          s.violation({
            pointer: '/backup/datastore',
            keyword: 'state',
            message: 'a backup created through the API has a datastore',
            expected: 'an object',
          });
        }
      },
    },
    {
      id: 'wait-completed',
      operation: 'getBackup',
      status: 200,
      title: 'poll the full backup until it is COMPLETED',
      blockedBy: needsFull,
      run: async (s) => {
        const done = await s.waitForBackup(
          state.full as string,
          'COMPLETED',
          (status, b) => status !== 200 || !RUNNING_STATES.includes(String(b?.status)),
        );
        const backup = backupOf(done.body);
        if (done.response.status !== 200 || backup?.status !== 'COMPLETED') {
          s.abort({
            pointer: '/backup/status',
            keyword: 'state',
            message: 'the backup did not complete',
            expected: 'COMPLETED',
            actual: backup?.status ?? done.response.status,
          });
        }
        for (const key of ['locationRef', 'size']) {
          if (backup?.[key] === null)
            s.violation({
              pointer: `/backup/${key}`,
              keyword: 'state',
              message: `a COMPLETED backup has its ${key}`,
              expected: 'a value',
              actual: null,
            });
        }
      },
    },
    {
      id: 'show',
      operation: 'getBackup',
      status: 200,
      title: 'show the full backup: the same backup as created',
      blockedBy: needsFull,
      run: async (s) => {
        const exchange = await s.send('getBackup', userRequest(ctx, 'GET', `/backups/${state.full as string}`), 200);
        s.stopIfFailed();
        const { id, name, description, instance_id, created, project_id } = state.fullBody ?? {};
        expectFields(
          s,
          '/backup',
          backupOf(exchange.body),
          { id, name, description, instance_id, created, project_id },
          'show must give the backup as it was created',
        );
      },
    },
    {
      id: 'list-pages',
      operation: 'listBackups',
      status: 200,
      title: `walk every page of the backup list (limit=2, following next links)${ctx.readOnly ? '' : ' and find the full backup'}`,
      run: async (s) => {
        const walk = await walkPages(s, 'listBackups', listRest);
        expectListed(s, walk, { full: state.full }, true, 'the backup list');
      },
    },
    {
      id: 'list-pages-filtered',
      operation: 'listBackups',
      status: 200,
      title: "walk the backup list filtered by instance_id: only that instance's backups",
      blockedBy: needsInstance,
      run: async (s) => {
        const walk = await walkPages(s, 'listBackups', listRest, [['instance_id', ctx.instance as string]]);
        walk.backups.forEach((b, i) => {
          if (b.instance_id !== ctx.instance) {
            s.violation({
              pointer: `/backups/${i}/instance_id`,
              keyword: 'state',
              message: "the list filtered by instance_id holds another instance's backup",
              expected: ctx.instance,
              actual: b.instance_id,
            });
          }
        });
        expectListed(s, walk, { full: state.full }, true, 'the list filtered by instance_id');
      },
    },
    {
      id: 'instance-list-pages',
      operation: 'listInstanceBackups',
      status: 200,
      title: `walk every page of the instance's backup list${ctx.readOnly ? '' : ' and find the full backup'}`,
      blockedBy: needsInstance,
      run: async (s) => {
        const walk = await walkPages(s, 'listInstanceBackups', instanceRest());
        expectListed(s, walk, { full: state.full }, true, "the instance's backup list");
      },
    },
    {
      id: 'create-incremental',
      operation: 'createBackup',
      status: 202,
      title: 'create an incremental backup on the full backup (parent_id)',
      blockedBy: needsFull,
      run: async (s) => {
        const exchange = await s.send(
          'createBackup',
          userRequest(ctx, 'POST', '/backups', fx.newBackupBody('trove-backups-check-flow-incremental', { parent_id: state.full })),
          202,
        );
        const backup = backupOf(exchange.body);
        if (exchange.response.status === 202 && typeof backup?.id === 'string') state.incremental = backup.id;
        s.stopIfFailed();
        expectFields(
          s,
          '/backup',
          backup,
          { parent_id: state.full, status: 'NEW', instance_id: ctx.instance },
          'an incremental backup names its parent',
        );
      },
    },
    {
      id: 'wait-incremental',
      operation: 'getBackup',
      status: 200,
      title: 'poll the incremental backup until it is COMPLETED',
      blockedBy: () => needsFull() ?? (state.incremental ? undefined : 'needs the backup of step create-incremental'),
      run: async (s) => {
        const done = await s.waitForBackup(
          state.incremental as string,
          'COMPLETED',
          (status, b) => status !== 200 || !RUNNING_STATES.includes(String(b?.status)),
        );
        expectFields(
          s,
          '/backup',
          backupOf(done.body),
          { status: 'COMPLETED', parent_id: state.full },
          'the incremental backup completes and keeps its parent',
        );
      },
    },
    {
      id: 'delete',
      operation: 'deleteBackup',
      status: 202,
      title: 'delete the full backup (and with it its incremental child)',
      blockedBy: () => needsFull() ?? beforeDelete('delete'),
      run: async (s) => {
        await s.send('deleteBackup', userRequest(ctx, 'DELETE', `/backups/${state.full as string}`), 202);
        state.deleted = s.last?.response.status === 202;
      },
    },
    {
      id: 'gone-after-delete',
      operation: 'getBackup',
      status: 404,
      title: 'the deleted backup and its child answer 404 (deletion is asynchronous: polled)',
      blockedBy: () => needsFull() ?? (state.deleted ? undefined : 'needs the delete of step delete'),
      run: async (s) => {
        for (const id of [state.full, state.incremental]) {
          if (!id) continue;
          await s.waitForBackup(id, 'gone (404)', (status) => status === 404);
          fx.gone.add(id);
        }
      },
    },
    {
      id: 'gone-from-lists',
      operation: 'listBackups',
      status: 200,
      title: 'neither deleted backup is listed any more',
      blockedBy: () => needsFull() ?? (state.deleted ? undefined : 'needs the delete of step delete'),
      run: async (s) => {
        const ids = { full: state.full, incremental: state.incremental };
        expectListed(s, await walkPages(s, 'listBackups', listRest), ids, false, 'the backup list');
        expectListed(s, await walkPages(s, 'listInstanceBackups', instanceRest()), ids, false, "the instance's backup list");
      },
    },
  ];
}

export async function runFlow(ctx: CheckContext, fx: Fixtures): Promise<void> {
  const state: FlowState = {};
  for (const step of steps(ctx, fx, state)) {
    // --only reports the one operation's cases, as for Dredd's transactions.
    if (ctx.only !== undefined && step.operation !== ctx.only) continue;
    if (ctx.target === 'mock') {
      ctx.record(
        skippedResult(
          { id: `flow ${step.id}`, section: 'flow', operation: step.operation, status: step.status, variant: step.id, title: step.title },
          MOCK_REASON,
        ),
      );
      continue;
    }
    ctx.record(await runStep(ctx, fx, step));
  }
}
