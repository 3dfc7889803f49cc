// The check's own errors, worded without the CLI's flags: the CLI (or any
// other caller) translates them into its own words and exit codes.

/** The names of the check's options, as an error refers to them. */
export type CheckOptionName =
  | 'endpoint'
  | 'token'
  | 'project'
  | 'adminToken'
  | 'adminProject'
  | 'only'
  | 'knownDeviations'
  | 'timeout'
  | 'deadline'
  | 'requestTimeout'
  | 'generate'
  | 'seed';

/**
 * A mistake in what the caller asked for. With `option`, the message is a
 * predicate about that option ("must be a URL ..."); without, a sentence.
 */
export class CheckInputError extends Error {
  override name = 'CheckInputError';
  constructor(
    message: string,
    readonly option?: CheckOptionName,
  ) {
    super(message);
  }
}

/** The server cannot be checked: it does not answer, or stopped answering. */
export class ServerUnusableError extends Error {
  override name = 'ServerUnusableError';
}

/** A request that got no answer (refused, reset, or timed out). */
export class NoAnswerError extends Error {
  override name = 'NoAnswerError';
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
  }
}
