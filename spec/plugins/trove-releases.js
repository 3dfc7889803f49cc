// Redocly plugin: writes the "Changes by release" table of the docs from the
// spec's own release marks, so that the table cannot drift from them:
//   x-trove-since: <release>       the node (field, parameter, operation) appeared then
//   x-trove-until: <release>       the node is gone from that release on
//   x-trove-commit: <commit>       the Trove commit that added (or removed) it
//   x-trove-changes: [{release, commit, change}]   a behaviour changed then
// A decorator runs when bundling: generated/openapi.* carry the table in the
// description of the `Changes by release` tag (its prose is spec/releases.md).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHANGES_TAG = 'Changes by release';
const prose = fileURLToPath(new URL('../releases.md', import.meta.url));

/** "23.0.0 (2025.1 Epoxy)" → [23, 0, 0], for sorting. */
const versionOf = (release) => String(release).split(' ')[0].split('.').map(Number);
function byRelease(a, b) {
  const [x, y] = [versionOf(a.release), versionOf(b.release)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return a.where.localeCompare(b.where) || a.change.localeCompare(b.change);
}

/**
 * The name a reader looks for: an operation's id, a parameter's `in name`, a
 * schema file's name and property (`Backup.size`), or `API` for the root.
 * `file` is the component (or file) name, `pointer` the JSON pointer in it.
 */
export function whereOf(node, file, pointer) {
  if (typeof node.operationId === 'string') return node.operationId;
  if (typeof node.in === 'string' && typeof node.name === 'string') return `${node.in} parameter \`${node.name}\` (${file})`;
  const property = /\/properties\/([^/]+)$/.exec(pointer)?.[1];
  if (property) return `${file}.${property}`;
  return file;
}

/** The table rows of one node's marks. */
export function rowsOf(node, where) {
  const rows = [];
  const cell = (text) => String(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  const commit = node['x-trove-commit'] ?? '';
  if (node['x-trove-since']) rows.push({ release: node['x-trove-since'], where, change: 'added', commit });
  if (node['x-trove-until']) rows.push({ release: node['x-trove-until'], where, change: 'removed', commit });
  for (const c of node['x-trove-changes'] ?? []) rows.push({ release: c.release, where, change: cell(c.change), commit: c.commit ?? '' });
  return rows;
}

/** The Markdown table of all rows, oldest release first. */
export function changesTable(rows) {
  const lines = ['| Release | Where | What changed | Commit |', '|---|---|---|---|'];
  for (const r of [...rows].sort(byRelease)) lines.push(`| ${r.release} | ${r.where} | ${r.change} | ${r.commit} |`);
  return lines.join('\n');
}

function writeChangesTable() {
  const rows = [];
  const seen = new Set();
  return {
    any: {
      enter(node, ctx) {
        if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
        if (!('x-trove-since' in node || 'x-trove-until' in node || 'x-trove-changes' in node)) return;
        const file = basename(ctx.location.source.absoluteRef).replace(/\.ya?ml$/, '');
        const key = `${ctx.location.source.absoluteRef}#${ctx.location.pointer}`;
        if (seen.has(key)) return;
        seen.add(key);
        const where = file === 'openapi' && ctx.location.pointer === '#/' ? 'API' : whereOf(node, file, ctx.location.pointer);
        rows.push(...rowsOf(node, where));
      },
    },
    Root: {
      leave(root) {
        const tag = (root.tags ?? []).find((t) => t.name === CHANGES_TAG);
        if (!tag) return;
        tag.description = `${readFileSync(prose, 'utf8').trimEnd()}\n\n${changesTable(rows)}\n`;
      },
    },
  };
}

export default function troveReleasesPlugin() {
  return {
    id: 'trove-releases',
    decorators: { oas3: { 'changes-table': writeChangesTable } },
  };
}
