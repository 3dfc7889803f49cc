// How an error that ends a command reaches the user: the user's own mistakes
// (a bad flag, a port in use, a bad config file) as one line and exit code 2;
// anything else is a bug, printed with its stack, exit code 1.
import { ListenError } from '../net/listen-error.js';
import { ReferenceConfigError } from '../server/config-error.js';
import { UsageError } from './command.js';

/** The domain modules' errors that the user fixes, worded without flags; a command adds its flag hint itself. */
const USERS_TO_FIX: (abstract new (...args: never[]) => Error)[] = [UsageError, ListenError, ReferenceConfigError];

export function isUsersToFix(error: unknown): error is Error {
  // node:util parseArgs' own errors, for a command that still calls it itself rather than parseFlags.
  const nodeParseError = String((error as { code?: unknown } | null)?.code).startsWith('ERR_PARSE_ARGS_');
  return nodeParseError || USERS_TO_FIX.some((type) => error instanceof type);
}

/** Prints the error as the CLI does and gives the exit code. */
export function reportError(error: unknown, print: (text: string) => void = console.error): number {
  if (isUsersToFix(error)) {
    print(`trove-backups: ${error.message}`);
    return 2;
  }
  print(String((error as Error | undefined)?.stack ?? error));
  return 1;
}
