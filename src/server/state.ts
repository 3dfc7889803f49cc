// The server's in-memory state: datastores, instances, backups and backup
// strategies, built from a resolved configuration. Node runs one handler at
// a time and every change below is synchronous, so concurrent requests
// cannot interleave inside a change.
import { randomUUID } from 'node:crypto';
import type { components } from '../../generated/openapi.js';
import { type BackupRecord, parseTroveTime, stateAt, troveTime } from './backup-record.js';
import type { BackupStrategyConfig, DatastoreConfig, InstanceConfig, ResolvedConfig } from './config-types.js';
import { type ReleaseBehaviour, releaseBehaviour } from './trove-release.js';

export type BackupView = components['schemas']['Backup'];
export type BackupStrategyView = components['schemas']['BackupStrategy'];

export interface Caller {
  projectId: string;
  isAdmin: boolean;
}

interface VersionEntry {
  id: string;
  name: string;
  datastore: Required<DatastoreConfig>;
}

export class ReferenceState {
  readonly config: ResolvedConfig;
  /** Where the configured Trove release differs from the others. */
  readonly behaviour: ReleaseBehaviour;
  readonly now: () => number;
  readonly backups = new Map<string, BackupRecord>();
  readonly instances = new Map<string, Required<InstanceConfig>>();
  readonly versions = new Map<string, VersionEntry>();
  /** In creation order, as Trove's table returns them; an upsert keeps the place. */
  readonly strategies: Required<BackupStrategyConfig>[] = [];
  #seq = 0;
  /** How many backups and strategies each project holds: the projects counted by maxProjects. */
  readonly #held = new Map<string, number>();
  /** Goes up with every insert and delete of a backup (the response cache's key). */
  version = 0;

  constructor(config: ResolvedConfig, clock: () => number = Date.now) {
    this.config = config;
    this.behaviour = releaseBehaviour(config.trove);
    this.now = clock;
    for (const datastore of config.datastores) {
      for (const v of datastore.versions) this.versions.set(v.id, { ...v, datastore });
    }
    for (const instance of config.instances) this.instances.set(instance.id, instance);
    for (const b of config.backups) {
      const createdAt = parseTroveTime(b.created);
      this.insert({
        id: b.id,
        name: b.name,
        description: b.description ?? null,
        projectId: b.project_id,
        instanceId: b.instance_id ?? null,
        parentId: b.parent_id ?? null,
        datastoreVersionId: b.datastore_version_id ?? null,
        createdAt,
        deleted: b.deleted ?? false,
        progress: {
          kind: 'fixed',
          status: b.status,
          updatedAt: b.updated ? parseTroveTime(b.updated) : createdAt,
          size: b.size ?? null,
          locationRef: b.locationRef ?? null,
        },
      });
    }
    for (const s of config.backupStrategies) this.addStrategy({ ...s });
  }

  admitsProject(projectId: string): boolean {
    return this.#held.has(projectId) || this.#held.size < this.config.maxProjects;
  }

  #hold(projectId: string, change: 1 | -1): void {
    const count = (this.#held.get(projectId) ?? 0) + change;
    if (count > 0) this.#held.set(projectId, count);
    else this.#held.delete(projectId);
  }

  addStrategy(strategy: Required<BackupStrategyConfig>): void {
    this.strategies.push(strategy);
    this.#hold(strategy.project_id, 1);
  }

  removeStrategy(index: number): void {
    const [removed] = this.strategies.splice(index, 1);
    if (removed) this.#hold(removed.project_id, -1);
  }

  newId(): string {
    let id = randomUUID();
    while (this.backups.has(id)) id = randomUUID();
    return id;
  }

  insert(record: Omit<BackupRecord, 'seq'>): BackupRecord {
    const stored = { ...record, seq: this.#seq++ };
    this.backups.set(stored.id, stored);
    this.#hold(stored.projectId, 1);
    this.version += 1;
    return stored;
  }

  remove(id: string): void {
    const record = this.backups.get(id);
    if (!record) return;
    this.backups.delete(id);
    this.#hold(record.projectId, -1);
    this.version += 1;
  }

  /** When the next backup moves to its next status, after `now` (Infinity when none runs). */
  nextChangeAt(now: number): number {
    let next = Infinity;
    for (const r of this.backups.values()) {
      const p = r.progress;
      if (p.kind !== 'running' || r.deleted) continue;
      if (now < p.buildingAt) next = Math.min(next, p.buildingAt);
      else if (now < p.doneAt) next = Math.min(next, p.doneAt);
    }
    return next;
  }

  /** A live backup the caller may see: its own project's, or any for an admin (Trove's find_by). */
  visibleBackup(caller: Caller, id: string): BackupRecord | undefined {
    const record = this.backups.get(id);
    if (!record || record.deleted) return undefined;
    return caller.isAdmin || record.projectId === caller.projectId ? record : undefined;
  }

  visibleInstance(caller: Caller, id: string): Required<InstanceConfig> | undefined {
    const instance = this.instances.get(id);
    if (!instance) return undefined;
    return caller.isAdmin || instance.project_id === caller.projectId ? instance : undefined;
  }

  /** Live backups that pass `keep`, newest `updated` first (Trove's `ORDER BY updated DESC`). */
  newestFirst(keep: (record: BackupRecord) => boolean): BackupRecord[] {
    const now = this.now();
    const rows: { record: BackupRecord; updatedAt: number }[] = [];
    for (const record of this.backups.values()) {
      if (!record.deleted && keep(record)) rows.push({ record, updatedAt: stateAt(record, now).updatedAt });
    }
    rows.sort((a, b) => b.updatedAt - a.updatedAt || b.record.seq - a.record.seq);
    return rows.map((r) => r.record);
  }

  /** A datastore by id, then by name (Trove's Datastore.load). */
  findDatastore(idOrName: string): Required<DatastoreConfig> | undefined {
    const all = this.config.datastores;
    return all.find((d) => d.id === idOrName) ?? all.find((d) => d.name === idOrName);
  }

  view(record: BackupRecord, now = this.now()): BackupView {
    const state = stateAt(record, now);
    const view: BackupView = {
      id: record.id,
      name: record.name,
      description: record.description,
      locationRef: state.locationRef,
      instance_id: record.instanceId,
      created: troveTime(record.createdAt),
      updated: troveTime(state.updatedAt),
      size: state.size,
      status: state.status,
      parent_id: record.parentId,
      project_id: record.projectId,
    };
    const version = record.datastoreVersionId ? this.versions.get(record.datastoreVersionId) : undefined;
    if (version) view.datastore = { type: version.datastore.name, version: version.name, version_id: version.id };
    return view;
  }

  /** The view as JSON, rendered once per status of the record. */
  viewJson(record: BackupRecord, now = this.now()): string {
    const status = stateAt(record, now).status;
    if (record.rendered?.status !== status) record.rendered = { status, json: JSON.stringify(this.view(record, now)) };
    return record.rendered.json;
  }

  strategyView(s: Required<BackupStrategyConfig>): BackupStrategyView {
    return { project_id: s.project_id, instance_id: s.instance_id, backend: 'swift', swift_container: s.swift_container };
  }
}
