// Invalid bodies: a valid body with exactly one constraint of the schema
// broken (a type, a length, a pattern, an enum, a required key, an unknown
// key where the schema forbids it). Each mutation names what it breaks.
import { merged, type Schema } from './schema.js';

export interface Mutation {
  /** JSON pointer of the value (or object) it changes. */
  pointer: string;
  /** What it breaks, in words: `maxLength 255`, `required name`, ... */
  breaks: string;
  apply: (body: Record<string, unknown>) => void;
}

function parentAndKey(body: Record<string, unknown>, path: string[]): [Record<string, unknown> | undefined, string] {
  let node: unknown = body;
  for (const key of path.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[key];
  return [node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined, path[path.length - 1] ?? ''];
}

function set(path: string[], value: unknown): (body: Record<string, unknown>) => void {
  return (body) => {
    const [parent, key] = parentAndKey(body, path);
    if (parent) parent[key] = value;
  };
}

/** A string that breaks the pattern and nothing else (its length is allowed). */
function breakingPattern(s: Schema): string | undefined {
  const pattern = new RegExp(s.pattern ?? '');
  return ['---', 'not-a-uuid', '@@@@'].find(
    (c) => !pattern.test(c) && c.length >= (s.minLength ?? 0) && c.length <= (s.maxLength ?? Number.POSITIVE_INFINITY),
  );
}

function valueMutations(s: Schema, path: string[]): Mutation[] {
  const pointer = `/${path.join('/')}`;
  const out: Mutation[] = [];
  const wrongType = s.type === 'string' ? 12345 : 'twelve';
  if (s.type) out.push({ pointer, breaks: `type ${s.type}`, apply: set(path, wrongType) });
  if (s.enum)
    out.push({
      pointer,
      breaks: `enum ${JSON.stringify(s.enum)}`,
      apply: set(path, s.type === 'integer' ? 7 : 'trove-backups-check-no-such-value'),
    });
  if (s.maxLength !== undefined) out.push({ pointer, breaks: `maxLength ${s.maxLength}`, apply: set(path, 'a'.repeat(s.maxLength + 1)) });
  if (s.minLength !== undefined && s.minLength > 0 && !s.pattern)
    out.push({ pointer, breaks: `minLength ${s.minLength}`, apply: set(path, '') });
  const unmatched = s.pattern ? breakingPattern(s) : undefined;
  if (unmatched !== undefined) out.push({ pointer, breaks: `pattern ${s.pattern}`, apply: set(path, unmatched) });
  return out;
}

/**
 * Every single-constraint mutation of an object schema, walking its
 * properties. Properties the contract marks as added in a later Trove
 * (`x-trove-since`) are left alone: an older server ignores them.
 */
export function mutationsOf(schema: Schema, path: string[] = []): Mutation[] {
  const s = merged(schema);
  const out: Mutation[] = [];
  for (const name of s.required ?? []) {
    out.push({
      pointer: `/${[...path, name].join('/')}`,
      breaks: `required ${name}`,
      apply: (body) => {
        const [parent, key] = parentAndKey(body, [...path, name]);
        if (parent) delete parent[key];
      },
    });
  }
  if (s.additionalProperties === false) {
    out.push({
      pointer: `/${path.join('/')}`,
      breaks: 'additionalProperties false',
      apply: set([...path, 'trove_backups_check_unknown'], 1),
    });
  }
  for (const [name, sub] of Object.entries(s.properties ?? {})) {
    if (sub['x-trove-since'] !== undefined) continue;
    const child = merged(sub);
    if (child.type === 'object' || child.properties) out.push(...mutationsOf(child, [...path, name]));
    else out.push(...valueMutations(child, [...path, name]));
  }
  return out;
}
