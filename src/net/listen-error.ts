// A server could not take its address: the port is in use, the host is not
// one of this machine's, ... The message names the address, for the user;
// the CLI adds how to choose another (a domain module knows no flags).
import { authority } from './address.js';

const REASONS: Record<string, (host: string, port: number) => string> = {
  EADDRINUSE: (_host, port) => `port ${port} is already in use`,
  EACCES: (_host, port) => `port ${port} needs more privileges`,
  EADDRNOTAVAIL: (host) => `${host} is not an address of this machine`,
  ENOTFOUND: (host) => `the host name ${host} does not resolve`,
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
    super(`${what} cannot listen on ${authority(host, port)}: ${REASONS[code]?.(host, port) ?? code}`);
  }

  /** The ListenError for an error of `listen()`, or undefined if it is another error. */
  static from(error: unknown, what: string, host: string, port: number): ListenError | undefined {
    const code = (error as { code?: unknown } | null)?.code ?? /\b(E[A-Z]{4,})\b/.exec(String(error))?.[1];
    return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? new ListenError(what, host, port, code) : undefined;
  }
}
