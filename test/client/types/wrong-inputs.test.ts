// Compiles wrong-inputs.ts with its @ts-expect-error comments turned off and
// checks that each marked line fails with the error its comment names, and
// that no other line fails: the wrong inputs are refused for the intended
// reason, not for a typo next to it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../helpers/files.js';
import { diagnosticsOf } from '../../helpers/typescript.js';

const file = join(root, 'test/client/types/wrong-inputs.ts');
const source = readFileSync(file, 'utf8');
const MARK = /\/\/ @ts-expect-error TS(\d+) "((?:[^"\\]|\\.)*)"/;

interface Expected {
  line: number;
  code: number;
  fragment: string;
}

const expected: Expected[] = source.split('\n').flatMap((text, index) => {
  const m = MARK.exec(text);
  return m ? [{ line: index + 2, code: Number(m[1]), fragment: (m[2] as string).replace(/\\"/g, '"') }] : [];
});

describe('wrong inputs do not compile', () => {
  const found = diagnosticsOf(file, source.replace(/@ts-expect-error/g, 'was-expect-error'));

  it('has marked lines', () => {
    expect(expected.length).toBeGreaterThanOrEqual(15);
  });

  it.each(expected.map((e) => [`line ${e.line}: TS${e.code} ${e.fragment}`, e] as const))('%s', (_name, e) => {
    const onLine = found.filter((d) => d.line === e.line);
    expect(
      onLine.map((d) => d.code),
      onLine.map((d) => d.message).join('\n'),
    ).toContain(e.code);
    expect(
      onLine.some((d) => d.code === e.code && d.message.includes(e.fragment)),
      onLine.map((d) => d.message).join('\n---\n'),
    ).toBe(true);
  });

  it('every other line compiles (the valid twins)', () => {
    const lines = new Set(expected.map((e) => e.line));
    expect(found.filter((d) => !lines.has(d.line))).toEqual([]);
  });
});
