#!/usr/bin/env node
// The breaking-change gate: compares the contract with the last released one
// (releases/<version>/openapi.json) with direction-aware rules. A change that
// can break a client or a server that honoured the old contract is breaking,
// unless the package's major version was raised since that release.
//   node scripts/breaking-changes.mjs          report, exit 1 on an unallowed breaking change
//   node scripts/breaking-changes.mjs --json   the same, as JSON
// (openapi-diff, the maintained tool for this, misses enum changes and
// removed parameters, which this contract cares about most.)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Inlines the internal `#/...` references of a bundled document. */
export function dereference(doc) {
  const lookup = (ref) =>
    ref
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((n, k) => n?.[k], doc);
  const walk = (node, seen) => {
    if (Array.isArray(node)) return node.map((n) => walk(n, seen));
    if (node === null || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
      if (seen.has(node.$ref)) return {};
      const target = lookup(node.$ref);
      if (target === undefined) throw new Error(`unresolved reference ${node.$ref}`);
      return walk(target, new Set([...seen, node.$ref]));
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, seen)]));
  };
  return walk(doc, new Set());
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares two schemas. `dir` is 'request' (the server reads it: narrowing
 * what is accepted breaks clients) or 'response' (clients read it: widening
 * what may come back breaks them).
 */
function compareSchema(base, head, dir, at, out) {
  if (!base || !head) return;
  const breaking = (rule, message) => out.push({ breaking: true, rule, location: at, message });
  const compatible = (rule, message) => out.push({ breaking: false, rule, location: at, message });
  const req = dir === 'request';

  if (base.type !== head.type) breaking('type-changed', `type ${base.type ?? 'any'} became ${head.type ?? 'any'}`);
  if (!base.nullable && head.nullable) (req ? compatible : breaking)('nullable-added', 'may now be null');
  if (base.nullable && !head.nullable) (req ? breaking : compatible)('nullable-removed', 'may no longer be null');

  if (base.enum || head.enum) {
    const before = base.enum ?? [];
    const after = head.enum ?? [];
    const added = head.enum ? after.filter((v) => !before.some((b) => same(b, v))) : [];
    const removed = base.enum ? before.filter((v) => !after.some((a) => same(a, v))) : [];
    if (!base.enum) (req ? breaking : compatible)('enum-added', `now limited to ${JSON.stringify(after)}`);
    if (!head.enum) (req ? compatible : breaking)('enum-removed', 'no longer limited to a list of values');
    if (added.length) (req ? compatible : breaking)(`${dir}-enum-value-added`, `new value(s) ${JSON.stringify(added)}`);
    if (removed.length) (req ? breaking : compatible)(`${dir}-enum-value-removed`, `value(s) ${JSON.stringify(removed)} removed`);
  }

  // Limits: a tighter one narrows, a looser one widens.
  for (const [key, tighter] of [
    ['minLength', (a, b) => b > a],
    ['maxLength', (a, b) => b < a],
    ['minimum', (a, b) => b > a],
    ['maximum', (a, b) => b < a],
    ['minItems', (a, b) => b > a],
    ['maxItems', (a, b) => b < a],
  ]) {
    const a = base[key];
    const b = head[key];
    if (a === b) continue;
    const narrowed = b !== undefined && (a === undefined || tighter(a, b));
    if (narrowed === req) breaking(`${key}-changed`, `${key} ${a ?? 'none'} became ${b ?? 'none'}`);
    else compatible(`${key}-changed`, `${key} ${a ?? 'none'} became ${b ?? 'none'}`);
  }
  if (base.pattern !== head.pattern) breaking('pattern-changed', `pattern ${base.pattern ?? 'none'} became ${head.pattern ?? 'none'}`);
  if (base.additionalProperties !== false && head.additionalProperties === false)
    (req ? breaking : compatible)('closed', 'no longer accepts other properties');
  if (base.additionalProperties === false && head.additionalProperties !== false)
    (req ? compatible : breaking)('opened', 'may now have other properties');

  const baseProps = base.properties ?? {};
  const headProps = head.properties ?? {};
  const baseRequired = base.required ?? [];
  const headRequired = head.required ?? [];
  for (const name of Object.keys(baseProps)) {
    if (!(name in headProps)) breaking(`${dir}-property-removed`, `property "${name}" removed`);
    else compareSchema(baseProps[name], headProps[name], dir, `${at}/properties/${name}`, out);
  }
  for (const name of Object.keys(headProps)) {
    if (name in baseProps) continue;
    if (req && headRequired.includes(name)) breaking('request-required-property-added', `new required property "${name}"`);
    else compatible(`${dir}-property-added`, `new property "${name}"`);
  }
  for (const name of headRequired) {
    if (!baseRequired.includes(name) && name in baseProps) (req ? breaking : compatible)('became-required', `"${name}" became required`);
  }
  for (const name of baseRequired) {
    if (!headRequired.includes(name) && name in headProps) (req ? compatible : breaking)('became-optional', `"${name}" became optional`);
  }

  compareSchema(base.items, head.items, dir, `${at}/items`, out);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const a = base[key] ?? [];
    const b = head[key] ?? [];
    a.forEach((s, i) => {
      compareSchema(s, b[i], dir, `${at}/${key}/${i}`, out);
    });
    if (key !== 'allOf' && a.length !== b.length) {
      const fewer = b.length < a.length;
      (fewer === req ? breaking : compatible)(`${key}-changed`, `${a.length} alternatives became ${b.length}`);
    }
  }
}

