// Compiles wrong-inputs.ts with its @ts-expect-error comments turned off and
// checks that each marked line fails with the error its comment names, and
// that no other line fails: the wrong inputs are refused for the intended
// reason, not for a typo next to it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { root } from '../../helpers/files.js';

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

function diagnostics(): Array<{ line: number; code: number; message: string }> {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('cannot read tsconfig.json');
  const unmarked = source.replace(/@ts-expect-error/g, 'was-expect-error');
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? unmarked : read(name));
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) =>
    name === file ? ts.createSourceFile(name, unmarked, version) : getSource(name, version, onError);
  const program = ts.createProgram([file], config.options, host);
  const sourceFile = program.getSourceFile(file);
  return [...program.getSemanticDiagnostics(sourceFile), ...program.getSyntacticDiagnostics(sourceFile)].map((d) => ({
    line: (d.file?.getLineAndCharacterOfPosition(d.start ?? 0).line ?? -1) + 1,
    code: d.code,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

describe('wrong inputs do not compile', () => {
  const found = diagnostics();

  it('has marked lines', () => {
    expect(expected.length).toBeGreaterThanOrEqual(15);
  });

  it.each(expected.map((e) => [`line ${e.line}: TS${e.code} ${e.fragment}`, e] as const))('%s', (_name, e) => {
    const onLine = found.filter((d) => d.line === e.line);
    expect(onLine.map((d) => d.code), onLine.map((d) => d.message).join('\n')).toContain(e.code);
    expect(onLine.some((d) => d.code === e.code && d.message.includes(e.fragment)), onLine.map((d) => d.message).join('\n---\n')).toBe(true);
  });

  it('every other line compiles (the valid twins)', () => {
    const lines = new Set(expected.map((e) => e.line));
    expect(found.filter((d) => !lines.has(d.line))).toEqual([]);
  });
});
