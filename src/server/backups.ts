// The backup operations, as Trove's BackupController and Backup model do
// them (trove/backup/service.py, models.py), on the in-memory state.
import { type BackupRecord, isRunning, stateAt } from './backup-record.js';
import { checkBackupRoom } from './capacity.js';
import type { InstanceConfig } from './config-types.js';
import type { BackupView, Caller, ReferenceState } from './state.js';
import { notFound, TroveFault } from './trove-fault.js';

export interface ListFilters {
  datastore?: string | undefined;
  instanceId?: string | undefined;
  projectId?: string | undefined;
  allProjects?: boolean;
}

export interface CreateBackupData {
  name: string;
  instance?: string;
  description?: string;
  parent_id?: string;
  incremental?: number;
  swift_container?: string;
  storage_driver?: string;
  restore_from?: { remote_location: string; local_datastore_version_id: string; size: number };
}

/** oslo's strutils.bool_from_string. */
export function boolFromString(value: string | undefined): boolean {
  return ['1', 't', 'true', 'on', 'y', 'yes'].includes((value ?? '').trim().toLowerCase());
}

export function listBackups(state: ReferenceState, caller: Caller, filters: ListFilters): BackupRecord[] {
  const { projectId, allProjects = false, instanceId, datastore } = filters;
  if ((projectId || allProjects) && !caller.isAdmin) {
    throw new TroveFault(403, "Policy doesn't allow backup:index:all_projects to be performed.");
  }
  let versions: Set<string> | undefined;
  if (datastore) {
    const found = state.findDatastore(datastore);
    if (!found) throw new TroveFault(404, `Datastore '${datastore}' cannot be found.`);
    versions = new Set(found.versions.map((v) => v.id));
  }
  const owner = projectId || (allProjects ? undefined : caller.projectId);
  return state.newestFirst(
    (r) =>
      (owner === undefined || r.projectId === owner) &&
      (!instanceId || r.instanceId === instanceId) &&
      (!versions || (r.datastoreVersionId !== null && versions.has(r.datastoreVersionId))),
  );
}

/** The backup's view, as JSON. */
export function showBackup(state: ReferenceState, caller: Caller, id: string): string {
  const record = state.visibleBackup(caller, id);
  if (!record) throw notFound(id);
  return state.viewJson(record);
}

/** An instance's backups: every project's for an admin, else the caller's (list_for_instance). */
export function instanceBackups(state: ReferenceState, caller: Caller, instanceId: string): BackupRecord[] {
  if (!state.visibleInstance(caller, instanceId)) throw notFound(instanceId);
  return backupsOfInstance(state, caller, instanceId);
}

function backupsOfInstance(state: ReferenceState, caller: Caller, instanceId: string): BackupRecord[] {
  return state.newestFirst((r) => r.instanceId === instanceId && (caller.isAdmin || r.projectId === caller.projectId));
}

function checkQuota(state: ReferenceState, caller: Caller): void {
  const quota = state.config.backupQuota;
  if (quota === null) return;
  let used = 0;
  for (const r of state.backups.values()) if (!r.deleted && r.projectId === caller.projectId) used += 1;
  if (used + 1 > quota) throw new TroveFault(413, "Quota exceeded for resources: ['backups'].");
}

// Instance.validate_can_perform_action: the server must be ACTIVE or HEALTHY,
// and no backup of the instance (of any project) may be running.
function checkInstanceCanAct(state: ReferenceState, instance: Required<InstanceConfig>): void {
  const busy = (status: string) =>
    new TroveFault(
      422,
      `Instance ${instance.id} is not currently available for an action to be performed (instance status was ${status}).`,
    );
  if (!['ACTIVE', 'HEALTHY'].includes(instance.status)) throw busy(instance.status);
  const now = state.now();
  for (const r of state.backups.values()) {
    if (!r.deleted && r.instanceId === instance.id && isRunning(r, now)) throw busy('BACKUP');
  }
}

// get_last_completed: the newest COMPLETED backup among the first page of the
// instance's backups (full or incremental; RESTORED ones have no instance).
function lastCompleted(state: ReferenceState, caller: Caller, instanceId: string): BackupRecord | undefined {
  const now = state.now();
  const firstPage = backupsOfInstance(state, caller, instanceId).slice(0, state.config.pageSize);
  return firstPage.find((r) => stateAt(r, now).status === 'COMPLETED');
}

function swiftContainerFor(state: ReferenceState, caller: Caller, data: CreateBackupData): string {
  if (data.swift_container) return data.swift_container;
  const mine = state.strategies.filter((s) => s.project_id === caller.projectId);
  return (
    (mine.find((s) => s.instance_id === data.instance) ?? mine.find((s) => s.instance_id === ''))?.swift_container ??
    state.config.swiftContainer
  );
}

