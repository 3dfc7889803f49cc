// The backup strategy operations, as Trove's BackupStrategyController and
// BackupStrategy model do them: an upsert keyed on (project, instance_id or
// ""), a list, and a delete that never fails.
import { checkStrategyRoom } from './capacity.js';
import type { BackupStrategyView, Caller, ReferenceState } from './state.js';
import { TroveFault } from './trove-fault.js';

// index and delete act on `project_id` from the query when given; another
// project than the caller's needs the admin role.
function targetProject(caller: Caller, projectId: string | undefined): string {
  const project = projectId ?? caller.projectId;
  if (project !== caller.projectId && !caller.isAdmin) throw new TroveFault(403, `Operation not allowed for tenant ${caller.projectId}.`);
  return project;
}

export function listStrategies(
  state: ReferenceState,
  caller: Caller,
  query: { projectId?: string | undefined; instanceId?: string | undefined },
): BackupStrategyView[] {
  const project = targetProject(caller, query.projectId);
  return state.strategies
    .filter((s) => s.project_id === project && (!query.instanceId || s.instance_id === query.instanceId))
    .map((s) => state.strategyView(s));
}

export function upsertStrategy(
  state: ReferenceState,
  caller: Caller,
  data: { instance_id?: string; swift_container: string },
): BackupStrategyView {
  const instanceId = data.instance_id ?? '';
  let strategy = state.strategies.find((s) => s.project_id === caller.projectId && s.instance_id === instanceId);
  if (strategy) strategy.swift_container = data.swift_container;
  else {
    checkStrategyRoom(state, caller.projectId);
    strategy = { project_id: caller.projectId, instance_id: instanceId, swift_container: data.swift_container };
    state.addStrategy(strategy);
  }
  return state.strategyView(strategy);
}

export function deleteStrategy(
  state: ReferenceState,
  caller: Caller,
  query: { projectId?: string | undefined; instanceId?: string | undefined },
): void {
  const project = targetProject(caller, query.projectId);
  const instanceId = query.instanceId ?? '';
  const at = state.strategies.findIndex((s) => s.project_id === project && s.instance_id === instanceId);
  if (at >= 0) state.removeStrategy(at);
}
