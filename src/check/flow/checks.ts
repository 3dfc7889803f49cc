// What the flow's steps compare: fields of a backup with what the check
// knows they must be, and a walked list with the backups it must (or must
// no longer) hold.
import type { Walk } from './pagination.js';
import type { StepScope } from './step.js';

export function expectFields(
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

export function expectListed(s: StepScope, walk: Walk, ids: Record<string, string | undefined>, present: boolean, where: string): void {
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
