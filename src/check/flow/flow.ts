// The stateful flow: the life of a backup on a real server, which Dredd's
// one-request-per-status transactions cannot follow. Create a full backup,
// wait until it is COMPLETED, show it, find it in the lists (walking every
// page), build an incremental backup on it, delete it and see both go.
// Against a mock, or read-only, the steps that need state are reported as
// skipped, with the reason; a step whose predecessor failed is skipped,
// naming it, instead of waiting for what cannot come.
import type { CheckContext } from '../context.js';
import { userRequest } from '../context.js';
import type { Outcome } from '../report.js';
import { backupOf, type ResourceLedger, RUNNING_STATES } from '../resources.js';
import { skippedResult } from '../verdict.js';
import { expectFields, expectListed } from './checks.js';
import { walkPages } from './pagination.js';
import { runStep, type StepDefinition, type StepScope } from './step.js';

export const MOCK_REASON = 'a stateless mock cannot keep a created backup';
const READ_ONLY_REASON = 'read-only: the check creates and deletes nothing';
const NO_INSTANCE_REASON = 'needs an instance to back up, and none was given';

interface FlowState {
  full?: string;
  fullBody?: Record<string, unknown>;
  incremental?: string;
}

/** What every step of one flow shares. */
interface Flow {
  ctx: CheckContext;
  ledger: ResourceLedger;
  state: FlowState;
  needsInstance: () => string | undefined;
  writes: () => string | undefined;
}

const LIST = '/backups';
const instanceList = (f: Flow) => `/instances/${f.ctx.instance ?? ''}/backups`;
const finished = (status: number, b: Record<string, unknown> | undefined) => status !== 200 || !RUNNING_STATES.includes(String(b?.status));

function deleteTookEffect({ ledger }: Flow): StepDefinition {
  return {
    id: 'delete-took-effect',
    operation: 'getBackup',
    status: 404,
    title: 'the backup deleted by the deleteBackup 202 case disappears',
    blockedBy: () =>
      ledger.ownBackupDeleted && ledger.ownBackup ? undefined : "the deleteBackup 202 case did not delete a backup of the check's",
    run: async (s) => {
      const id = ledger.ownBackup as string;
      await s.waitForBackup(id, 'gone (404)', 'gone', (status) => status === 404);
      ledger.gone.add(id);
    },
  };
}

/**
 * The instance is busy while a backup of it runs: when the check's own
 * backups may still run, the step waits for them, and a 422 then is the
 * check's doing, not the server's.
 */
async function waitForOwnBackups(s: StepScope, ledger: ResourceLedger): Promise<void> {
  for (const id of ledger.ownBackupsLeft()) {
    const state = s.ctx.waits.hopeless('complete') ? await ledger.stateOf(id) : await ledger.settled(id, 'end (the instance is busy)');
    if (state === undefined || (state.kind === 'status' && RUNNING_STATES.includes(state.status))) {
      s.skip(`the check's own backup ${id} still runs on the instance, which refuses another backup (or a delete) until it ends`);
    }
  }
}

function createFull(f: Flow): StepDefinition {
  const { ctx, ledger, state } = f;
  return {
    id: 'create-full',
    operation: 'createBackup',
    status: 202,
    title: 'create a full backup of the instance',
    blockedBy: f.writes,
    run: async (s) => {
      await waitForOwnBackups(s, ledger);
      const sent = ledger.newBackupBody('trove-backups-check-flow');
      const exchange = await s.send('createBackup', userRequest(ctx, 'POST', '/backups', sent), 202);
      if (exchange.response.status === 422 && ledger.ownBackupsLeft().length > 0) {
        s.skip(
          `the instance is busy (422), and the check's own backup ${ledger.ownBackupsLeft().join(', ')} was on it: not the server's fault`,
        );
      }
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
  };
}

function waitCompleted({ state }: Flow): StepDefinition {
  return {
    id: 'wait-completed',
    operation: 'getBackup',
    status: 200,
    title: 'poll the full backup until it is COMPLETED',
    needs: ['create-full'],
    run: async (s) => {
      const done = await s.waitForBackup(state.full as string, 'COMPLETED', 'complete', finished);
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
        if (backup?.[key] === null) {
          s.violation({
            pointer: `/backup/${key}`,
            keyword: 'state',
            message: `a COMPLETED backup has its ${key}`,
            expected: 'a value',
            actual: null,
          });
        }
      }
    },
  };
}

function show({ ctx, state }: Flow): StepDefinition {
  return {
    id: 'show',
    operation: 'getBackup',
    status: 200,
    title: 'show the full backup: the same backup as created',
    needs: ['create-full'],
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
  };
}

function listPages({ ctx, state }: Flow): StepDefinition {
  return {
    id: 'list-pages',
    operation: 'listBackups',
    status: 200,
    title: `walk every page of the backup list (limit=2, following next links)${ctx.readOnly ? '' : ' and find the full backup'}`,
    run: async (s) => {
      const walk = await walkPages(s, 'listBackups', LIST);
      expectListed(s, walk, { full: state.full }, true, 'the backup list');
    },
  };
}

