// Deletes what the check created and did not see disappear: the backups of
// cases that failed half-way, or that a broken server created when it should
// have refused, and the check's backup strategy. It reports one entry, so
// that a check that leaves something behind says so.
import { userRequest, sendAs, type CheckContext } from './context.js';
import { RUNNING_STATES, type Fixtures } from './fixtures.js';
import type { CaseResult, CheckViolation } from './report.js';
import { decide } from './verdict.js';
import { pollUntil } from './wait.js';

export async function cleanup(ctx: CheckContext, fx: Fixtures): Promise<CaseResult | undefined> {
  const left = [...fx.created].filter((id) => !fx.gone.has(id));
  if (ctx.target === 'mock' || (left.length === 0 && !fx.strategyCreated)) return undefined;
  const startedAt = Date.now();
  const violations: CheckViolation[] = [];
  if (fx.strategyCreated) {
    // Idempotent: 202 also when the strategy case already deleted it.
    await sendAs(ctx, userRequest(ctx, 'DELETE', `/backup_strategies?instance_id=${fx.strategyInstance}`));
  }
  for (const id of left) {
    const settled = await pollUntil(async () => {
      const status = await fx.statusOf(id);
      return status !== undefined && !RUNNING_STATES.includes(status) ? status : undefined;
    }, ctx.timeoutMs);
    if (settled !== 'gone') {
      const { response } = await sendAs(ctx, userRequest(ctx, 'DELETE', `/backups/${id}`));
      if (response.status !== 202 && response.status !== 404) {
        violations.push({ pointer: '', keyword: 'cleanup', message: `DELETE of backup ${id} answered ${response.status}`, expected: 202, actual: response.status });
        continue;
      }
    }
    const gone = await pollUntil(async () => ((await fx.statusOf(id)) === 'gone' ? true : undefined), ctx.timeoutMs);
    if (gone) fx.gone.add(id);
    else violations.push({ pointer: '', keyword: 'cleanup', message: `backup ${id} is still there after its DELETE`, expected: 404 });
  }
  const header = {
    id: 'cleanup',
    section: 'cleanup' as const,
    operation: 'deleteBackup',
    title: `delete what the check left: ${left.length} backup(s)${fx.strategyCreated ? ' and its backup strategy' : ''}`,
  };
  return decide(ctx, header, violations, undefined, Date.now() - startedAt);
}
