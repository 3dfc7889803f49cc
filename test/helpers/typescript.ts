// Type-checks one TypeScript file whose text is given (it need not exist on
// disk) with the project's tsconfig.json, and lists its errors.
import { join } from 'node:path';
import ts from 'typescript';
import { root } from './files.js';

export interface Diagnostic {
  /** 1-based. */
  line: number;
  code: number;
  message: string;
}

export function diagnosticsOf(file: string, text: string): Diagnostic[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error('cannot read tsconfig.json');
  const host = ts.createCompilerHost(config.options);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) =>
    name === file ? ts.createSourceFile(name, text, version) : getSource(name, version, onError);
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || exists(name);
  const program = ts.createProgram([file], config.options, host);
  const source = program.getSourceFile(file);
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => ({
    line: (d.file?.getLineAndCharacterOfPosition(d.start ?? 0).line ?? -1) + 1,
    code: d.code,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}
