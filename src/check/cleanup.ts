// Deletes what the check created and did not see disappear: the backups of
// cases that failed half-way, or that a broken server created when it should
// have refused, and the check's backup strategy. It reports one entry, so
// that a check that leaves something behind says so. It runs after a stop
// too, with a budget of its own (ctx.signal), and it does not wait for what
// the run already saw the server fail to do.
import type { CheckContext } from './context.js';
import { sendAs, userRequest } from './context.js';
import type { CaseResult, CheckViolation } from './report.js';
import type { ResourceLedger } from './resources.js';
import { decide } from './verdict.js';
import { pollUntil } from './wait.js';

function cleanupViolation(message: string, expected: unknown, actual?: unknown): CheckViolation {
  const v: CheckViolation = { pointer: '', keyword: 'cleanup', message, expected };
  if (actual !== undefined) v.actual = actual;
  return v;
}

async function deleteStrategy(ctx: CheckContext, ledger: ResourceLedger, violations: CheckViolation[]): Promise<void> {
  const { response } = await sendAs(ctx, userRequest(ctx, 'DELETE', `/backup_strategies?instance_id=${ledger.strategyInstance}`));
  if (response.status === 202) ledger.strategyCreated = false;
  else violations.push(cleanupViolation(`DELETE of the check's backup strategy answered ${response.status}`, 202, response.status));
}

/** A running backup cannot be deleted: waits until each has ended (or cannot be read), then deletes it. */
async function deleteBackups(ctx: CheckContext, ledger: ResourceLedger, left: string[], violations: CheckViolation[]): Promise<string[]> {
  const deleted: string[] = [];
  for (const id of left) {
    const state = ctx.waits.hopeless('complete') ? await ledger.stateOf(id) : await ledger.settled(id, 'end before its cleanup');
    if (state?.kind === 'gone') {
      ledger.gone.add(id);
      continue;
    }
    // 422: still running (a server whose backups cannot be read gives no other sign): asked again until it ends.
    const answered = await pollUntil(
      async () => {
        const { response } = await sendAs(ctx, userRequest(ctx, 'DELETE', `/backups/${id}`));
        return response.status === 422 ? undefined : response.status;
      },
      { timeoutMs: ctx.timeoutMs, signal: ctx.signal },
    );
    const status = answered ?? 422;
    // 404: deleted meanwhile, with its parent.
    if (status === 404) ledger.gone.add(id);
    else if (status === 202) deleted.push(id);
    else violations.push(cleanupViolation(`DELETE of backup ${id} answered ${status}: delete it by hand`, 202, status));
  }
  return deleted;
}

async function confirmGone(ctx: CheckContext, ledger: ResourceLedger, deleted: string[], violations: CheckViolation[]): Promise<void> {
  const unobservable = (await ledger.deletionUnobservable()) ?? ctx.waits.hopeless('gone');
  const remaining = new Set(deleted);
  if (!unobservable) {
    await pollUntil(
      async () => {
        for (const id of [...remaining]) {
          if ((await ledger.stateOf(id)).kind === 'gone') {
            remaining.delete(id);
            ledger.gone.add(id);
          }
        }
        return remaining.size === 0 ? true : undefined;
      },
      { timeoutMs: ctx.timeoutMs, signal: ctx.signal, onWait: (elapsedMs) => ctx.progress?.({ waitingFor: 'the cleanup', elapsedMs }) },
    );
  }
  for (const id of remaining) {
    violations.push(
      cleanupViolation(
        `backup ${id} ${unobservable ? `may still be there after its DELETE (${unobservable})` : 'is still there after its DELETE'}: check, and delete it by hand`,
        404,
      ),
    );
  }
}

export async function cleanup(ctx: CheckContext, ledger: ResourceLedger): Promise<CaseResult | undefined> {
  const left = ledger.ownBackupsLeft();
  if (ctx.target === 'mock' || (left.length === 0 && !ledger.strategyCreated)) return undefined;
  const startedAt = Date.now();
  const what = [left.length > 0 ? `${left.length} backup(s)` : '', ledger.strategyCreated ? 'its backup strategy' : '']
    .filter(Boolean)
    .join(' and ');
  const violations: CheckViolation[] = [];
  try {
    if (ledger.strategyCreated) await deleteStrategy(ctx, ledger, violations);
    await confirmGone(ctx, ledger, await deleteBackups(ctx, ledger, left, violations), violations);
  } catch (err) {
    violations.push(cleanupViolation(`the cleanup did not finish: ${(err as Error).message}`, 'an answer'));
  }
  const stillLeft = ledger.ownBackupsLeft().filter((id) => !violations.some((v) => v.message.includes(id)));
  if (ctx.signal.aborted && stillLeft.length > 0) {
    violations.push(cleanupViolation(`the cleanup ran out of time: backups ${stillLeft.join(', ')} may be left: delete them by hand`, 404));
  }
  return decide(
    ctx,
    { id: 'cleanup', section: 'cleanup', operation: 'deleteBackup', title: `delete what the check left: ${what}` },
    violations,
    undefined,
    Date.now() - startedAt,
  );
}
