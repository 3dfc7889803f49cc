#!/usr/bin/env node
// trove-backups: the package's CLI. Each subcommand is a module of its own,
// loaded only when it runs.
import { readFileSync } from 'node:fs';
import type { Command } from './command.js';
import { reportError } from './errors.js';
import { closest } from './options.js';

const commands: Record<string, () => Promise<Command>> = {
  start: async () => import('./start.js'),
  docs: async () => import('./docs.js'),
  mock: async () => import('./mock.js'),
  serve: async () => import('./serve.js'),
  check: async () => import('./check.js'),
  proxy: async () => import('./proxy.js'),
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function help(): Promise<string> {
  const lines = ['Usage: trove-backups <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) lines.push(`  ${name.padEnd(8)} ${(await load()).summary}`);
  lines.push('', 'Run `trove-backups <command> --help` for the options of a command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(version());
    return 0;
  }
  const load = commands[name];
  if (!load) {
    const near = closest(name, Object.keys(commands));
    console.error(`trove-backups: unknown command "${name}"${near ? ` (did you mean ${near}?)` : ''}\n\n${await help()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);
