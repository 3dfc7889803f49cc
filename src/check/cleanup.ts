// Deletes what the check created and did not see disappear: the backups of
// cases that failed half-way, or that a broken server created when it should
// have refused, and the check's backup strategy. It reports one entry, so
// that a check that leaves something behind says so. All the waiting shares
// one --timeout, so that a server that never deletes costs it only once.
import { type CheckContext, sendAs, userRequest } from './context.js';
import { type Fixtures, RUNNING_STATES } from './fixtures.js';
import type { CaseResult, CheckViolation } from './report.js';
import { decide } from './verdict.js';
import { pollUntil } from './wait.js';

export async function cleanup(ctx: CheckContext, fx: Fixtures): Promise<CaseResult | undefined> {
  const left = [...fx.created].filter((id) => !fx.gone.has(id));
  if (ctx.target === 'mock' || (left.length === 0 && !fx.strategyCreated)) return undefined;
  const startedAt = Date.now();
  const violations: CheckViolation[] = [];
  if (fx.strategyCreated) {
    const { response } = await sendAs(ctx, userRequest(ctx, 'DELETE', `/backup_strategies?instance_id=${fx.strategyInstance}`));
    if (response.status !== 202) {
      violations.push({
        pointer: '',
        keyword: 'cleanup',
        message: `DELETE of the check's backup strategy answered ${response.status}`,
        expected: 202,
        actual: response.status,
      });
    }
  }

  // A running backup cannot be deleted: wait until each has ended.
  const settled = await pollUntil(async () => {
    const states = await Promise.all(left.map((id) => fx.statusOf(id)));
    return states.every((s) => s !== undefined && !RUNNING_STATES.includes(s)) ? states : undefined;
  }, ctx.timeoutMs);
  for (const [i, id] of left.entries()) {
    if (settled?.[i] === 'gone') continue;
    const { response } = await sendAs(ctx, userRequest(ctx, 'DELETE', `/backups/${id}`));
    // 404: deleted meanwhile, with its parent.
    if (response.status !== 202 && response.status !== 404) {
      violations.push({
        pointer: '',
        keyword: 'cleanup',
        message: `DELETE of backup ${id} answered ${response.status}`,
        expected: 202,
        actual: response.status,
      });
    }
  }
  const remaining = new Set(left);
  await pollUntil(async () => {
    for (const id of [...remaining]) {
      if ((await fx.statusOf(id)) === 'gone') {
        remaining.delete(id);
        fx.gone.add(id);
      }
    }
    return remaining.size === 0 ? true : undefined;
  }, ctx.timeoutMs);
  for (const id of remaining) {
    violations.push({
      pointer: '',
      keyword: 'cleanup',
      message: `backup ${id} is still there after its DELETE: delete it by hand`,
      expected: 404,
    });
  }

  const what = [left.length > 0 ? `${left.length} backup(s)` : '', fx.strategyCreated ? 'its backup strategy' : '']
    .filter(Boolean)
    .join(' and ');
  return decide(
    ctx,
    { id: 'cleanup', section: 'cleanup', operation: 'deleteBackup', title: `delete what the check left: ${what}` },
    violations,
    undefined,
    Date.now() - startedAt,
  );
}
