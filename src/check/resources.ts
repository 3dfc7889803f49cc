// The resource ledger of a run: the server resources that some documented
// statuses need before they can be provoked (a backup of the check's own,
// running for the 422s and completed for the 202 of delete; any existing
// backup for the 200 of show; another project's backup for its 404), made or
// found on first use, and everything the check created, for the cleanup.
import { randomUUID } from 'node:crypto';
import { type CheckContext, projectPath, sendAs, userRequest } from './context.js';
import type { Exchange } from './http.js';
import { pollUntil } from './wait.js';

/** Why a case cannot run now. */
export interface Skip {
  skip: string;
  /** No request from outside can provoke it (not a gap the user can close). */
  untestable?: boolean;
}

export type BackupState = { kind: 'status'; status: string } | { kind: 'gone' } | { kind: 'unreadable'; why: string };

export const NEEDS_INSTANCE = "needs a backup of the check's own: give an instance to back up";
export const READ_ONLY_SKIP = 'read-only: the check creates no backup';

export const RUNNING_STATES = ['NEW', 'BUILDING', 'SAVING'];
export const END_STATES = ['COMPLETED', 'FAILED', 'DELETE_FAILED', 'RESTORED'];

export function backupOf(body: unknown): Record<string, unknown> | undefined {
  const backup = (body as { backup?: unknown } | undefined)?.backup;
  return backup !== null && typeof backup === 'object' ? (backup as Record<string, unknown>) : undefined;
}

export class ResourceLedger {
  /** An ID no server has: for the 404s, and for requests that must not touch a real resource. */
  readonly unknownId = randomUUID();
  /** The instance of the check's backup strategy: Trove does not check it, so no real strategy is touched. */
  readonly strategyInstance = randomUUID();
  /** Backups this check created, and those it saw disappear. */
  readonly created = new Set<string>();
  readonly gone = new Set<string>();
  /** The backup the check works on in the documented-status cases. */
  ownBackup: string | undefined;
  /** Set once the check deleted its own backup (deleteBackup 202). */
  ownBackupDeleted = false;
  /** Set once the check created its backup strategy. */
  strategyCreated = false;

  #deletionCheck: Promise<string | undefined> | undefined;

  constructor(private readonly ctx: CheckContext) {}

