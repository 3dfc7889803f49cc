// The options of createBackupsClient, and their validation: a mistake is
// reported when the client is created, in words, not at the first request.
import { fixedToken, type GetToken, type TokenSource, tokenFrom } from './auth.js';
import { DEFAULT_RETRY, NO_RETRY, type RetryOptions, type RetryPolicy } from './retry.js';
import { USER_AGENT } from './version.js';

/** The fetch the client calls: the global one by default. It is always called with a URL string. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** Where the API is: the catalog endpoint, or its root and the project. */
export type ClientLocation =
  | {
      /** The Database endpoint of the Keystone service catalog, which ends in `/v1.0/{project_id}`. */
      endpoint: string;
      baseUrl?: never;
      projectId?: never;
    }
  | {
      /** The root of the API (where `GET /` lists the versions), without `/v1.0`. */
      baseUrl: string;
      /** The project (tenant) of the token. */
      projectId: string;
      endpoint?: never;
    };

/** How the client authenticates: a token, or a function that gets one (again after a 401). */
export type ClientCredentials =
  | { token: string; getToken?: never }
  | {
      /** Called before the first request and once more after a 401 (with the refused token), then the request is sent again once. */
      getToken: GetToken;
      token?: never;
    };

export interface ClientSettings {
  /** A fetch to use instead of the global one (a proxy agent, a test double, ...). */
  fetch?: FetchFunction;
  /** The limit on each HTTP exchange, from sending to the end of the body; a retry gets a new one. None by default (0), as with fetch. */
  timeoutMs?: number;
  /** Aborts every request of this client when it fires. */
  signal?: AbortSignal;
  /** Extra headers for every request. They may replace Accept and User-Agent, not X-Auth-Token. */
  headers?: Record<string, string>;
  /** Retries of GET requests after a 503 or a connection error; `false` turns them off. */
  retry?: RetryOptions | false;
  /** The largest response body read, in bytes (default 10 MiB); a larger one rejects with TroveResponseTooLargeError. */
  maxResponseBytes?: number;
}

export type BackupsClientOptions = ClientLocation & ClientCredentials & ClientSettings;

export interface ResolvedOptions {
  /** The API root, without a trailing slash: the spec's paths are below it. */
  baseUrl: string;
  projectId: string;
  fetch: FetchFunction;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  headers: Record<string, string>;
  retry: RetryPolicy;
  maxResponseBytes: number;
  tokens: TokenSource;
}

// No per-request timeout unless asked for, as with fetch itself (whose
// undici gives up after 300 s without response headers): a timeout means an
// AbortSignal per request, which costs Node's fetch about 8% of a local
// request (bench/client.bench.ts measures both).
export const DEFAULT_TIMEOUT_MS = 0;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 2 ** 20;
// The longest delay setTimeout holds: a longer one fires at once.
export const MAX_DELAY_MS = 2 ** 31 - 1;

/** A delay or limit in milliseconds that a timer can hold; Infinity (none) only where `infinite` allows it. */
export function checkMs(name: string, value: unknown, infinite = false): number {
  if (typeof value !== 'number' || !(value >= 0 && (value <= MAX_DELAY_MS || (infinite && value === Infinity))))
    throw new TypeError(
      `${name} must be a number of milliseconds from 0 to ${MAX_DELAY_MS}${infinite ? ' (or Infinity)' : ''}, not ${String(value)}`,
    );
  return value;
}

/** A timeoutMs option: checked, with Infinity (no limit) as 0; undefined stays undefined. */
export function timeoutOf(value: unknown, name = 'timeoutMs'): number | undefined {
  if (value === undefined) return undefined;
  const ms = checkMs(name, value, true);
  return ms === Infinity ? 0 : ms;
}

// '.' and '..' would be resolved away by URL parsing and address another resource.
export const isDotSegment = (value: string): boolean => value === '.' || value === '..';

const PREFIX = 'createBackupsClient: ';
const fail = (message: string): never => {
  throw new TypeError(PREFIX + message);
};

export function resolveOptions(options: BackupsClientOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail('options must be an object');
  const { baseUrl, projectId } = location(options);
  return {
    baseUrl,
    projectId,
    fetch: fetchFunction(options.fetch),
    timeoutMs: timeoutOf(options.timeoutMs, `${PREFIX}timeoutMs`) ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: maxResponseBytes(options.maxResponseBytes),
    signal: signal(options.signal),
    headers: headers(options.headers),
    retry: retry(options.retry),
    tokens: credentials(options),
  };
}

