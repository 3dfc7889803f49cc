// Valid values from the contract's own JSON Schemas, as fast-check
// arbitraries: the subset the contract uses (type, enum, string lengths and
// patterns, integer bounds, objects with required and optional properties,
// allOf, anyOf). Strings stay short and printable: a value is for a
// request a server must accept, not for a fuzzer's corner of Unicode.
import fc, { type Arbitrary } from 'fast-check';

export type Schema = {
  type?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
  format?: string;
  [key: string]: unknown;
};

/** One schema out of an allOf: properties and required lists joined, the rest from the last that says it. */
export function merged(schema: Schema): Schema {
  if (!schema.allOf) return schema;
  const { allOf, ...rest } = schema;
  let out: Schema = {};
  for (const part of [...allOf.map(merged), rest]) {
    out = {
      ...out,
      ...part,
      properties: { ...out.properties, ...part.properties },
      required: [...new Set([...(out.required ?? []), ...(part.required ?? [])])],
    };
  }
  if (Object.keys(out.properties ?? {}).length === 0) delete out.properties;
  if (out.required?.length === 0) delete out.required;
  return out;
}

const WORD = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,30}$/);

function stringOf(s: Schema): Arbitrary<string> {
  if (s.pattern?.includes('[0-9a-fA-F]){8}')) return fc.uuid();
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, 60);
  const base = s.pattern ? fc.oneof(WORD, fc.stringMatching(new RegExp(s.pattern))) : fc.oneof(WORD, fc.string({ maxLength: max }));
  const pattern = s.pattern ? new RegExp(s.pattern) : undefined;
  return base.map((v) => v.slice(0, max)).filter((v) => v.length >= min && v.length <= max && (pattern === undefined || pattern.test(v)));
}

function integerOf(s: Schema): Arbitrary<number> {
  return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? Math.max((s.minimum ?? 0) + 1000, 1000) });
}

function objectOf(s: Schema): Arbitrary<Record<string, unknown>> {
  const properties = s.properties ?? {};
  const record: Record<string, Arbitrary<unknown>> = {};
  for (const [name, sub] of Object.entries(properties)) record[name] = arbitraryOf(sub);
  return fc.record(record, { requiredKeys: (s.required ?? []).filter((k) => k in properties) });
}

/** An arbitrary of the values the schema accepts. */
export function arbitraryOf(schema: Schema): Arbitrary<unknown> {
  const s = merged(schema);
  const choices = s.anyOf ?? s.oneOf;
  if (choices) {
    const { anyOf: _a, oneOf: _o, ...base } = s;
    return fc.oneof(...choices.map((c) => arbitraryOf({ ...base, allOf: [c] })));
  }
  let arb: Arbitrary<unknown>;
  if (s.enum) arb = fc.constantFrom(...s.enum);
  else if (s.type === 'string') arb = stringOf(s);
  else if (s.type === 'integer') arb = integerOf(s);
  else if (s.type === 'number') arb = fc.double({ min: 0, max: 1e6, noNaN: true });
  else if (s.type === 'boolean') arb = fc.boolean();
  else if (s.type === 'array') arb = fc.array(arbitraryOf(s.items ?? {}), { maxLength: 3 });
  else if (s.type === 'object' || s.properties) arb = objectOf(s);
  else arb = fc.constant('trove-backups-check');
  return s.nullable ? fc.option(arb, { nil: null }) : arb;
}
