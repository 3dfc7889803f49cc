// The caps that bound the server's memory whatever clients send: any token
// is a project, so a new project, backup or strategy past its cap is refused
// with Trove's 413 overLimit fault (the contract's answer to a quota).
import type { ReferenceState } from './state.js';
import { TroveFault } from './trove-fault.js';

const full = (what: string, limit: number, key: string) =>
  new TroveFault(413, `This server holds its limit of ${limit} ${what} (${key}); delete some first or raise ${key}.`);

/** Before a project stores anything: it must already hold something, or there must be room for one more. */
export function checkProjectRoom(state: ReferenceState, projectId: string): void {
  if (!state.admitsProject(projectId)) throw full('projects', state.config.maxProjects, 'maxProjects');
}

export function checkBackupRoom(state: ReferenceState, projectId: string): void {
  checkProjectRoom(state, projectId);
  if (state.backups.size >= state.config.maxBackups) throw full('backups', state.config.maxBackups, 'maxBackups');
}

export function checkStrategyRoom(state: ReferenceState, projectId: string): void {
  checkProjectRoom(state, projectId);
  if (state.strategies.length >= state.config.maxStrategies) throw full('backup strategies', state.config.maxStrategies, 'maxStrategies');
}