function location(options: BackupsClientOptions): { baseUrl: string; projectId: string } {
  const { endpoint, baseUrl, projectId } = options as { endpoint?: unknown; baseUrl?: unknown; projectId?: unknown };
  if (endpoint !== undefined) {
    if (baseUrl !== undefined || projectId !== undefined) fail('give either endpoint, or baseUrl and projectId, not both');
    const url = httpUrl('endpoint', endpoint);
    const match = /^(.*)\/v1\.0\/([^/]+)$/.exec(url.pathname.replace(/\/+$/, ''));
    if (!match) {
      return fail(`endpoint must be the Database endpoint of the service catalog, ending in /v1.0/<project_id>, not ${String(endpoint)}`);
    }
    let id: string;
    try {
      id = decodeURIComponent(match[2] as string);
    } catch {
      return fail("endpoint's project id has a malformed percent-escape");
    }
    return { baseUrl: `${url.origin}${match[1]}`, projectId: project(id) };
  }
  if (baseUrl === undefined) return fail('give endpoint (the catalog URL ending in /v1.0/<project_id>), or baseUrl and projectId');
  const url = httpUrl('baseUrl', baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/v1\.0(\/|$)/.test(path))
    fail(`baseUrl is the root of the API, without /v1.0; for a catalog URL such as ${String(baseUrl)}, give it as endpoint`);
  if (typeof projectId !== 'string' || projectId === '' || projectId.includes('/'))
    fail('projectId must be a non-empty string without "/"');
  return { baseUrl: `${url.origin}${path}`, projectId: project(projectId as string) };
}

function project(id: string): string {
  if (isDotSegment(id)) fail(`the project must not be "${id}"`);
  return id;
}

function httpUrl(name: string, value: unknown): URL {
  if (typeof value !== 'string') return fail(`${name} must be a string URL`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`${name} is not a valid URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`${name} must be an http or https URL, not ${url.protocol}`);
  if (url.search || url.hash) fail(`${name} must have no query or fragment: ${value}`);
  return url;
}

function credentials(options: BackupsClientOptions): TokenSource {
  const { token, getToken } = options as { token?: unknown; getToken?: unknown };
  if (token !== undefined && getToken !== undefined) fail('give either token or getToken, not both');
  if (getToken !== undefined) {
    if (typeof getToken !== 'function') fail('getToken must be a function returning the token (or a promise of it)');
    return tokenFrom(getToken as GetToken);
  }
  if (token === undefined) return fail('give token (a Keystone token) or getToken (a function that returns one)');
  if (typeof token !== 'string' || token === '') fail('token must be a non-empty string');
  return fixedToken(token as string);
}

function fetchFunction(value: unknown): FetchFunction {
  if (value !== undefined) {
    if (typeof value !== 'function') fail('fetch must be a function');
    return value as FetchFunction;
  }
  if (typeof globalThis.fetch !== 'function') fail('this runtime has no global fetch: pass one as the fetch option');
  // Looked up at each call, so that a fetch replaced later (by a test, a mock) is used.
  return (url, init) => globalThis.fetch(url, init);
}

function maxResponseBytes(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof value !== 'number' || !(value >= 1)) fail(`maxResponseBytes must be a number of bytes >= 1, not ${String(value)}`);
  return value as number;
}

function signal(value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (typeof (value as AbortSignal | null)?.addEventListener !== 'function' || typeof (value as AbortSignal).aborted !== 'boolean') {
    fail('signal must be an AbortSignal');
  }
  return value as AbortSignal;
}

function headers(value: unknown): Record<string, string> {
  const out: Record<string, string> = { Accept: 'application/json', 'User-Agent': USER_AGENT };
  if (value === undefined) return out;
  if (typeof value !== 'object' || value === null) return fail('headers must be an object of header names to string values');
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== 'string') fail(`header ${name} must be a string`);
    if (name.toLowerCase() === 'x-auth-token') fail('give the token as token or getToken, not as a header');
    const known = Object.keys(out).find((k) => k.toLowerCase() === name.toLowerCase());
    if (known) delete out[known];
    out[name] = v as string;
  }
  return out;
}

function retry(value: unknown): RetryPolicy {
  if (value === false) return NO_RETRY;
  if (value === undefined) return DEFAULT_RETRY;
  if (typeof value !== 'object' || value === null) return fail('retry must be false or { retries, minDelayMs, maxDelayMs }');
  const policy = { ...DEFAULT_RETRY, ...(value as RetryOptions) };
  if (!Number.isInteger(policy.retries) || policy.retries < 0) fail(`retry.retries must be a whole number >= 0, not ${policy.retries}`);
  for (const key of ['minDelayMs', 'maxDelayMs'] as const) checkMs(`${PREFIX}retry.${key}`, policy[key]);
  if (policy.minDelayMs > policy.maxDelayMs) fail('retry.minDelayMs must not be greater than retry.maxDelayMs');
  return policy;
}
