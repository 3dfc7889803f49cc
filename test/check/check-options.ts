// How the tests run the check against a reference or broken server: the
// seed's project, instance and admin, and a short wait (backups take
// milliseconds there).

import type { CheckReport } from '../../src/check/report.js';
import { type CheckOptions, runCheck } from '../../src/check/run.js';
import { SEED_INSTANCE } from '../../src/server/index.js';

export function checkAgainst(url: string, extra: Partial<CheckOptions> = {}): Promise<CheckReport> {
  return runCheck({
    endpoint: `${url}/v1.0/proj`,
    token: 'proj',
    adminToken: 'admin',
    adminProject: 'admin',
    instance: SEED_INSTANCE,
    timeoutMs: 5_000,
    ...extra,
  });
}
