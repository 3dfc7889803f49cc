// What a Keystone v3 login needs, as the OpenStack SDKs name it (the keys
// of a clouds.yaml `auth` section, in camelCase), and its validation.
import { KeystoneConfigError } from './errors.js';
import type { FetchFunction } from './http.js';

export type AuthType = 'password' | 'v3password' | 'v3applicationcredential' | 'token' | 'v3token';
export type EndpointInterface = 'public' | 'internal' | 'admin';

export interface KeystoneCredentials {
  /** The Identity endpoint, with or without `/v3` (for example https://keystone.example:5000/v3). */
  authUrl: string;
  /** Which method to log in with; guessed from the credentials given when absent. */
  authType?: AuthType;
  username?: string;
  userId?: string;
  password?: string;
  userDomainName?: string;
  userDomainId?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret?: string;
  /** An existing token, exchanged for a project-scoped one with a catalog. */
  token?: string;
  projectId?: string;
  projectName?: string;
  projectDomainName?: string;
  projectDomainId?: string;
  /** The domain of the user and the project when no more precise one is given (openstacksdk's default_domain). */
  defaultDomain?: string;
}

export interface KeystoneCatalogOptions {
  /** The catalog service type of the Backups API. Default `database`. */
  serviceType?: string;
  /** Which endpoint of the service. Default `public`. */
  interface?: EndpointInterface;
  /** The region of the endpoint; required when the catalog has the service in several regions. */
  regionName?: string;
  /** Use this Database endpoint instead of the catalog's (openstacksdk's database_endpoint_override). */
  endpointOverride?: string;
}

export interface KeystoneHttpOptions {
  /** A fetch to use instead of the global one. */
  fetch?: FetchFunction;
  /** The limit on each request to Keystone. Default 30 s. */
  timeoutMs?: number;
  /** The largest Keystone answer accepted. Default 4 MiB (a large catalog is a few hundred kB). */
  maxBodyBytes?: number;
  /** Log in again this long before the token expires. Default 60 s. */
  expiryMarginMs?: number;
  /** The clock, in milliseconds since the epoch (tests pass their own). */
  now?: () => number;
}

export type KeystoneOptions = KeystoneCredentials & KeystoneCatalogOptions & KeystoneHttpOptions;

export const KEYSTONE_DEFAULTS = {
  serviceType: 'database',
  interface: 'public' as EndpointInterface,
  timeoutMs: 30_000,
  maxBodyBytes: 4 * 1024 * 1024,
  expiryMarginMs: 60_000,
};

const INTERFACES = new Set(['public', 'internal', 'admin']);

/** `publicURL`, `internalURL` (the v2 names some clouds.yaml files still use) and the plain names. */
export function normalizeInterface(value: string): EndpointInterface {
  const name = value.replace(/URL$/, '');
  if (!INTERFACES.has(name)) throw new KeystoneConfigError(`interface must be public, internal or admin, not "${value}"`);
  return name as EndpointInterface;
}

/** The authUrl ending in /v3, without a trailing slash. */
export function identityV3(authUrl: string): string {
  let url: URL;
  try {
    url = new URL(authUrl);
  } catch {
    throw new KeystoneConfigError(`the auth URL is not a valid URL: ${JSON.stringify(authUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new KeystoneConfigError(`the auth URL must be http or https: ${authUrl}`);
  if (url.username || url.password) throw new KeystoneConfigError('the auth URL must not carry a user or password');
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/v2\.0$/.test(path)) throw new KeystoneConfigError(`Keystone v2.0 is gone: give the v3 auth URL, not ${authUrl}`);
  return `${url.origin}${/\/v3$/.test(path) ? path : `${path}/v3`}`;
}

/** Which method the credentials call for. */
export function authTypeOf(credentials: KeystoneCredentials): 'password' | 'application_credential' | 'token' {
  const type = credentials.authType;
  if (type === 'v3applicationcredential') return 'application_credential';
  if (type === 'token' || type === 'v3token') return 'token';
  if (type === 'password' || type === 'v3password') return 'password';
  if (type !== undefined)
    throw new KeystoneConfigError(`auth type "${String(type)}" is not supported: use password, v3applicationcredential or token`);
  if (credentials.applicationCredentialSecret !== undefined) return 'application_credential';
  if (credentials.password !== undefined) return 'password';
  if (credentials.token !== undefined) return 'token';
  throw new KeystoneConfigError('no credentials: give a password, an application credential secret or a token');
}
