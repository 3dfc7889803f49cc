// Where the servers of `docs`, `mock` and `start` listen: a flag, else an
// environment variable, else a fixed default (printed in the usage).
import { ListenError } from '../net/listen-error.js';
import { UsageError } from './command.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DOCS_PORT = 8080;
export const DEFAULT_MOCK_PORT = 4010;

export const ENV = {
  host: 'TROVE_BACKUPS_HOST',
  docsPort: 'TROVE_BACKUPS_DOCS_PORT',
  mockPort: 'TROVE_BACKUPS_MOCK_PORT',
} as const;

function parsePort(text: string, from: string): number {
  const port = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || port > 65535) {
    throw new UsageError(`${from} must be a port number from 0 to 65535 (0: any free port), not "${text}"`);
  }
  return port;
}

/** The port from the flag, else from the environment variable, else the default. */
export function portOption(flag: string | undefined, flagName: string, envName: string, fallback: number, env = process.env): number {
  if (flag !== undefined) return parsePort(flag, flagName);
  const fromEnv = env[envName];
  return fromEnv !== undefined && fromEnv !== '' ? parsePort(fromEnv, envName) : fallback;
}

export function hostOption(flag: string | undefined, env = process.env): string {
  if (flag !== undefined && flag.trim() === '') throw new UsageError('--host must not be empty');
  return flag ?? (env[ENV.host] || DEFAULT_HOST);
}

/**
 * A ListenError is the user's to fix: it becomes a UsageError that says how
 * to choose another port. `hints` maps what failed ("the mock") to the flags.
 */
export function listenErrorAsUsageError(error: unknown, hints: Record<string, string>): unknown {
  if (!(error instanceof ListenError)) return error;
  const hint = hints[error.what];
  return new UsageError(hint ? `${error.message}; choose another port with ${hint}` : error.message);
}
