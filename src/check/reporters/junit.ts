// JUnit XML, for CI: one test suite per section, one test case per case. A
// known deviation is a skipped test whose message names the deviation.
import type { CaseResult, CheckReport, CheckViolation, Section } from '../report.js';
import { SECTION_TITLES } from '../report.js';
import { pointerPattern, type RootCause } from '../root-causes.js';

function xml(text: string): string {
  // Also drops the control characters XML 1.0 forbids.
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function violationText(v: CheckViolation): string {
  const parts = [`${v.where ? `${v.where}: ` : ''}at ${v.pointer === '' ? '(response)' : v.pointer} [${v.keyword}]: ${v.message}`];
  if (v.expected !== undefined) parts.push(`  expected: ${JSON.stringify(v.expected)}`);
  if (v.actual !== undefined) parts.push(`  actual:   ${JSON.stringify(v.actual)}`);
  return parts.join('\n');
}

/** The root cause each violation of a failed case belongs to, as JUnit properties. */
function causeProperties(r: CaseResult, causes: RootCause[]): string {
  const mine = causes.flatMap((c, i) =>
    r.violations.some((v) => c.keyword === v.keyword && c.pointer === pointerPattern(v.pointer)) ? [`${i + 1}. ${c.rule}`] : [],
  );
  if (mine.length === 0) return '';
  return `\n      <properties>${mine.map((m) => `<property name="root-cause" value="${xml(m)}"/>`).join('')}</properties>`;
}

function causesSuite(causes: RootCause[]): string {
  if (causes.length === 0) return '';
  const text = causes
    .map(
      (c, i) =>
        `${i + 1}. ${c.rule}\n   at ${c.pointer || '(response)'} in ${c.operations.join(', ')}: ${c.count} violation(s) in ${c.cases} case(s), e.g. ${c.example.case}`,
    )
    .join('\n');
  return `\n  <testsuite name="Root causes (the violations above, grouped)" tests="0" failures="0" errors="0" skipped="0" time="0">\n    <system-out>${xml(text)}</system-out>\n  </testsuite>`;
}

function testcase(r: CaseResult, causes: RootCause[]): string {
  const open = `    <testcase classname="trove-backups.check.${r.section}.${xml(r.operation)}" name="${xml(`${r.id} - ${r.title}`)}" time="${seconds(r.durationMs)}"`;
  const request = r.request ? `${r.request.method} ${r.request.path} → ${r.response?.status ?? 'no answer'}\n` : '';
  const details = request + r.violations.map(violationText).join('\n');
  switch (r.outcome) {
    case 'pass':
      return `${open}/>`;
    case 'skip':
      return `${open}>\n      <skipped message="${xml(r.reason ?? '')}"/>\n    </testcase>`;
    case 'known-deviation':
      return `${open}>\n      <skipped message="${xml(`known deviation ${r.deviation?.id ?? ''}: ${r.deviation?.reason ?? ''}`)}"/>\n      <system-out>${xml(details)}</system-out>\n    </testcase>`;
    case 'fail':
      return `${open}>${causeProperties(r, causes)}\n      <failure type="contract" message="${xml(r.violations[0]?.message ?? 'failed')}">${xml(details)}</failure>\n    </testcase>`;
  }
}

export function formatJunit(report: CheckReport): string {
  const suites = (Object.keys(SECTION_TITLES) as Section[]).flatMap((section) => {
    const results = report.results.filter((r) => r.section === section);
    if (results.length === 0) return [];
    const failures = results.filter((r) => r.outcome === 'fail').length;
    const skipped = results.filter((r) => r.outcome === 'skip' || r.outcome === 'known-deviation').length;
    const time = results.reduce((sum, r) => sum + r.durationMs, 0);
    return [
      `  <testsuite name="${xml(SECTION_TITLES[section])}" tests="${results.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(time)}">\n${results.map((r) => testcase(r, report.rootCauses)).join('\n')}\n  </testsuite>`,
    ];
  });
  const s = report.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(`trove-backups check of ${report.endpoint}`)}" tests="${s.total}" failures="${s.failed}" errors="0" skipped="${s.skipped + s.knownDeviations}" time="${seconds(report.durationMs)}">\n${suites.join('\n')}${causesSuite(report.rootCauses)}\n</testsuites>\n`;
}
