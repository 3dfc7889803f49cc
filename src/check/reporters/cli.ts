// The human report: each case with its outcome; for a failure, the request,
// then each violation with its JSON pointer and expected versus actual.
import type { CaseResult, CheckReport, CheckViolation, Outcome, ReportHeader, Section } from '../report.js';
import { SECTION_TITLES } from '../report.js';

const LABEL: Record<Outcome, string> = { pass: 'PASS ', fail: 'FAIL ', 'known-deviation': 'KNOWN', skip: 'SKIP ' };
const INDENT = '        ';

function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function formatViolation(v: CheckViolation, caseRequest: string | undefined): string[] {
  const lines: string[] = [];
  if (v.where && !(caseRequest && v.where.startsWith(caseRequest))) lines.push(`${INDENT}${v.where}`);
  lines.push(`${INDENT}at ${v.pointer === '' ? '(response)' : v.pointer} [${v.keyword}]: ${v.message}`);
  if (v.expected !== undefined) lines.push(`${INDENT}  expected: ${show(v.expected)}`);
  if (v.actual !== undefined || v.keyword === 'required')
    lines.push(`${INDENT}  actual:   ${v.actual === undefined ? '(absent)' : show(v.actual)}`);
  return lines;
}

export function formatResult(r: CaseResult): string {
  const lines = [`  ${LABEL[r.outcome]} ${r.id} - ${r.title}`];
  if (r.outcome === 'skip') {
    lines.push(`${INDENT}skipped: ${r.reason ?? ''}`);
    return lines.join('\n');
  }
  if (r.outcome === 'pass') return lines.join('\n');
  const request = r.request ? `${r.request.method} ${r.request.path}` : undefined;
  if (r.deviation) lines.push(`${INDENT}known deviation "${r.deviation.id}": ${r.deviation.reason}`);
  if (request) lines.push(`${INDENT}${request} → ${r.response?.status ?? 'no answer'}`);
  for (const v of r.violations) lines.push(...formatViolation(v, request));
  if (r.outcome === 'fail' && r.response?.body !== undefined) lines.push(`${INDENT}answer: ${show(r.response.body)}`);
  return lines.join('\n');
}

export function formatHeader(report: ReportHeader): string {
  const lines = [
    `trove-backups check of ${report.endpoint} (project ${report.project})`,
    `target: ${report.target} (${report.targetReason})`,
  ];
  if (report.readOnly) lines.push('read-only: nothing is created or deleted');
  if (report.only) lines.push(`only: ${report.only}`);
  if (report.knownDeviations) lines.push(`known deviations: ${report.knownDeviations}`);
  return lines.join('\n');
}

export function formatSectionTitle(section: Section): string {
  return `\n${SECTION_TITLES[section]}`;
}

export function formatSummary(report: CheckReport): string {
  const s = report.summary;
  const lines: string[] = [];
  if (report.unusedDeviations.length > 0) {
    lines.push(`\nListed deviations that did not occur (fixed, or listed for another server): ${report.unusedDeviations.join(', ')}`);
  }
  const verdict = s.failed > 0 ? 'FAILED' : 'PASSED';
  lines.push(
    `\n${verdict}: ${s.failed} failed, ${s.passed} passed, ${s.knownDeviations} known deviations, ${s.skipped} skipped (${s.total} cases, ${(report.durationMs / 1000).toFixed(1)} s)`,
  );
  return lines.join('\n');
}

/** The whole report at once. */
export function formatCli(report: CheckReport): string {
  const out = [formatHeader(report)];
  let section: Section | undefined;
  for (const r of report.results) {
    if (r.section !== section) {
      section = r.section;
      out.push(formatSectionTitle(section));
    }
    out.push(formatResult(r));
  }
  out.push(formatSummary(report));
  return `${out.join('\n')}\n`;
}
