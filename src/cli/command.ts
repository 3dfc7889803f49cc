// What every subcommand module of the CLI exports.
export interface Command {
  /** One line for `trove-backups --help`. */
  summary: string;
  /** The subcommand's own `--help` text. */
  usage: string;
  /** Runs the subcommand with its arguments; resolves to the exit code. */
  run: (argv: string[]) => Promise<number>;
}

/** A mistake of the user's (bad flag, port in use, ...): printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
