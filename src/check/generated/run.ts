import type { CheckContext } from '../context.js';
import type { ResourceLedger } from '../resources.js';

export const DEFAULT_GENERATED_RUNS = 20;

export async function runGenerated(_ctx: CheckContext, _ledger: ResourceLedger, _options: { runs: number; seed: number }): Promise<void> {}
