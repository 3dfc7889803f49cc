// Who is calling. Without configured tokens this mirrors the test auth of
// the Trove test server (trove.tests.fakes.keystone): any token is valid,
// its project is the token itself, and a token that starts with `admin` also
// has the admin role. With `tokens`, only those tokens are valid.
import type { IncomingHttpHeaders } from 'node:http';
import type { TokenConfig } from './config-types.js';
import type { Caller } from './state.js';

export function tokenOf(headers: IncomingHttpHeaders): string | undefined {
  const token = headers['x-auth-token'] ?? headers['x-storage-token'];
  const value = Array.isArray(token) ? token[0] : token;
  return value ? value : undefined;
}

export function authenticate(token: string | undefined, tokens: Record<string, TokenConfig> | undefined): Caller | undefined {
  if (!token) return undefined;
  if (!tokens) return { projectId: token, isAdmin: token.startsWith('admin') };
  const known = Object.hasOwn(tokens, token) ? tokens[token] : undefined;
  if (!known) return undefined;
  return { projectId: known.project_id, isAdmin: (known.roles ?? []).includes('admin') };
}

/** keystonemiddleware's answer to a missing or invalid token. */
export function keystoneUnauthorized(keystoneUri: string) {
  return {
    status: 401,
    headers: { 'WWW-Authenticate': `Keystone uri="${keystoneUri}"` },
    body: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } },
  };
}
