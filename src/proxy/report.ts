// The proxy's output: one block per exchange that breaks the contract as it
// happens, and a summary when it stops.
import type { LiveViolation, ProxySummary } from './violations.js';

function where(v: LiveViolation): string {
  const part = v.part === '' ? v.side : `${v.side} ${v.part}`;
  return `${part}${v.pointer === '' ? '' : ` ${v.pointer}`}`;
}

export function formatExchange(method: string, path: string, status: number, violations: LiveViolation[]): string {
  const operation = violations[0]?.operation ?? 'no operation of the contract';
  const lines = [
    `${violations.some((v) => v.severity === 'error') ? 'VIOLATION' : 'WARNING'} ${method} ${path} → ${status} (${operation} ${status})`,
  ];
  for (const v of violations) {
    lines.push(`  ${v.severity === 'error' ? '' : '(warning) '}at ${where(v)} [${v.keyword}]: ${v.message}`);
    if (v.actual !== undefined) lines.push(`    actual: ${JSON.stringify(v.actual)}`);
  }
  return lines.join('\n');
}

export function formatProxySummary(summary: ProxySummary): string {
  const errors = summary.violations.filter((v) => v.severity === 'error');
  const lines = [
    `trove-backups proxy summary: ${summary.exchanges} exchanges, ${summary.failed} broke the contract (${errors.length} violations, ${summary.violations.length - errors.length} warnings)`,
  ];
  const groups = new Map<string, number>();
  for (const v of summary.violations) {
    const key = `${v.severity === 'error' ? '' : '(warning) '}${v.operation ?? `${v.method} ${v.path.split('?')[0] ?? ''}`} ${v.status}: ${where(v)} [${v.keyword}] ${v.message}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  for (const [key, count] of [...groups].sort((a, b) => b[1] - a[1])) lines.push(`  ${count}× ${key}`);
  return lines.join('\n');
}
