// The server state that some documented statuses need before they can be
// provoked: a backup of the check's own (running, for the 422s; completed,
// for the 202 of delete), any existing backup (for the 200 of show), another
// project's backup (for its 404). Each is made or found on first use, and
// everything the check creates is remembered for the cleanup.
import { randomUUID } from 'node:crypto';
import { type CheckContext, projectPath, sendAs, userRequest } from './context.js';
import type { Exchange } from './http.js';
import { pollUntil } from './wait.js';

/** Why a case cannot run now. */
export interface Skip {
  skip: string;
}

export const RUNNING_STATES = ['NEW', 'BUILDING', 'SAVING'];
export const END_STATES = ['COMPLETED', 'FAILED', 'DELETE_FAILED', 'RESTORED'];

export function backupOf(body: unknown): Record<string, unknown> | undefined {
  const backup = (body as { backup?: unknown } | undefined)?.backup;
  return backup !== null && typeof backup === 'object' ? (backup as Record<string, unknown>) : undefined;
}

export class Fixtures {
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

  constructor(private readonly ctx: CheckContext) {}

  /** Remembers what an answer created, whichever case sent it. */
  observe(operation: string, exchange: Exchange): void {
    if (operation === 'createBackup' && exchange.response.status === 202) {
      const id = backupOf(exchange.body)?.id;
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

  /** The backup status, 'gone' after a 404, or undefined for any other answer. */
  async statusOf(id: string): Promise<string | undefined> {
    const { response, body } = await sendAs(this.ctx, userRequest(this.ctx, 'GET', `/backups/${id}`));
    if (response.status === 404) return 'gone';
    const status = backupOf(body)?.status;
    return response.status === 200 && typeof status === 'string' ? status : undefined;
  }

  async ensureOwnBackup(): Promise<string | Skip> {
    if (this.ownBackup) return this.ownBackup;
    if (!this.ctx.instance) return { skip: "needs a backup of the check's own: pass --instance" };
    if (this.ctx.readOnly) return { skip: '--read-only: the check creates no backup' };
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
    const status = await this.statusOf(id);
    if (status !== undefined && RUNNING_STATES.includes(status)) return id;
    return {
      skip: `needs a running backup, and the check's backup ${id} is ${status ?? 'not readable'} already: the server completed it too fast to provoke this`,
    };
  }

  async completedOwnBackup(): Promise<string | Skip> {
    const id = await this.ensureOwnBackup();
    if (typeof id !== 'string') return id;
    const status = await pollUntil(async () => {
      const s = await this.statusOf(id);
      return s !== undefined && !RUNNING_STATES.includes(s) ? s : undefined;
    }, this.ctx.timeoutMs);
    if (status === 'COMPLETED') return id;
    return {
      skip: `needs a completed backup, and the check's backup ${id} is ${status ?? `still running after ${this.ctx.timeoutMs / 1000} s`}`,
    };
  }

  /** The check's backup if there is one, else the first backup the project lists. */
  async anyBackup(): Promise<string | Skip> {
    if (this.ownBackup && !this.ownBackupDeleted) return this.ownBackup;
    const { body } = await sendAs(this.ctx, userRequest(this.ctx, 'GET', '/backups?limit=1'));
    const first = (body as { backups?: { id?: unknown }[] } | undefined)?.backups?.[0]?.id;
    return typeof first === 'string'
      ? first
      : { skip: 'needs a backup to show, and the project lists none (pass --instance to let the check create one)' };
  }

  /** A backup of another project (and its instance), found with the admin token. */
  async otherProjectBackup(): Promise<{ id: string; instance?: string } | Skip> {
    const admin = this.ctx.admin;
    if (!admin) return { skip: "needs another project's backup: pass --admin-token to let the check find one" };
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
