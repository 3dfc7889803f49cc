// Turns the contract's violations (Ajv, on the spec's own schemas) into the
// messages Trove gives: `Validation error: backup['instance'] 'abc' does not
// match '^...$'`, as Trove's format_validation_msg renders jsonschema 4.10's
// errors (sorted by path, one per failed keyword, joined by "; ").
import { loadDereferencedSpec } from '../contract/spec.js';
import type { Violation } from '../contract/validator.js';
import { pyNumber, pyRepr, pyStr } from './py-repr.js';

// jsonschema checks a schema's keywords in the order Trove's schemas list
// them; errors at the same path come out in this order.
const KEYWORD_ORDER = ['type', 'additionalProperties', 'required', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'enum'];

interface TroveError {
  path: (string | number)[];
  keyword: string;
  text: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The pointer's segments, with array indices as numbers (Python prints them unquoted). */
function pathOf(root: unknown, pointer: string): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      path.push(Number(key));
      node = node[Number(key)];
    } else {
      path.push(key);
      node = isObject(node) ? node[key] : undefined;
    }
  }
  return path;
}

function pyPath(path: (string | number)[]): string {
  const [head, ...rest] = path;
  return `${String(head)}${rest.map((p) => `[${typeof p === 'number' ? p : pyStr(p)}]`).join('')}`;
}

