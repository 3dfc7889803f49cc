// A server could not take its address: the port is in use, the host is not
// one of this machine's, ... The message names the port, for the user.

const REASONS: Record<string, string> = {
  EADDRINUSE: 'is already in use',
  EACCES: 'needs more privileges',
  EADDRNOTAVAIL: 'is on an address that this machine does not have',
  ENOTFOUND: 'is on a host name that does not resolve',
};

export class ListenError extends Error {
  override name = 'ListenError';

  constructor(
    /** What tried to listen: "the docs server", "the mock". */
    readonly what: string,
    readonly host: string,
    readonly port: number,
    /** The system error code: EADDRINUSE, EACCES, ... */
    readonly code: string,
  ) {
    super(`${what} cannot listen on ${host}:${port}: port ${port} ${REASONS[code] ?? `gives ${code}`}`);
  }

  /** The ListenError for an error of `listen()`, or undefined if it is another error. */
  static from(error: unknown, what: string, host: string, port: number): ListenError | undefined {
    const code = (error as { code?: unknown } | null)?.code ?? /\b(E[A-Z]{4,})\b/.exec(String(error))?.[1];
    return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? new ListenError(what, host, port, code) : undefined;
  }
}
