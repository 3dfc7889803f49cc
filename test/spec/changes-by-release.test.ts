// The "Changes by release" table of the docs is generated from the spec's
// x-trove-since/until/commit/changes marks (spec/plugins/trove-releases.js):
// the bundled table must hold exactly the marks the bundled spec carries.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANGES_TAG, changesTable, rowsOf, whereOf } from '../../spec/plugins/trove-releases.js';
import { root } from '../helpers/files.js';

type Node = Record<string, unknown>;
const bundled = JSON.parse(readFileSync(join(root, 'generated/openapi.json'), 'utf8')) as Node & { tags: Node[] };

// The marks of the bundled spec, named as the plugin names them in the source
// files (a component's name is its file's name).
function marks(): unknown[] {
  const rows: unknown[] = [];
  const visit = (node: unknown, path: string[]) => {
    if (node === null || typeof node !== 'object') return;
    if (!Array.isArray(node)) {
      const n = node as Node;
      if ('x-trove-since' in n || 'x-trove-until' in n || 'x-trove-changes' in n) {
        const component = path[0] === 'components' ? path[2]! : 'openapi';
        const pointer = path[0] === 'components' ? `#/${path.slice(3).join('/')}` : `#/${path.join('/')}`;
        rows.push(...rowsOf(n, path.length === 0 ? 'API' : whereOf(n, component, pointer)));
      }
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'tags') visit(v, [...path, k]);
  };
  visit(bundled, []);
  return rows;
}

describe('Changes by release', () => {
  const tag = bundled.tags.find((t) => t.name === CHANGES_TAG);
  const text = String(tag?.description ?? '');

  it('is a section of the docs (a trait tag in the Reference group)', () => {
    expect(tag?.['x-traitTag']).toBe(true);
    const groups = bundled['x-tagGroups'] as { name: string; tags: string[] }[];
    expect(groups.find((g) => g.name === 'Reference')?.tags).toContain(CHANGES_TAG);
  });

  it('holds the table that the spec marks give, row for row', () => {
    const rows = marks();
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(text).toContain(changesTable(rows));
    const tableLines = text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Release'));
    expect(tableLines).toHaveLength(rows.length);
  });

  it('names each change with its release and commit, oldest first', () => {
    const lines = text.split('\n').filter((l) => /^\| \d/.test(l));
    const majors = lines.map((l) => Number(/^\| (\d+)\./.exec(l)![1]));
    expect(majors).toEqual([...majors].sort((a, b) => a - b));
    expect(text).toMatch(/\| 23\.0\.0 \(2025\.1 Epoxy\) \| CreateBackupFields\.storage_driver \| added \| e4113c55 \|/);
    expect(text).toMatch(
      /\| 25\.0\.0 \(2026\.1 Gazpacho\) \| deleteBackup \| A running backup older than `running_backups_expires`.* \| 02b71fcd \|/,
    );
  });
});
