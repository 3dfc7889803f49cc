// The reference server as its own Keystone v3, below /identity: enough of
// POST/GET/DELETE /v3/auth/tokens (password, application credential and token
// methods) and of version discovery for the OpenStack SDKs and CLI to log in
// and find the Database endpoint in the catalog.
import type { IncomingHttpHeaders } from 'node:http';
import { authenticate } from '../auth.js';
import type { Reply } from '../http-reply.js';
import { parseJsonBody } from '../request-body.js';
import type { Caller, ReferenceState } from '../state.js';
import type { KeystoneUserConfig, ResolvedKeystoneConfig } from './config.js';
import { type IssuedToken, tokenStore } from './tokens.js';

export const IDENTITY_PREFIX = '/identity';

const DOMAIN = { id: 'default', name: 'Default' };

export function keystoneError(status: number, title: string, message: string, identityUrl?: string): Reply {
  const reply: Reply = { status, body: { error: { code: status, message, title } } };
  if (status === 401 && identityUrl) reply.headers = { 'WWW-Authenticate': `Keystone uri="${identityUrl}"` };
  return reply;
}

// As Keystone, whose WWW-Authenticate names its v3 endpoint.
const unauthorized = (identityUrl: string) =>
  keystoneError(401, 'Unauthorized', 'The request you have made requires authentication.', `${identityUrl}/v3`);

export interface IdentityRequest {
  method: string;
  pathname: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** http://host:port of this server, as the client reached it. */
  origin: string;
}