function comparePaths(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

function patternOf(v: Violation): string {
  return typeof v.params?.pattern === 'string' ? v.params.pattern : '';
}

function enumText(actual: unknown, allowed: unknown): string {
  // An enum of consecutive integers is Trove's {minimum, maximum} pair (`incremental`).
  const values = Array.isArray(allowed) ? allowed : [];
  const ints = values.every((x) => Number.isInteger(x)) ? (values as number[]).slice().sort((a, b) => a - b) : [];
  const contiguous = ints.length > 1 && ints.every((x, i) => i === 0 || x === ints[i - 1]! + 1);
  if (contiguous && typeof actual === 'number' && Number.isInteger(actual)) {
    if (actual < ints[0]!) return `${pyNumber(actual)} is less than the minimum of ${ints[0]!}`;
    if (actual > ints[ints.length - 1]!) return `${pyNumber(actual)} is greater than the maximum of ${ints[ints.length - 1]!}`;
  }
  return `${pyRepr(actual)} is not one of ${pyRepr(values)}`;
}

function toTroveErrors(root: unknown, violations: Violation[]): TroveError[] {
  const errors: TroveError[] = [];
  const extras = new Map<string, { path: (string | number)[]; names: string[] }>();
  const seen = new Set<string>();
  // The contract's enum of consecutive integers is Trove's {minimum, maximum},
  // which, unlike enum, says nothing about a value of the wrong type.
  const mistyped = new Set(violations.filter((v) => v.keyword === 'type').map((v) => v.pointer));
  for (const v of violations) {
    if (v.keyword === 'enum' && mistyped.has(v.pointer)) continue;
    // Both branches of an anyOf report the errors of their shared fields.
    const key = `${v.pointer}\u0000${v.keyword}\u0000${v.message}`;
    if (seen.has(key) || v.keyword === 'anyOf' || v.keyword === 'oneOf') continue;
    seen.add(key);
    const full = pathOf(root, v.pointer);
    const parent = full.slice(0, -1);
    const last = String(full[full.length - 1] ?? '');
    const actual = v.actual;
    switch (v.keyword) {
      case 'required':
        errors.push({ path: parent, keyword: v.keyword, text: `${pyStr(last)} is a required property` });
        break;
      case 'additionalProperties': {
        const at = JSON.stringify(parent);
        const group = extras.get(at) ?? { path: parent, names: [] };
        group.names.push(last);
        extras.set(at, group);
        break;
      }
      case 'type':
        errors.push({ path: full, keyword: v.keyword, text: `${pyRepr(actual)} is not of type ${pyStr(String(v.expected))}` });
        break;
      case 'minLength':
        errors.push({ path: full, keyword: v.keyword, text: `${pyRepr(actual)} is too short` });
        break;
      case 'maxLength':
        errors.push({ path: full, keyword: v.keyword, text: `${pyRepr(actual)} is too long` });
        break;
      case 'pattern':
        errors.push({ path: full, keyword: v.keyword, text: `${pyRepr(actual)} does not match ${pyStr(patternOf(v))}` });
        break;
      case 'minimum':
        errors.push({ path: full, keyword: v.keyword, text: `${pyRepr(actual)} is less than the minimum of ${pyRepr(v.expected)}` });
        break;
      case 'maximum':
        errors.push({ path: full, keyword: v.keyword, text: `${pyRepr(actual)} is greater than the maximum of ${pyRepr(v.expected)}` });
        break;
      case 'enum':
        errors.push({ path: full, keyword: v.keyword, text: enumText(actual, v.expected) });
        break;
      default:
        errors.push({ path: full, keyword: v.keyword, text: `${pyRepr(actual)} ${v.message}` });
    }
  }
  for (const { path, names } of extras.values()) {
    const sorted = names.sort();
    errors.push({
      path,
      keyword: 'additionalProperties',
      text: `Additional properties are not allowed (${sorted.map(pyStr).join(', ')} ${sorted.length === 1 ? 'was' : 'were'} unexpected)`,
    });
  }
  const rank = (k: string) => (KEYWORD_ORDER.includes(k) ? KEYWORD_ORDER.indexOf(k) : KEYWORD_ORDER.length);
  return errors.sort((a, b) => comparePaths(a.path, b.path) || rank(a.keyword) - rank(b.keyword));
}

/**
 * Trove's message for a body that breaks the schema. At the root (no
 * `backup` key, a body that is not an object) Trove itself crashes with a
 * 500; this gives the message without a path instead.
 */
export function validationMessage(body: unknown, violations: Violation[]): string {
  const parts = toTroveErrors(body, violations).map((e) => (e.path.length === 0 ? e.text : `${pyPath(e.path)} ${e.text}`));
  return `Validation error: ${parts.join('; ')}`;
}

/** A query parameter that breaks the spec (Trove answers 500 there; this is its style for a 400). */
export function parameterMessage(violations: Violation[]): string {
  const parts = violations.map((v) => {
    const name = v.pointer.split('/')[2] ?? '';
    const numeric = v.keyword === 'minimum' || v.keyword === 'maximum';
    const actual = numeric && typeof v.actual === 'string' ? Number(v.actual) : v.actual;
    const [error] = toTroveErrors(actual, [{ ...v, pointer: '', actual }]);
    return `${name} ${error?.text ?? v.message}`;
  });
  return `Validation error: ${parts.join('; ')}`;
}

let nonEmptyPattern: string | undefined;

/**
 * The 400 message for a create-backup body, or undefined when Trove would
 * accept it. The contract says "instance or restore_from" with an anyOf;
 * Trove's schema has neither required and its controller answers `instance
 * is missing.` after the schema passed. A `swift_container` that Trove's
 * schema accepts (it has a letter or digit) but that a shell would need to
 * quote is refused afterwards by `validate_command`.
 */
export function createBackupMessage(body: unknown, violations: Violation[]): string | undefined {
  nonEmptyPattern ??= String((loadDereferencedSpec().components?.schemas?.NonEmptyString as { pattern?: string } | undefined)?.pattern);
  const backup = isObject(body) && isObject(body.backup) ? body.backup : undefined;
  let commandError: string | undefined;
  const shape = violations.flatMap((v): Violation[] => {
    if (v.keyword === 'required' && (v.pointer === '/backup/instance' || v.pointer === '/backup/restore_from')) return [];
    if (v.pointer === '/backup/swift_container' && v.keyword === 'pattern') {
      const value = String(v.actual);
      if (new RegExp(nonEmptyPattern!, 'u').test(value)) {
        commandError = `The value is not allowed: ${value}.`;
        return [];
      }
      return [{ ...v, expected: `a string matching ${nonEmptyPattern!}`, params: { pattern: nonEmptyPattern! } }];
    }
    return [v];
  });
  if (shape.some((v) => v.keyword !== 'anyOf')) return validationMessage(body, shape);
  if (commandError) return commandError;
  if (backup && backup.restore_from === undefined && backup.instance === undefined) return 'instance is missing.';
  // Unreachable with the current contract (an anyOf that fails has another error); kept clear anyway.
  return violations.length > 0 ? 'Validation error: backup needs either instance or restore_from' : undefined;
}
