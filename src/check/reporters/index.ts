// The report formats of `trove-backups check --reporter`.
import type { CheckReport } from '../report.js';
import { formatCli } from './cli.js';
import { formatJunit } from './junit.js';

export const REPORTERS = {
  cli: formatCli,
  junit: formatJunit,
  json: (report: CheckReport) => `${JSON.stringify(report, null, 2)}\n`,
} as const;

export type ReporterName = keyof typeof REPORTERS;

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(REPORTERS, name);
}