function operations(doc) {
  const ops = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      if (!item[method]) continue;
      const own = item[method].parameters ?? [];
      const params = [...(item.parameters ?? []).filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
      ops.set(`${method.toUpperCase()} ${path}`, { op: item[method], params, security: item[method].security ?? doc.security ?? [] });
    }
  }
  return ops;
}

/** Every difference between two bundled specs, each marked breaking or not. */
export function diffSpecs(baseDoc, headDoc) {
  const base = operations(dereference(baseDoc));
  const head = operations(dereference(headDoc));
  const out = [];
  for (const [key, b] of base) {
    const h = head.get(key);
    if (!h) {
      out.push({ breaking: true, rule: 'operation-removed', location: key, message: 'operation removed' });
      continue;
    }
    for (const p of b.params) {
      const q = h.params.find((x) => x.name === p.name && x.in === p.in);
      const at = `${key} ${p.in} parameter ${p.name}`;
      if (!q) out.push({ breaking: true, rule: 'parameter-removed', location: at, message: 'parameter removed' });
      else {
        if (q.required && !p.required)
          out.push({ breaking: true, rule: 'parameter-became-required', location: at, message: 'became required' });
        compareSchema(p.schema, q.schema, 'request', at, out);
      }
    }
    for (const q of h.params) {
      if (b.params.some((p) => p.name === q.name && p.in === q.in)) continue;
      out.push({
        breaking: Boolean(q.required),
        rule: q.required ? 'required-parameter-added' : 'parameter-added',
        location: `${key} ${q.in} parameter ${q.name}`,
        message: `new ${q.required ? 'required' : 'optional'} parameter`,
      });
    }
    if (!same(b.security, h.security) && h.security.length > 0) {
      out.push({
        breaking: b.security.length === 0 || !h.security.some((s) => b.security.some((t) => same(s, t))),
        rule: 'security-changed',
        location: key,
        message: 'security requirements changed',
      });
    }
    const bBody = b.op.requestBody;
    const hBody = h.op.requestBody;
    if (hBody?.required && !bBody?.required)
      out.push({ breaking: true, rule: 'request-body-became-required', location: key, message: 'the request body became required' });
    for (const [type, media] of Object.entries(bBody?.content ?? {})) {
      const other = hBody?.content?.[type];
      if (!other)
        out.push({ breaking: true, rule: 'request-media-type-removed', location: `${key} request ${type}`, message: 'media type removed' });
      else compareSchema(media.schema, other.schema, 'request', `${key} request ${type}`, out);
    }
    for (const [status, response] of Object.entries(b.op.responses ?? {})) {
      const other = h.op.responses?.[status];
      if (!other) {
        out.push({
          breaking: status.startsWith('2'),
          rule: 'response-removed',
          location: `${key} ${status}`,
          message: `response ${status} removed`,
        });
        continue;
      }
      for (const [type, media] of Object.entries(response.content ?? {})) {
        const o = other.content?.[type];
        if (!o)
          out.push({
            breaking: true,
            rule: 'response-media-type-removed',
            location: `${key} ${status} ${type}`,
            message: 'media type removed',
          });
        else compareSchema(media.schema, o.schema, 'response', `${key} ${status} ${type}`, out);
      }
    }
    for (const status of Object.keys(h.op.responses ?? {})) {
      if (!(status in (b.op.responses ?? {}))) {
        out.push({
          breaking: status.startsWith('2'),
          rule: 'response-added',
          location: `${key} ${status}`,
          message: `response ${status} added`,
        });
      }
    }
  }
  for (const key of head.keys()) {
    if (!base.has(key)) out.push({ breaking: false, rule: 'operation-added', location: key, message: 'operation added' });
  }
  return out;
}

const major = (version) => Number(String(version).split('.')[0]);

/** The newest baseline in releases/, by semver. */
export function latestRelease(releasesDir) {
  const versions = readdirSync(releasesDir).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  versions.sort((a, b) => {
    const [x, y] = [a, b].map((v) => v.split('.').map(Number));
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  return versions.at(-1);
}

/** The gate: the changes since the last release, and whether the version allows the breaking ones. */
export function gate({ root }) {
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const release = latestRelease(join(root, 'releases'));
  if (!release) throw new Error('no release baseline in releases/');
  const base = JSON.parse(readFileSync(join(root, 'releases', release, 'openapi.json'), 'utf8'));
  const head = JSON.parse(readFileSync(join(root, 'generated', 'openapi.json'), 'utf8'));
  const changes = diffSpecs(base, head);
  const breaking = changes.filter((c) => c.breaking);
  const majorRaised = major(version) > major(release);
  return { version, release, changes, breaking, ok: breaking.length === 0 || majorRaised, majorRaised };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  try {
    const result = gate({ root });
    if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(
        `contract ${result.version} against release ${result.release}: ${result.changes.length} change(s), ${result.breaking.length} breaking`,
      );
      for (const c of result.changes) console.log(`  ${c.breaking ? 'BREAKING' : 'ok      '} ${c.rule}: ${c.location}: ${c.message}`);
      if (!result.ok)
        console.error(
          `\n${result.breaking.length} breaking change(s) since ${result.release}: raise the major version (package.json) or undo them.`,
        );
    }
    process.exit(result.ok ? 0 : 1);
  } catch (err) {
    console.error(`breaking-changes: ${err.message}`);
    process.exit(2);
  }
}