export function identityReply(state: ReferenceState, keystone: ResolvedKeystoneConfig, request: IdentityRequest): Reply {
  const path = request.pathname.slice(IDENTITY_PREFIX.length).replace(/\/+$/, '');
  const identityUrl = `${request.origin}${IDENTITY_PREFIX}`;
  if (path === '' && request.method === 'GET') return { status: 300, body: { versions: { values: [version(identityUrl)] } } };
  if (path === '/v3' && request.method === 'GET') return { status: 200, body: { version: version(identityUrl) } };
  if (path !== '/v3/auth/tokens') return keystoneError(404, 'Not Found', 'The resource could not be found.');
  const store = tokenStore(state);
  const now = state.now();
  if (request.method === 'POST') return login(state, keystone, request, identityUrl);
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'DELETE') {
    return keystoneError(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.');
  }
  if (!store.valid(header(request.headers, 'x-auth-token'), now)) return unauthorized(identityUrl);
  const subjectId = header(request.headers, 'x-subject-token') ?? '';
  const subject = store.valid(subjectId, now);
  if (!subject) return keystoneError(404, 'Not Found', `Could not find token: ${subjectId}.`);
  if (request.method === 'DELETE') {
    store.revoke(subjectId);
    return { status: 204 };
  }
  return { status: 200, headers: { 'X-Subject-Token': subjectId }, body: tokenBody(keystone, subject, request.origin) };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

function version(identityUrl: string) {
  return {
    id: 'v3.14',
    status: 'stable',
    updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${identityUrl}/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  };
}

/** The value at a path of a parsed JSON body, or undefined. */
function at(value: unknown, ...path: string[]): unknown {
  let here = value;
  for (const key of path) here = typeof here === 'object' && here !== null ? (here as Record<string, unknown>)[key] : undefined;
  return here;
}

type Found = Omit<IssuedToken, 'issuedAt' | 'expiresAt' | 'auditId'>;

function login(state: ReferenceState, keystone: ResolvedKeystoneConfig, request: IdentityRequest, identityUrl: string): Reply {
  const parsed = parseJsonBody(request.body);
  const body = parsed.ok ? parsed.value : undefined;
  const identity = at(body, 'auth', 'identity');
  const methods = at(identity, 'methods');
  if (!Array.isArray(methods) || methods.length !== 1 || typeof methods[0] !== 'string') {
    return keystoneError(
      400,
      'Bad Request',
      'Expecting to find identity in auth. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.',
    );
  }
  const found = identify(state, keystone, methods[0], identity);
  if (!found) return unauthorized(identityUrl);
  // An application credential brings its own project; the other methods must name the user's.
  if (found.method !== 'application_credential' && !inScope(found.user, at(body, 'auth', 'scope', 'project')))
    return unauthorized(identityUrl);
  const now = state.now();
  const store = tokenStore(state);
  const id = store.issue({ ...found, issuedAt: now, expiresAt: now + keystone.tokenTtlSeconds * 1000 });
  return {
    status: 201,
    headers: { 'X-Subject-Token': id },
    body: tokenBody(keystone, store.valid(id, now) as IssuedToken, request.origin),
  };
}

function identify(state: ReferenceState, keystone: ResolvedKeystoneConfig, method: string, identity: unknown): Found | undefined {
  if (method === 'password') {
    const user = at(identity, 'password', 'user');
    const [name, id] = [at(user, 'name'), at(user, 'id')];
    const known = keystone.users.find(
      (u) => (name === u.name || id === userId(u)) && (id !== undefined || inDefaultDomain(at(user, 'domain'))),
    );
    return known && at(user, 'password') === known.password ? { user: known, method } : undefined;
  }
  if (method === 'application_credential') {
    const given = at(identity, 'application_credential');
    const [id, name] = [at(given, 'id'), at(given, 'name')];
    const credential = keystone.applicationCredentials.find((c) => id === c.id || (name !== undefined && name === c.name));
    const user = keystone.users.find((u) => u.name === credential?.user);
    if (!credential || !user || at(given, 'secret') !== credential.secret) return undefined;
    return { user, method, applicationCredentialId: credential.id };
  }
  if (method === 'token') {
    const token = at(identity, 'token', 'id');
    const old = tokenStore(state).valid(typeof token === 'string' ? token : undefined, state.now());
    return old ? { user: old.user, method } : undefined;
  }
  return undefined;
}

const userId = (u: KeystoneUserConfig) => `u-${u.name}`;

const inDefaultDomain = (domain: unknown) => at(domain, 'id') === DOMAIN.id || at(domain, 'name') === DOMAIN.name;

// The reference server gives each user one project: the scope must name it.
function inScope(user: KeystoneUserConfig, project: unknown): boolean {
  if (at(project, 'id') !== undefined) return at(project, 'id') === user.project_id;
  return at(project, 'name') === (user.project_name ?? user.project_id) && inDefaultDomain(at(project, 'domain'));
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/Z$/, '000Z');

function tokenBody(keystone: ResolvedKeystoneConfig, token: IssuedToken, origin: string) {
  const { user } = token;
  const roles = user.roles ?? ['member'];
  const endpoint = (type: string, name: string, url: string) => ({
    id: `${name}-service`,
    type,
    name,
    endpoints: ['public', 'internal', 'admin'].map((iface) => ({
      id: `${name}-${iface}`,
      interface: iface,
      region_id: keystone.region,
      region: keystone.region,
      url,
    })),
  });
  return {
    token: {
      methods: [token.method],
      user: { domain: DOMAIN, id: userId(user), name: user.name, password_expires_at: null },
      audit_ids: [token.auditId],
      expires_at: iso(token.expiresAt),
      issued_at: iso(token.issuedAt),
      project: { domain: DOMAIN, id: user.project_id, name: user.project_name ?? user.project_id },
      is_domain: false,
      roles: roles.map((name) => ({ id: `role-${name}`, name })),
      ...(token.applicationCredentialId ? { application_credential: { id: token.applicationCredentialId, restricted: true } } : {}),
      catalog: [
        endpoint('database', 'trove', `${origin}/v1.0/${encodeURIComponent(user.project_id)}`),
        endpoint('identity', 'keystone', `${origin}${IDENTITY_PREFIX}`),
      ],
    },
  };
}

/** The caller of a Backups API request when the server is its own Keystone: the user of a valid token. */
function keystoneCaller(state: ReferenceState, token: string | undefined): Caller | undefined {
  const issued = tokenStore(state).valid(token, state.now());
  if (!issued) return undefined;
  return { projectId: issued.user.project_id, isAdmin: (issued.user.roles ?? []).includes('admin') };
}

/** Who sends a Backups API request: with the server's own Keystone, the user of an issued token (or of a configured one). */
export function callerOf(state: ReferenceState, token: string | undefined): Caller | undefined {
  if (!state.config.keystone) return authenticate(token, state.config.tokens);
  return keystoneCaller(state, token) ?? (state.config.tokens ? authenticate(token, state.config.tokens) : undefined);
}

export const isIdentityPath = (pathname: string) => pathname === IDENTITY_PREFIX || pathname.startsWith(`${IDENTITY_PREFIX}/`);
