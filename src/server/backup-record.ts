// A stored backup and how its status follows from the clock: a created
// backup is NEW for timings.newMs, then BUILDING for timings.buildingMs,
// then COMPLETED (or FAILED). Computing it on read needs no timers, and a
// test can drive it with its own clock.
import type { BackupStatus } from './config-types.js';

export const RUNNING_STATES: readonly BackupStatus[] = ['NEW', 'BUILDING', 'SAVING'];

interface Fixed {
  kind: 'fixed';
  status: BackupStatus;
  updatedAt: number;
  size: number | null;
  locationRef: string | null;
}

interface Running {
  kind: 'running';
  buildingAt: number;
  doneAt: number;
  outcome: 'COMPLETED' | 'FAILED';
  /** The size set when it starts (the used space; 0 for a Cinder snapshot). */
  buildingSize: number;
  completedSize: number;
  locationRef: string;
}

export interface BackupRecord {
  id: string;
  /** Insertion order, to order backups updated in the same millisecond. */
  seq: number;
  name: string;
  description: string | null;
  projectId: string;
  instanceId: string | null;
  parentId: string | null;
  datastoreVersionId: string | null;
  createdAt: number;
  deleted: boolean;
  progress: Fixed | Running;
}

export interface BackupState {
  status: BackupStatus;
  updatedAt: number;
  size: number | null;
  locationRef: string | null;
}

export function stateAt(record: BackupRecord, now: number): BackupState {
  const p = record.progress;
  if (p.kind === 'fixed') return p;
  if (now < p.buildingAt) return { status: 'NEW', updatedAt: record.createdAt, size: null, locationRef: null };
  if (now < p.doneAt) return { status: 'BUILDING', updatedAt: p.buildingAt, size: p.buildingSize, locationRef: null };
  if (p.outcome === 'FAILED') return { status: 'FAILED', updatedAt: p.doneAt, size: p.buildingSize, locationRef: null };
  return { status: 'COMPLETED', updatedAt: p.doneAt, size: p.completedSize, locationRef: p.locationRef };
}

export function isRunning(record: BackupRecord, now: number): boolean {
  return RUNNING_STATES.includes(stateAt(record, now).status);
}

/** Trove's timestamps: naive UTC, no fraction, no zone. */
export function troveTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function parseTroveTime(text: string): number {
  return Date.parse(`${text}Z`);
}