function listPagesFiltered(f: Flow): StepDefinition {
  const { ctx, state } = f;
  return {
    id: 'list-pages-filtered',
    operation: 'listBackups',
    status: 200,
    title: "walk the backup list filtered by instance_id: only that instance's backups",
    blockedBy: f.needsInstance,
    run: async (s) => {
      const walk = await walkPages(s, 'listBackups', LIST, [['instance_id', ctx.instance as string]]);
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
  };
}

function instanceListPages(f: Flow): StepDefinition {
  return {
    id: 'instance-list-pages',
    operation: 'listInstanceBackups',
    status: 200,
    title: `walk every page of the instance's backup list${f.ctx.readOnly ? '' : ' and find the full backup'}`,
    blockedBy: f.needsInstance,
    run: async (s) => {
      const walk = await walkPages(s, 'listInstanceBackups', instanceList(f));
      expectListed(s, walk, { full: f.state.full }, true, "the instance's backup list");
    },
  };
}

function createIncremental({ ctx, ledger, state }: Flow): StepDefinition {
  return {
    id: 'create-incremental',
    operation: 'createBackup',
    status: 202,
    title: 'create an incremental backup on the full backup (parent_id)',
    needs: ['create-full', 'wait-completed'],
    run: async (s) => {
      const body = ledger.newBackupBody('trove-backups-check-flow-incremental', { parent_id: state.full });
      const exchange = await s.send('createBackup', userRequest(ctx, 'POST', '/backups', body), 202);
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
  };
}

function waitIncremental({ state }: Flow): StepDefinition {
  return {
    id: 'wait-incremental',
    operation: 'getBackup',
    status: 200,
    title: 'poll the incremental backup until it is COMPLETED',
    needs: ['create-incremental'],
    run: async (s) => {
      const done = await s.waitForBackup(state.incremental as string, 'COMPLETED', 'complete', finished);
      expectFields(
        s,
        '/backup',
        backupOf(done.body),
        { status: 'COMPLETED', parent_id: state.full },
        'the incremental backup completes and keeps its parent',
      );
    },
  };
}

function deleteFull({ ctx, ledger, state }: Flow): StepDefinition {
  return {
    id: 'delete',
    operation: 'deleteBackup',
    status: 202,
    title: 'delete the full backup (and with it its incremental child)',
    needs: ['create-full', 'wait-completed'],
    run: async (s) => {
      // A parent cannot be deleted while its child runs: the check's own child is the check's doing.
      await waitForOwnBackups(s, ledger);
      await s.send('deleteBackup', userRequest(ctx, 'DELETE', `/backups/${state.full as string}`), 202);
    },
  };
}

function goneAfterDelete({ ledger, state }: Flow): StepDefinition {
  return {
    id: 'gone-after-delete',
    operation: 'getBackup',
    status: 404,
    title: 'the deleted backup and its child answer 404 (deletion is asynchronous: polled)',
    needs: ['delete'],
    run: async (s) => {
      for (const id of [state.full, state.incremental]) {
        if (!id) continue;
        await s.waitForBackup(id, 'gone (404)', 'gone', (status) => status === 404);
        ledger.gone.add(id);
      }
    },
  };
}

function goneFromLists(f: Flow): StepDefinition {
  return {
    id: 'gone-from-lists',
    operation: 'listBackups',
    status: 200,
    title: 'neither deleted backup is listed any more',
    needs: ['gone-after-delete'],
    run: async (s) => {
      const ids = { full: f.state.full, incremental: f.state.incremental };
      expectListed(s, await walkPages(s, 'listBackups', LIST), ids, false, 'the backup list');
      expectListed(s, await walkPages(s, 'listInstanceBackups', instanceList(f)), ids, false, "the instance's backup list");
    },
  };
}

const STEPS = [
  deleteTookEffect,
  createFull,
  waitCompleted,
  show,
  listPages,
  listPagesFiltered,
  instanceListPages,
  createIncremental,
  waitIncremental,
  deleteFull,
  goneAfterDelete,
  goneFromLists,
];

/** Why a step cannot run because a step it needs did not pass, if one did not. */
function unmetNeed(step: StepDefinition, outcomes: Map<string, Outcome>): string | undefined {
  for (const need of step.needs ?? []) {
    const outcome = outcomes.get(need);
    if (outcome !== 'pass' && outcome !== 'known-deviation') {
      return `needs step ${need}, which ${outcome === 'fail' ? 'failed' : outcome === 'skip' ? 'was skipped' : 'did not run'}`;
    }
  }
  return undefined;
}

export async function runFlow(ctx: CheckContext, ledger: ResourceLedger): Promise<void> {
  const needsInstance = () => (ctx.instance ? undefined : NO_INSTANCE_REASON);
  const flow: Flow = { ctx, ledger, state: {}, needsInstance, writes: () => (ctx.readOnly ? READ_ONLY_REASON : needsInstance()) };
  const outcomes = new Map<string, Outcome>();
  for (const build of STEPS) {
    const step = build(flow);
    // Only one operation's cases: as for Dredd's transactions.
    if (ctx.only !== undefined && step.operation !== ctx.only) continue;
    const header = {
      id: `flow ${step.id}`,
      section: 'flow' as const,
      operation: step.operation,
      status: step.status,
      variant: step.id,
      title: step.title,
    };
    const unmet = ctx.target === 'mock' ? MOCK_REASON : unmetNeed(step, outcomes);
    const result = unmet
      ? skippedResult(header, unmet, ctx.target === 'mock' ? 'untestable' : 'not-covered')
      : await runStep(ctx, ledger, step);
    outcomes.set(step.id, result.outcome);
    ctx.record(result);
  }
}
