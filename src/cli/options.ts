// The one option parser of the CLI. A command declares its flags once; that
// gives the parsing (node:util's tokens), the usage errors (an unknown flag
// with the closest known one, a missing value, a stray argument) and the
// Options section of its --help, in the same words for every command.
import { parseArgs } from 'node:util';
import { UsageError } from './command.js';

export interface Flag {
  type: 'string' | 'boolean';
  /** The value's name in the help (N, HOST, URL, FILE); string flags only. */
  value?: string;
  /** What it does, lower case, no full stop; a line break starts a new help line. */
  help: string;
}

export type Flags = Record<string, Flag>;

export type FlagValues<F extends Flags> = {
  [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : string;
};

export interface CommandSpec<F extends Flags> {
  /** The subcommand: `serve`. */
  name: string;
  /** What follows `trove-backups <name>` in the usage line; one entry per form. */
  synopsis: string[];
  /** What the command does, as paragraphs of the help. */
  description: string;
  flags: F;
  /** The help's last paragraph (the exit codes), if the command has one. */
  footer?: string;
}

const HELP_FLAG = '-h, --help';

/** A command's spec, with its flags' types kept for parseFlags. */
export function commandSpec<F extends Flags>(spec: CommandSpec<F>): CommandSpec<F> {
  return spec;
}

/** The flags' values; a usage error (exit code 2) for anything else on the command line. */
export function parseFlags<F extends Flags>(spec: CommandSpec<F>, argv: string[]): FlagValues<F> {
  const options = Object.fromEntries(Object.entries(spec.flags).map(([name, flag]) => [name, { type: flag.type }]));
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean> = {};
  const usageError = (message: string) => new UsageError(`${message}; see trove-backups ${spec.name} --help`);
  for (const token of tokens) {
    if (token.kind === 'positional') throw usageError(`unexpected argument "${token.value}"`);
    if (token.kind !== 'option') continue;
    const flag = spec.flags[token.name];
    if (!flag || !token.rawName.startsWith('--')) throw usageError(unknownFlag(token.rawName, Object.keys(spec.flags)));
    const { value } = token;
    if (flag.type === 'boolean') {
      if (value !== undefined) throw usageError(`${token.rawName} takes no value`);
      values[token.name] = true;
    } else {
      if (value === undefined || (!token.inlineValue && value.startsWith('--')))
        throw usageError(`${token.rawName} needs a value (${flag.value ?? 'a value'})`);
      values[token.name] = value;
    }
  }
  return values as FlagValues<F>;
}

function unknownFlag(raw: string, known: string[]): string {
  const name = raw.replace(/^-+/, '');
  const near = closest(name, known);
  return `unknown option ${raw}${near === undefined ? '' : ` (did you mean --${near}?)`}`;
}

/**
 * The known name nearest to `word`: one that contains it (`port` for
 * `docs-port`), else one within an edit or two (a swapped pair counts one).
 */
export function closest(word: string, known: string[]): string | undefined {
  if (word.length >= 3) {
    const containing = known.find((name) => name.includes(word));
    if (containing !== undefined) return containing;
  }
  const allowed = word.length <= 4 ? 1 : 2;
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(word, name);
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b`. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The command's --help: usage lines, description, the flags (and -h), the footer. */
export function usageOf<F extends Flags>(spec: CommandSpec<F>): string {
  const usage = spec.synopsis.map((form, i) => `${i === 0 ? 'Usage:' : '      '} trove-backups ${spec.name}${form ? ` ${form}` : ''}`);
  const rows: [string, string][] = Object.entries(spec.flags).map(([name, flag]) => [
    `--${name}${flag.value ? ` ${flag.value}` : ''}`,
    flag.help,
  ]);
  rows.push([HELP_FLAG, 'this help']);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const options = rows.flatMap(([left, help]) => help.split('\n').map((line, i) => `  ${(i === 0 ? left : '').padEnd(width)}${line}`));
  return [usage.join('\n'), spec.description, ['Options:', ...options].join('\n'), ...(spec.footer ? [spec.footer] : [])].join('\n\n');
}
