// Every broken server of broken-servers/ honours the contract but for one
// violation: the check must fail on each, and its report must name the
// violation (the case, the JSON pointer, the keyword).
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CheckReport, verdictOf } from '../../src/check/report.js';
import { formatResult } from '../../src/check/reporters/cli.js';
import { filesUnder, root } from '../helpers/files.js';
import { type BrokenServer, startBrokenServer } from './broken-servers/harness.js';
import { checkAgainst } from './check-options.js';

const files = filesUnder('test/check/broken-servers', '.ts').filter((f) => !f.endsWith('harness.ts'));
const servers = new Map<string, BrokenServer>();
const reports = new Map<string, CheckReport>();

// A few checks at a time: Dredd runs one after the other anyway, but the
// flows (which wait for backups) overlap.
const CONCURRENCY = 3;

beforeAll(async () => {
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const server = ((await import(pathToFileURL(join(root, file)).href)) as { default: BrokenServer }).default;
      servers.set(file, server);
      const running = await startBrokenServer(server);
      try {
        // The recipes and the flow: the generated tests have their own broken servers (generated.test.ts).
        reports.set(file, await checkAgainst(running.url, { generate: 0 }));
      } finally {
        await running.close();
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}, 300_000);

describe('the check against broken servers', () => {
  it('has at least 12 of them', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  describe.each(files.map((f) => [basename(f, '.ts'), f]))('%s', (_name, file) => {
    it('fails the check (verdict failed: exit code 1)', () => {
      const report = reports.get(file)!;
      expect(report.summary.failed).toBeGreaterThan(0);
      expect(verdictOf(report)).toBe('failed');
    });

    it('names the violation', () => {
      const report = reports.get(file)!;
      const { case: id, pointer, keyword } = servers.get(file)!.expect;
      const failures = report.results.filter((r) => r.outcome === 'fail');
      const found = failures
        .map((r) => `${r.id}: ${r.violations.map((v) => `${v.pointer} [${v.keyword}] ${v.message}`).join(', ')}`)
        .join(' | ');
      const named = failures
        .filter((r) => r.id.startsWith(id))
        .flatMap((r) => r.violations.map((v) => ({ r, v })))
        .find(({ v }) => (pointer === undefined || v.pointer === pointer) && (keyword === undefined || v.keyword === keyword));
      expect(named, `no failed case ${id} with a violation at ${pointer ?? '*'} [${keyword ?? '*'}]; failures: ${found}`).toBeDefined();
      const text = formatResult(named!.r);
      expect(text).toContain(`FAIL  ${named!.r.id}`);
      expect(text).toContain(`at ${named!.v.pointer || '(response)'} [${named!.v.keyword}]`);
    });
  });
});
