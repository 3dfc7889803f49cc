// A Keystone v3 login kept for a client: the token until shortly before it
// expires (or until the API refuses it), the catalog endpoint of the
// Backups API, and at most one login in flight at a time.
import { authRequestBody } from './auth-request.js';
import { type CatalogService, findEndpoint } from './catalog.js';
import { KeystoneConfigError, KeystoneError } from './errors.js';
import { type HttpBounds, keystoneMessage, keystoneRequest } from './http.js';
import { identityV3, KEYSTONE_DEFAULTS, type KeystoneOptions, normalizeInterface } from './options.js';

/** One token Keystone issued. */
export interface KeystoneToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  projectId: string;
  userId: string | undefined;
  roles: string[];
  /** The Database endpoint of the catalog (or the override). */
  endpoint: string;
}

export interface KeystoneSession {
  /** A valid token: the kept one, or a new login when it is about to expire or was `rejected`. */
  getToken(context?: { rejected?: string }): Promise<string>;
  /** The current login (logging in first when there is none). */
  login(): Promise<KeystoneToken>;
  /** The Database endpoint, ending in /v1.0/<project_id>. */
  endpoint(): Promise<string>;
  /** Forget the token (the next call logs in again). */
  invalidate(): void;
  /** How many logins were made (for tests and logs). */
  readonly logins: number;
}

export function createKeystoneSession(options: KeystoneOptions): KeystoneSession {
  if (typeof options !== 'object' || options === null) throw new KeystoneConfigError('the Keystone options must be an object');
  const tokensUrl = `${identityV3(options.authUrl)}/auth/tokens`;
  const body = JSON.stringify(authRequestBody(options));
  const query = {
    serviceType: options.serviceType ?? KEYSTONE_DEFAULTS.serviceType,
    interface: normalizeInterface(options.interface ?? KEYSTONE_DEFAULTS.interface),
    regionName: options.regionName,
  };
  const bounds = httpBounds(options);
  const now = options.now ?? Date.now;
  const margin = options.expiryMarginMs ?? KEYSTONE_DEFAULTS.expiryMarginMs;
  let current: KeystoneToken | undefined;
  let pending: Promise<KeystoneToken> | undefined;
  let logins = 0;

  const login = (): Promise<KeystoneToken> => {
    pending ??= (async () => {
      try {
        logins++;
        const response = await keystoneRequest(bounds, tokensUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
        });
        if (response.status !== 201 && response.status !== 200) {
          throw new KeystoneError(`Keystone refused the login (${response.status}): ${keystoneMessage(response)}`, response.status);
        }
        current = issuedToken(
          response.headers.get('x-subject-token'),
          response.json,
          (catalog) => options.endpointOverride ?? findEndpoint(catalog, query),
        );
        return current;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };
  const fresh = () => current !== undefined && current.expiresAt - margin > now();
  const valid = (): Promise<KeystoneToken> => (fresh() ? Promise.resolve(current as KeystoneToken) : login());

  return {
    async getToken(context = {}) {
      if (context.rejected !== undefined && current?.token === context.rejected) current = undefined;
      return (await valid()).token;
    },
    login: valid,
    endpoint: async () => (await valid()).endpoint,
    invalidate: () => {
      current = undefined;
    },
    get logins() {
      return logins;
    },
  };
}

function httpBounds(options: KeystoneOptions): HttpBounds {
  const timeoutMs = options.timeoutMs ?? KEYSTONE_DEFAULTS.timeoutMs;
  const maxBodyBytes = options.maxBodyBytes ?? KEYSTONE_DEFAULTS.maxBodyBytes;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs))
    throw new KeystoneConfigError(`timeoutMs must be a positive number, not ${timeoutMs}`);
  if (!(maxBodyBytes > 0)) throw new KeystoneConfigError(`maxBodyBytes must be a positive number, not ${maxBodyBytes}`);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw new KeystoneConfigError('fetch must be a function');
  return { fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)), timeoutMs, maxBodyBytes };
}

interface TokenBody {
  token?: {
    expires_at?: unknown;
    project?: { id?: unknown };
    user?: { id?: unknown };
    roles?: { name?: unknown }[];
    catalog?: CatalogService[];
  };
}

function issuedToken(token: string | null, json: unknown, endpointOf: (catalog: CatalogService[]) => string): KeystoneToken {
  const body = (json as TokenBody | undefined)?.token;
  if (!token) throw new KeystoneError('Keystone answered the login without an X-Subject-Token header');
  if (!body || typeof body.expires_at !== 'string')
    throw new KeystoneError('Keystone answered the login without a token body with expires_at');
  const expiresAt = Date.parse(body.expires_at);
  if (Number.isNaN(expiresAt)) throw new KeystoneError(`Keystone's expires_at is not a date: ${body.expires_at}`);
  const projectId = body.project?.id;
  if (typeof projectId !== 'string') throw new KeystoneError('the token is not scoped to a project: give a project to log in to');
  if (!Array.isArray(body.catalog)) throw new KeystoneError('the token has no catalog (was it asked with nocatalog?)');
  return {
    token,
    expiresAt,
    projectId,
    userId: typeof body.user?.id === 'string' ? body.user.id : undefined,
    roles: (body.roles ?? []).map((r) => r.name).filter((n): n is string => typeof n === 'string'),
    endpoint: endpointOf(body.catalog),
  };
}
