// Stateful properties over random sequences of create / show / list (every
// page) / delete on the given instance, checked against a model of what
// the sequence did: a created backup shows up exactly once across all
// pages, with the same fields in show and in the list; a deleted backup
// never comes back once gone; pages neither repeat nor skip; `updated`
// never goes backwards; statuses only move along the documented lifecycle.
import fc from 'fast-check';
import { userRequest } from '../context.js';
import { walkPages } from '../flow/pagination.js';
import type { StepScope } from '../flow/step.js';
import type { RequestSpec } from '../http.js';
import { backupOf, RUNNING_STATES } from '../resources.js';

/** The fields a backup keeps for life: show and list must agree on them. */
const STABLE = ['id', 'name', 'description', 'instance_id', 'parent_id', 'created', 'project_id'];

/** Where each status may go next (Trove's lifecycle, spec BackupStatus). */
const NEXT: Record<string, string[]> = {
  NEW: ['NEW', 'BUILDING', 'SAVING', 'COMPLETED', 'FAILED'],
  BUILDING: ['BUILDING', 'SAVING', 'COMPLETED', 'FAILED'],
  SAVING: ['SAVING', 'COMPLETED', 'FAILED'],
  COMPLETED: ['COMPLETED', 'DELETE_FAILED'],
  FAILED: ['FAILED', 'DELETE_FAILED'],
  DELETE_FAILED: ['DELETE_FAILED'],
  RESTORED: ['RESTORED', 'DELETE_FAILED'],
};

interface Known {
  fields: Record<string, unknown>;
  status?: string;
  updated?: string;
  deleted: boolean;
  goneSeen: boolean;
}

export interface Model {
  backups: Map<string, Known>;
}

/** The system under test: one scope per sequence, which judges every answer and collects violations. */
export interface Real {
  scope: StepScope;
}

function sendLogged(real: Real, operation: string, spec: RequestSpec, expected: number | undefined) {
  return real.scope.send(operation, spec, expected);
}

function fail(real: Real): void {
  const v = real.scope.violations[0];
  if (v) throw new Error(`${v.where ?? ''} at ${v.pointer || '(response)'} [${v.keyword}]: ${v.message}`);
}

/** Compares what the server says of a backup now with what the model saw before. */
function observe(real: Real, known: Known, backup: Record<string, unknown>, pointer: string, where: string): void {
  const s = real.scope;
  for (const key of STABLE) {
    if (key in known.fields && backup[key] !== known.fields[key]) {
      s.violation({
        pointer: `${pointer}/${key}`,
        keyword: 'stateful',
        message: `${where} gives another ${key} than before`,
        expected: known.fields[key],
        actual: backup[key],
      });
    }
  }
  const updated = typeof backup.updated === 'string' ? backup.updated : undefined;
  if (updated && known.updated && updated < known.updated) {
    s.violation({
      pointer: `${pointer}/updated`,
      keyword: 'stateful',
      message: `${where}: updated went backwards`,
      expected: `at least ${known.updated}`,
      actual: updated,
    });
  }
  if (updated) known.updated = updated;
  const status = typeof backup.status === 'string' ? backup.status : undefined;
  if (status && known.status && !(NEXT[known.status] ?? []).includes(status)) {
    s.violation({
      pointer: `${pointer}/status`,
      keyword: 'stateful',
      message: `${where}: the status moved from ${known.status} to ${status}, which the lifecycle does not allow`,
      expected: NEXT[known.status],
      actual: status,
    });
  }
  if (status) known.status = status;
}

class Create implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly name: string,
    readonly description: string,
  ) {}
  check(m: Readonly<Model>) {
    return m.backups.size < 3;
  }
  async run(m: Model, real: Real) {
    const body = { backup: { name: this.name, description: this.description, instance: real.scope.ctx.instance } };
    const exchange = await sendLogged(real, 'createBackup', userRequest(real.scope.ctx, 'POST', '/backups', body), undefined);
    const backup = backupOf(exchange.body);
    // 422: the instance is busy with a backup (this sequence's or an earlier one's): a documented refusal.
    if (exchange.response.status === 202 && typeof backup?.id === 'string') {
      const fields = Object.fromEntries(STABLE.filter((k) => k in backup).map((k) => [k, backup[k]]));
      const known: Known = { fields, deleted: false, goneSeen: false };
      if (typeof backup.status === 'string') known.status = backup.status;
      if (typeof backup.updated === 'string') known.updated = backup.updated;
      m.backups.set(backup.id, known);
    } else if (exchange.response.status !== 422) {
      real.scope.violation({
        pointer: '',
        keyword: 'stateful',
        message: 'a valid backup of the instance was neither created (202) nor refused as busy (422)',
        expected: [202, 422],
        actual: exchange.response.status,
      });
    }
    fail(real);
  }
  toString() {
    return `create(${JSON.stringify(this.name)}, ${JSON.stringify(this.description)})`;
  }
}

