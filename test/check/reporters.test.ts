// The report formats: cli (human), junit (CI) and json, on one report with
// every outcome.

import { describe, expect, it } from 'vitest';
import { type CaseResult, type CheckReport, summarize } from '../../src/check/report.js';
import { COLOUR, formatCli, formatResult } from '../../src/check/reporters/cli.js';
import { REPORTERS } from '../../src/check/reporters/index.js';
import { formatJunit } from '../../src/check/reporters/junit.js';
import { notCheckedByReason, rootCauses } from '../../src/check/root-causes.js';

const results: CaseResult[] = [
  {
    id: 'getBackup 404 unknown-backup',
    section: 'statuses',
    operation: 'getBackup',
    status: 404,
    variant: 'unknown-backup',
    title: 'an unknown ID',
    outcome: 'pass',
    violations: [],
    durationMs: 5,
  },
  {
    id: 'getBackup 200 existing-backup',
    section: 'statuses',
    operation: 'getBackup',
    status: 200,
    variant: 'existing-backup',
    title: 'show a backup',
    outcome: 'fail',
    request: { method: 'GET', path: '/v1.0/p/backups/b1' },
    response: { status: 200, body: { backup: { status: 'DONE' } } },
    violations: [
      {
        pointer: '/backup/status',
        keyword: 'enum',
        message: 'must be equal to one of the allowed values',
        expected: ['NEW', 'COMPLETED'],
        actual: 'DONE',
      },
    ],
    durationMs: 7,
  },
  {
    id: 'listBackups 401 no-token',
    section: 'statuses',
    operation: 'listBackups',
    status: 401,
    variant: 'no-token',
    title: 'without <a> token & co',
    outcome: 'known-deviation',
    request: { method: 'GET', path: '/v1.0/p/backups' },
    response: { status: 500 },
    violations: [{ pointer: '', keyword: 'status', message: 'answered 500 where 401 was expected', expected: 401, actual: 500 }],
    deviation: { id: 'no-keystone', reason: 'no Keystone' },
    durationMs: 3,
  },
  {
    id: 'flow create-full',
    section: 'flow',
    operation: 'createBackup',
    status: 202,
    variant: 'create-full',
    title: 'create',
    outcome: 'skip',
    reason: 'a stateless mock',
    violations: [],
    durationMs: 0,
  },
];

const report: CheckReport = {
  endpoint: 'http://127.0.0.1:1',
  project: 'p',
  target: 'server',
  targetReason: 'given',
  readOnly: false,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1234,
  results,
  unusedDeviations: ['fixed-long-ago'],
  summary: summarize(results),
  rootCauses: rootCauses({ results }),
  notChecked: notCheckedByReason(results),
};

describe('the cli report', () => {
  const text = formatCli(report);

  it('names the operation, the status, the JSON pointer, expected and actual', () => {
    expect(text).toContain('FAIL  getBackup 200 existing-backup - show a backup');
    expect(text).toContain('GET /v1.0/p/backups/b1 → 200');
    expect(text).toContain('at /backup/status [enum]: must be equal to one of the allowed values');
    expect(text).toContain('expected: ["NEW","COMPLETED"]');
    expect(text).toContain('actual:   "DONE"');
  });

  it('shows known deviations, skips with their reasons, unused deviations and the verdict', () => {
    expect(text).toContain('KNOWN listBackups 401 no-token');
    expect(text).toContain('known deviation "no-keystone": no Keystone');
    expect(text).toContain('SKIP  flow create-full - create\n        skipped: a stateless mock');
    expect(text).toContain('did not occur (fixed, or listed for another server): fixed-long-ago');
    expect(text).toMatch(/FAILED: 1 failed, 1 passed, 1 known deviations, 1 skipped \(4 cases, 1\.2 s\)\n$/);
  });

  it('groups the violations into root causes, and says what was not checked and why', () => {
    expect(text).toContain(
      'Root causes (1), most frequent first:\n  1. enum: must be equal to one of the allowed values\n     at /backup/status in getBackup: 1 violation(s) in 1 case(s)',
    );
    expect(text).toContain('Not checked, and why:\n  1 × a stateless mock');
  });

  it('is plain without colour, and coloured with it', () => {
    expect(text).not.toContain('\x1b[');
    expect(formatResult(results[0] as CaseResult, COLOUR)).toContain('\x1b[32mPASS \x1b[0m');
  });
});

describe('root causes', () => {
  it('groups one violation repeated over cases and array items into one cause', () => {
    const fail = (id: string, operation: string, pointer: string): CaseResult => ({
      id,
      section: 'statuses',
      operation,
      title: id,
      outcome: 'fail',
      violations: [{ pointer, keyword: 'required', message: "must have required property 'updated'" }],
      durationMs: 0,
    });
    const causes = rootCauses({
      results: [
        fail('a', 'listBackups', '/backups/0/updated'),
        fail('b', 'listBackups', '/backups/7/updated'),
        fail('c', 'getBackup', '/backup/updated'),
      ],
    });
    expect(causes.map((c) => [c.pointer, c.count, c.cases, c.operations])).toEqual([
      ['/backups/*/updated', 2, 2, ['listBackups']],
      ['/backup/updated', 1, 1, ['getBackup']],
    ]);
    expect(causes[0]?.example.case).toBe('a');
  });
});

describe('the junit report', () => {
  const xml = formatJunit(report);

  it('has one suite per section and one case per result, with the counts', () => {
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="trove-backups check of http:\/\/127.0.0.1:1" tests="4" failures="1" errors="0" skipped="2"/,
    );
    // Two sections, and the root causes.
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toContain('<failure type="contract" message="must be equal to one of the allowed values">');
    expect(xml).toContain('at /backup/status [enum]');
    expect(xml).toContain('<skipped message="known deviation no-keystone: no Keystone"/>');
    expect(xml).toContain('<skipped message="a stateless mock"/>');
  });

  it('carries the root causes: a property on each failed case, and a suite that lists them', () => {
    expect(xml).toContain('<property name="root-cause" value="1. enum: must be equal to one of the allowed values"/>');
    expect(xml).toMatch(
      /<testsuite name="Root causes \(the violations above, grouped\)" tests="0"[^>]*>\n {4}<system-out>1\. enum: must be equal/,
    );
  });

  it('escapes what XML needs escaped', () => {
    expect(xml).toContain('without &lt;a&gt; token &amp; co');
    expect(xml).not.toContain('<a>');
  });
});

describe('the json report', () => {
  it('is the report itself', () => {
    expect(JSON.parse(REPORTERS.json(report))).toEqual(report);
  });
});
