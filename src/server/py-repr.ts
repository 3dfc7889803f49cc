// Python's repr() of a JSON value, because Trove's validation messages embed
// values the way jsonschema prints them: 'abc', True, None, {'a': [1, 2]}.
// Bounded in depth and length, so that a deep or huge body cannot blow the
// stack or the message.

const MAX_DEPTH = 20;
const MAX_LENGTH = 1000;

// What Python's str.isprintable() refuses: control, format, surrogate,
// private-use and unassigned characters, and separators other than the space.
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

export function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) {
      out += cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
    } else out += ch;
  }
  return out + quote;
}

/** A float as Python prints it: shortest digits, exponent below 1e-4 and from 1e16, two-digit exponents. */
export function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  // JSON cannot tell 2 from 2.0 once parsed; an integral value prints as an int.
  if (Number.isInteger(n)) return BigInt(n).toString();
  const [mantissa = '0', exp = '0'] = n.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(n);
}

export function pyRepr(value: unknown): string {
  const out = reprAt(value, 0);
  return out.length > MAX_LENGTH ? `${out.slice(0, MAX_LENGTH)}...` : out;
}

function reprAt(value: unknown, depth: number): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return pyStr(value);
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[...]' : '{...}';
  if (Array.isArray(value)) return `[${joinBounded(value.map((v) => () => reprAt(v, depth + 1)))}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${joinBounded(
      entries.map(
        ([k, v]) =>
          () =>
            `${pyStr(k)}: ${reprAt(v, depth + 1)}`,
      ),
    )}}`;
  }
  return pyStr(String(value));
}

// Stops rendering items once the text is past the limit (a 100 kB array
// would otherwise be rendered in full before being cut).
function joinBounded(parts: (() => string)[]): string {
  let out = '';
  for (let i = 0; i < parts.length; i += 1) {
    if (out.length > MAX_LENGTH) return `${out}, ...`;
    out += (i === 0 ? '' : ', ') + parts[i]!();
  }
  return out;
}