class Show implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check(m: Readonly<Model>) {
    return m.backups.size > 0;
  }
  async run(m: Model, real: Real) {
    const [id, known] = [...m.backups][this.pick % m.backups.size] as [string, Known];
    const exchange = await sendLogged(real, 'getBackup', userRequest(real.scope.ctx, 'GET', `/backups/${id}`), undefined);
    const backup = backupOf(exchange.body);
    if (exchange.response.status === 404) {
      if (!known.deleted)
        real.scope.violation({
          pointer: '',
          keyword: 'stateful',
          message: `backup ${id} is gone, and nobody deleted it`,
          expected: 200,
          actual: 404,
        });
      known.goneSeen = true;
    } else if (known.goneSeen) {
      real.scope.violation({
        pointer: '',
        keyword: 'stateful',
        message: `the deleted backup ${id} came back`,
        expected: 404,
        actual: exchange.response.status,
      });
    } else if (backup) {
      observe(real, known, backup, '/backup', 'show');
    }
    fail(real);
  }
  toString() {
    return `show(#${this.pick})`;
  }
}

class List implements fc.AsyncCommand<Model, Real> {
  constructor(readonly limit: number) {}
  check() {
    return true;
  }
  async run(m: Model, real: Real) {
    const walk = await walkPages(real.scope, 'listBackups', '/backups', [], this.limit);
    if (walk.complete) {
      for (const [id, known] of m.backups) {
        const items = walk.backups.filter((b) => b.id === id);
        if (items.length === 0 && !known.deleted) {
          real.scope.violation({
            pointer: '/backups',
            keyword: 'stateful',
            message: `the created backup ${id} is on no page (${walk.pages} pages of ${this.limit})`,
            expected: `one item with id ${id}`,
          });
        }
        if (items.length > 0 && known.goneSeen) {
          real.scope.violation({
            pointer: '/backups',
            keyword: 'stateful',
            message: `the deleted backup ${id} came back in the list`,
            expected: `no item with id ${id}`,
            actual: id,
          });
        }
        if (items[0] && !known.goneSeen) observe(real, known, items[0], '/backups/*', 'the list');
      }
    }
    fail(real);
  }
  toString() {
    return `list(limit=${this.limit})`;
  }
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check(m: Readonly<Model>) {
    return [...m.backups.values()].some((b) => !b.deleted);
  }
  async run(m: Model, real: Real) {
    const live = [...m.backups].filter(([, b]) => !b.deleted);
    const [id, known] = live[this.pick % live.length] as [string, Known];
    const exchange = await sendLogged(real, 'deleteBackup', userRequest(real.scope.ctx, 'DELETE', `/backups/${id}`), undefined);
    if (exchange.response.status === 202) known.deleted = true;
    else if (!(exchange.response.status === 422 && (known.status === undefined || RUNNING_STATES.includes(known.status)))) {
      real.scope.violation({
        pointer: '',
        keyword: 'stateful',
        message: `DELETE of the backup ${id} (${known.status ?? 'status unknown'}) was neither accepted (202) nor refused as running (422)`,
        expected: [202, 422],
        actual: exchange.response.status,
      });
    }
    fail(real);
  }
  toString() {
    return `delete(#${this.pick})`;
  }
}

const NAME = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,40}$/);
// The contract: 1 to 255 characters, at least one a letter or digit.
const DESCRIPTION = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,_-]{0,80}$/).filter((d) => d.trim() === d);

const create = fc
  .tuple(NAME, DESCRIPTION)
  .map(([n, d]) => new Create(`trove-backups-check-gen ${n}`, `generated by trove-backups check: ${d}`));

/** A sequence: a create first (a sequence without a backup proves little), then any commands. */
export const sequences = fc
  .tuple(
    create,
    fc.commands(
      [
        create,
        fc.nat(10).map((i) => new Show(i)),
        fc.integer({ min: 1, max: 4 }).map((l) => new List(l)),
        fc.nat(10).map((i) => new Delete(i)),
      ],
      { maxCommands: 8 },
    ),
  )
  .map(([first, rest]) => ({ first, rest, toString: () => [String(first), String(rest)].join(',') }));