/** Creates a backup (202 with status NEW), or a RESTORED record for restore_from. */
export function createBackup(state: ReferenceState, caller: Caller, data: CreateBackupData): BackupView {
  const now = state.now();
  const base = {
    id: state.newId(),
    name: data.name,
    description: data.description ?? null,
    projectId: caller.projectId,
    createdAt: now,
    deleted: false,
  };

  if (data.restore_from) {
    const { local_datastore_version_id: versionId, remote_location: location, size } = data.restore_from;
    if (!state.versions.has(versionId)) throw new TroveFault(400, `Datastore version '${versionId}' cannot be found.`);
    checkQuota(state, caller);
    checkBackupRoom(state, caller.projectId);
    const record = state.insert({
      ...base,
      instanceId: null,
      parentId: data.parent_id ?? null,
      datastoreVersionId: versionId,
      progress: { kind: 'fixed', status: 'RESTORED', updatedAt: now, size, locationRef: location },
    });
    return state.view(record, now);
  }

  const instanceId = data.instance as string;
  const instance = state.visibleInstance(caller, instanceId);
  if (!instance) throw notFound(instanceId);
  checkInstanceCanAct(state, instance);
  const version = state.versions.get(instance.datastore_version_id)!;
  if (!version.datastore.backup_supported) {
    throw new TroveFault(501, `The 'backup_create' operation is not supported for the '${version.datastore.name}' datastore.`);
  }
  let parentId: string | null = null;
  if (data.parent_id) {
    if (!state.visibleBackup(caller, data.parent_id)) throw notFound(data.parent_id);
    parentId = data.parent_id;
  } else if (data.incremental) {
    parentId = lastCompleted(state, caller, instanceId)?.id ?? null;
  }
  checkQuota(state, caller);
  checkBackupRoom(state, caller.projectId);

  // Before 23.0.0 Trove ignores storage_driver: every backup goes to Swift.
  const cinder = data.storage_driver === 'cinder' && state.behaviour.storageDriver;
  const { newMs, buildingMs } = state.config.timings;
  const storage = state.config.storageUrl.replace('{project_id}', caller.projectId);
  const record = state.insert({
    ...base,
    instanceId,
    parentId,
    datastoreVersionId: version.id,
    progress: {
      kind: 'running',
      buildingAt: now + newMs,
      doneAt: now + newMs + buildingMs,
      outcome: instance.fail_backups ? 'FAILED' : 'COMPLETED',
      buildingSize: cinder ? 0 : instance.backup_size,
      completedSize: cinder ? instance.volume_size : instance.backup_size,
      locationRef: cinder ? `cinder://${state.newId()}` : `${storage}/${swiftContainerFor(state, caller, data)}/${base.id}.xbstream.gz.enc`,
    },
  });
  // The answer shows the row as inserted, whatever the timings.
  return state.view(record, now);
}

const DAY_MS = 86_400_000;

// A running backup cannot be deleted; since 25.0.0 only while it is younger
// than running_backups_expires whole days (a hung one can go). Real 25.0.0
// and 26.0.0 answer 500 there (naive minus aware datetime): this server
// follows the rule the code means, as the contract does.
function refusesDeletion(state: ReferenceState, record: BackupRecord, now: number): boolean {
  if (!isRunning(record, now)) return false;
  if (!state.behaviour.expiringRunningBackups) return true;
  return Math.floor((now - record.createdAt) / DAY_MS) < state.config.runningBackupsExpires;
}

/**
 * Deletes a backup and, first, its children, depth-first (Backup.delete). A
 * running backup is 422 (see refusesDeletion); children already deleted stay
 * deleted. A child the caller cannot see is skipped, as Trove skips its NotFound.
 */
export function deleteBackup(state: ReferenceState, caller: Caller, id: string): void {
  if (!state.visibleBackup(caller, id)) throw notFound(id);
  const now = state.now();
  for (const node of descendantsFirst(state, id)) {
    const record = state.visibleBackup(caller, node);
    if (!record) continue;
    if (refusesDeletion(state, record, now)) throw new TroveFault(422, `Backup ${node} cannot be deleted because it is running.`);
    state.remove(node);
  }
}

// The backup's tree in post-order (children before their parent), without
// recursion so that a long chain of incremental backups cannot overflow the
// stack, and visiting each backup once even if seeded parents form a cycle.
function descendantsFirst(state: ReferenceState, root: string): string[] {
  const children = new Map<string, string[]>();
  for (const r of state.backups.values()) {
    if (r.deleted || r.parentId === null) continue;
    const siblings = children.get(r.parentId);
    if (siblings) siblings.push(r.id);
    else children.set(r.parentId, [r.id]);
  }
  const order: string[] = [];
  const seen = new Set([root]);
  const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const kids = children.get(top.id) ?? [];
    if (top.next < kids.length) {
      const child = kids[top.next++]!;
      if (!seen.has(child)) {
        seen.add(child);
        stack.push({ id: child, next: 0 });
      }
    } else {
      order.push(top.id);
      stack.pop();
    }
  }
  return order;
}