  /** Remembers what an answer created, whichever case sent it. */
  observe(operation: string, exchange: Exchange): void {
    if (operation === 'createBackup' && exchange.response.status === 202) {
      // A bare backup (no envelope) breaks the contract, but the check still cleans it up.
      const id = backupOf(exchange.body)?.id ?? (exchange.body as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string') this.created.add(id);
    }
    if (operation === 'createBackupStrategy' && exchange.response.status === 202) this.strategyCreated = true;
    if (
      operation === 'deleteBackupStrategies' &&
      exchange.response.status === 202 &&
      exchange.request.path.includes(`instance_id=${this.strategyInstance}`)
    ) {
      this.strategyCreated = false;
    }
  }

  newBackupBody(name: string, extra: Record<string, unknown> = {}): { backup: Record<string, unknown> } {
    return {
      backup: {
        name,
        instance: this.ctx.instance,
        description: 'Created by trove-backups check, which deletes it again.',
        ...extra,
      },
    };
  }

  /** What the server says of a backup: its status, gone (404), or why the answer says neither. */
  async stateOf(id: string): Promise<BackupState> {
    const { response, body } = await sendAs(this.ctx, userRequest(this.ctx, 'GET', `/backups/${id}`));
    if (response.status === 404) return { kind: 'gone' };
    const status = backupOf(body)?.status;
    if (response.status === 200 && typeof status === 'string') return { kind: 'status', status };
    return {
      kind: 'unreadable',
      why: `GET of backup ${id} answered ${response.status} without a backup status${response.status === 200 ? ' (no {"backup": {"status": ...}} in the body)' : ''}`,
    };
  }

  /** Polls a backup until it is no longer running; undefined when time ran out or the run stopped. */
  async settled(id: string, what: string): Promise<BackupState | undefined> {
    return pollUntil(
      async () => {
        const state = await this.stateOf(id);
        return state.kind === 'status' && RUNNING_STATES.includes(state.status) ? undefined : state;
      },
      {
        timeoutMs: this.ctx.timeoutMs,
        signal: this.ctx.signal,
        onWait: (elapsedMs) => this.ctx.progress?.({ waitingFor: `backup ${id} to ${what}`, elapsedMs }),
      },
    );
  }

  async ensureOwnBackup(): Promise<string | Skip> {
    if (this.ownBackup) return this.ownBackup;
    if (!this.ctx.instance) return { skip: NEEDS_INSTANCE };
    if (this.ctx.readOnly) return { skip: READ_ONLY_SKIP };
    const exchange = await sendAs(this.ctx, userRequest(this.ctx, 'POST', '/backups', this.newBackupBody('trove-backups-check')));
    this.observe('createBackup', exchange);
    const id = backupOf(exchange.body)?.id;
    if (exchange.response.status !== 202 || typeof id !== 'string') {
      return { skip: `could not create a backup to work on: createBackup answered ${exchange.response.status}` };
    }
    this.ownBackup = id;
    return id;
  }

  async runningOwnBackup(): Promise<string | Skip> {
    const id = await this.ensureOwnBackup();
    if (typeof id !== 'string') return id;
    const state = await this.stateOf(id);
    if (state.kind === 'status' && RUNNING_STATES.includes(state.status)) return id;
    return {
      skip:
        state.kind === 'unreadable'
          ? `needs a running backup, and the check cannot read the state of its backup: ${state.why}`
          : `needs a running backup, and the check's backup ${id} is ${state.kind === 'gone' ? 'gone' : state.status} already: the server completed it too fast to provoke this`,
    };
  }

  async completedOwnBackup(): Promise<string | Skip> {
    const id = await this.ensureOwnBackup();
    if (typeof id !== 'string') return id;
    const hopeless = this.ctx.waits.hopeless('complete');
    if (hopeless) return { skip: `needs a completed backup, and ${hopeless}` };
    const state = await this.settled(id, 'complete');
    if (state?.kind === 'status' && state.status === 'COMPLETED') return id;
    if (state === undefined && !this.ctx.stop.stopped) {
      this.ctx.waits.timedOut('complete', `the server did not complete backup ${id} within ${this.ctx.timeoutMs / 1000} s`);
    }
    const now =
      state === undefined
        ? this.ctx.stop.stopped
          ? 'still running when the run stopped'
          : `still running after ${this.ctx.timeoutMs / 1000} s`
        : state.kind === 'status'
          ? state.status
          : state.kind === 'gone'
            ? 'gone'
            : `unreadable (${state.why})`;
    return { skip: `needs a completed backup, and the check's backup ${id} is ${now}` };
  }

  /**
   * Why the server's answers cannot show a deletion, if they cannot: a
   * server that answers a backup that does not exist with anything but 404
   * would keep every deleted backup "there", and a wait for it to go would
   * only run out of time. Asked once per run.
   */
  async deletionUnobservable(): Promise<string | undefined> {
    if (this.#deletionCheck === undefined) {
      this.#deletionCheck = (async () => {
        const { response } = await sendAs(this.ctx, userRequest(this.ctx, 'GET', `/backups/${this.unknownId}`));
        return response.status === 404
          ? undefined
          : `the server answers ${response.status} for a backup that does not exist (GET /backups/${this.unknownId}), so a deletion cannot be seen`;
      })();
    }
    return this.#deletionCheck;
  }

  /**
   * Why an answer to a request that needed the check's backup running may
   * be the check's timing, not the server's fault: the backup ended before
   * the request arrived (it is in an end state now). A backup that is gone
   * proves nothing: the server may have deleted it while it ran.
   */
  async endedMeanwhile(): Promise<string | undefined> {
    const id = this.ownBackup;
    if (!id) return undefined;
    const state = await this.stateOf(id);
    if (state.kind !== 'status' || RUNNING_STATES.includes(state.status)) return undefined;
    return `the check's backup ${id} ended (${state.status}) before the request arrived: the server completed it too fast to provoke this`;
  }

  /** Backups of the check's that may still run on its instance (they make the instance busy: 422). */
  ownBackupsLeft(): string[] {
    return [...this.created].filter((id) => !this.gone.has(id));
  }

  /** The check's backup if there is one, else the first backup the project lists. */
  async anyBackup(): Promise<string | Skip> {
    if (this.ownBackup && !this.ownBackupDeleted) return this.ownBackup;
    const { body } = await sendAs(this.ctx, userRequest(this.ctx, 'GET', '/backups?limit=1'));
    const first = (body as { backups?: { id?: unknown }[] } | undefined)?.backups?.[0]?.id;
    return typeof first === 'string'
      ? first
      : { skip: 'needs a backup to show, and the project lists none (give an instance to let the check create one)' };
  }

  /** A backup of another project (and its instance), found with the admin token. */
  async otherProjectBackup(): Promise<{ id: string; instance?: string } | Skip> {
    const admin = this.ctx.admin;
    if (!admin) return { skip: "needs another project's backup: give an admin token to let the check find one" };
    const { response, body } = await sendAs(this.ctx, {
      method: 'GET',
      path: projectPath(admin.project, '/backups?all_projects=True'),
      headers: { Accept: 'application/json', 'X-Auth-Token': admin.token },
    });
    const backups = (body as { backups?: { id?: unknown; project_id?: unknown; instance_id?: unknown }[] } | undefined)?.backups ?? [];
    const others = backups.filter((b) => typeof b.id === 'string' && b.project_id !== this.ctx.project);
    const other = others.find((b) => typeof b.instance_id === 'string') ?? others[0];
    if (other)
      return typeof other.instance_id === 'string' ? { id: other.id as string, instance: other.instance_id } : { id: other.id as string };
    return { skip: `needs another project's backup, and the admin listing (${response.status}) shows none` };
  }
}
