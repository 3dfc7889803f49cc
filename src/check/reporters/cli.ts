// The human report: each case with its outcome; for a failure, the request,
// then each violation with its JSON pointer and expected versus actual. The
// summary groups the violations into root causes and says what was not
// checked and why. Colour only when the caller asks for it (a terminal).
import type { CaseResult, CheckReport, CheckViolation, Outcome, ReportHeader, Section, Verdict } from '../report.js';
import { SECTION_TITLES, verdictOf } from '../report.js';
import type { RootCause } from '../root-causes.js';

export interface Style {
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

const ansi = (code: number) => (text: string) => `\x1b[${code}m${text}\x1b[0m`;
const plain = (text: string) => text;
export const PLAIN: Style = { red: plain, green: plain, yellow: plain, dim: plain, bold: plain };
export const COLOUR: Style = { red: ansi(31), green: ansi(32), yellow: ansi(33), dim: ansi(2), bold: ansi(1) };

export function styleFor(colour: boolean): Style {
  return colour ? COLOUR : PLAIN;
}

const LABEL: Record<Outcome, string> = { pass: 'PASS ', fail: 'FAIL ', 'known-deviation': 'KNOWN', skip: 'SKIP ' };
const PAINT: Record<Outcome, keyof Style> = { pass: 'green', fail: 'red', 'known-deviation': 'yellow', skip: 'dim' };
const INDENT = '        ';
/** Root causes and reasons shown in the summary; the rest are counted. */
const SUMMARY_ITEMS = 10;

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

export function formatResult(r: CaseResult, style: Style = PLAIN): string {
  const lines = [`  ${style[PAINT[r.outcome]](LABEL[r.outcome])} ${r.id} - ${r.title}`];
  if (r.outcome === 'skip') {
    lines.push(style.dim(`${INDENT}skipped: ${r.reason ?? ''}`));
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

export function formatHeader(report: ReportHeader, style: Style = PLAIN): string {
  const lines = [
    style.bold(`trove-backups check of ${report.endpoint} (project ${report.project})`),
    `target: ${report.target} (${report.targetReason})`,
  ];
  if (report.readOnly) lines.push('read-only: nothing is created or deleted');
  if (report.only) lines.push(`only: ${report.only}`);
  if (report.knownDeviations) lines.push(`known deviations: ${report.knownDeviations}`);
  return lines.join('\n');
}

export function formatSectionTitle(section: Section, style: Style = PLAIN): string {
  return `\n${style.bold(SECTION_TITLES[section])}`;
}

function formatCause(c: RootCause, i: number): string[] {
  const where = c.pointer === '' ? '(response)' : c.pointer;
  const lines = [
    `  ${i + 1}. ${c.rule}`,
    `     at ${where} in ${c.operations.join(', ')}: ${c.count} violation(s) in ${c.cases} case(s)`,
    `     e.g. ${c.example.case}${c.example.request ? `: ${c.example.request.method} ${c.example.request.path} → ${c.example.response?.status ?? 'no answer'}` : ''}`,
  ];
  if (c.example.response?.body !== undefined) lines.push(`     answer: ${show(c.example.response.body)}`);
  return lines;
}

function more(total: number): string[] {
  return total > SUMMARY_ITEMS ? [`  … and ${total - SUMMARY_ITEMS} more (see the cases above, or the json report)`] : [];
}

const VERDICT_WORDS: Record<Verdict, string> = {
  passed: 'PASSED',
  failed: 'FAILED',
  incomplete: 'INCOMPLETE',
  unusable: 'SERVER UNUSABLE',
  interrupted: 'INTERRUPTED',
};

export function formatSummary(report: CheckReport, style: Style = PLAIN, verdict: Verdict = verdictOf(report)): string {
  const s = report.summary;
  const lines: string[] = [];
  if (report.rootCauses.length > 0) {
    lines.push('', style.bold(`Root causes (${report.rootCauses.length}), most frequent first:`));
    for (const [i, c] of report.rootCauses.slice(0, SUMMARY_ITEMS).entries()) lines.push(...formatCause(c, i));
    lines.push(...more(report.rootCauses.length));
  }
  if (report.notChecked.length > 0) {
    lines.push('', style.bold('Not checked, and why:'));
    for (const n of report.notChecked.slice(0, SUMMARY_ITEMS)) lines.push(`  ${n.cases.length} × ${n.reason}`);
    lines.push(...more(report.notChecked.length));
  }
  if (report.unusedDeviations.length > 0) {
    lines.push(`\nListed deviations that did not occur (fixed, or listed for another server): ${report.unusedDeviations.join(', ')}`);
  }
  if (report.stopped) lines.push(`\nStopped: ${report.stopped.message}`);
  if (report.generated)
    lines.push(`\nGenerated tests: seed ${report.generated.seed}, ${report.generated.runs} runs (replay with the same seed)`);
  const paint = verdict === 'passed' ? style.green : verdict === 'incomplete' ? style.yellow : style.red;
  lines.push(
    `\n${paint(VERDICT_WORDS[verdict])}: ${s.failed} failed, ${s.passed} passed, ${s.knownDeviations} known deviations, ${s.skipped} skipped (${s.total} cases, ${(report.durationMs / 1000).toFixed(1)} s)`,
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
