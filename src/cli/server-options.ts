// Where the long-running commands listen and what they reach: one rule for a
// port, a host and a URL, from a flag, else an environment variable, else a
// default that the help prints.
import { isIP } from 'node:net';
import { UsageError } from './command.js';
import type { Flag } from './options.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DOCS_PORT = 8080;
export const DEFAULT_MOCK_PORT = 4010;
export const DEFAULT_SERVE_PORT = 8779;

export const ENV = {
  host: 'TROVE_BACKUPS_HOST',
  docsPort: 'TROVE_BACKUPS_DOCS_PORT',
  mockPort: 'TROVE_BACKUPS_MOCK_PORT',
} as const;

/** Where a port comes from when its flag is not given. */
export interface PortSource {
  /** The environment variable read before the default, if any. */
  env?: string;
  /** The default: a port, or 0 for any free one. */
  fallback: number;
}

export const DOCS_PORT: PortSource = { env: ENV.docsPort, fallback: DEFAULT_DOCS_PORT };
export const MOCK_PORT: PortSource = { env: ENV.mockPort, fallback: DEFAULT_MOCK_PORT };
export const SERVE_PORT: PortSource = { fallback: DEFAULT_SERVE_PORT };
export const ANY_PORT: PortSource = { fallback: 0 };

function defaultOf(source: PortSource): string {
  return source.env ? `${source.fallback}, or $${source.env}` : String(source.fallback);
}

/** The help of a port flag: "the mock's port" ... */
export function portFlag(what: string, source: PortSource): Flag {
  const help = source.fallback === 0 ? `${what} (default: any free port)` : `${what} (default ${defaultOf(source)}; 0: any free port)`;
  return { type: 'string', value: 'N', help };
}

export function hostFlag(what = 'the address to listen on'): Flag {
  return { type: 'string', value: 'HOST', help: `${what} (default ${DEFAULT_HOST}, or $${ENV.host})` };
}

/** A whole number from 0 to 65535, digits only (" 80" and "8e1" are refused). */
function parsePort(text: string, from: string): number {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) {
    throw new UsageError(`${from} must be a port number from 0 to 65535 (0: any free port), not "${text}"`);
  }
  return port;
}

/** The port from the flag, else from the source's environment variable, else its default. */
export function portOption(flag: string | undefined, flagName: string, source: PortSource, env = process.env): number {
  if (flag !== undefined) return parsePort(flag, flagName);
  const fromEnv = source.env === undefined ? undefined : env[source.env];
  return source.env !== undefined && fromEnv !== undefined && fromEnv !== '' ? parsePort(fromEnv, source.env) : source.fallback;
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** An IP address (an IPv6 one with or without brackets) or a host name; the brackets are dropped. */
function parseHost(text: string, from: string): string {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (bare === '') throw new UsageError(`${from} must not be empty`);
  if (isIP(bare) === 0 && !(text === bare && HOST_NAME.test(bare))) {
    throw new UsageError(`${from} must be a host name or an IP address, not "${text}"`);
  }
  return bare;
}

export function hostOption(flag: string | undefined, env = process.env): string {
  if (flag !== undefined) return parseHost(flag, '--host');
  const fromEnv = env[ENV.host];
  return fromEnv !== undefined && fromEnv !== '' ? parseHost(fromEnv, ENV.host) : DEFAULT_HOST;
}

/** An http or https URL with a host, without credentials, query or fragment. */
export function urlOption(text: string, flagName: string): URL {
  const refuse = () => new UsageError(`${flagName} must be an http or https URL such as http://127.0.0.1:8779, not "${text}"`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse();
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') throw refuse();
  if (url.username || url.password) throw new UsageError(`${flagName} must not hold a user or password: "${text}"`);
  if (url.search || url.hash) throw new UsageError(`${flagName} must not have a query or fragment: "${text}"`);
  return url;
}

/** How to choose another port, for the error when one is taken: "--port or $X (the default is 8080)". */
export function portHint(flagName: string, source: PortSource): string {
  const via = source.env ? `${flagName} or ${source.env}` : flagName;
  return source.fallback === 0 ? via : `${via} (the default is ${source.fallback})`;
}
