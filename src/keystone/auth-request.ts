// The body of POST /v3/auth/tokens for each method, as keystoneauth1 builds it.
import { KeystoneConfigError } from './errors.js';
import { authTypeOf, type KeystoneCredentials } from './options.js';

type Json = Record<string, unknown>;

const need = (value: string | undefined, what: string): string => {
  if (value === undefined || value === '') throw new KeystoneConfigError(`${what} is required`);
  return value;
};

function domain(id: string | undefined, name: string | undefined): Json | undefined {
  if (id) return { id };
  if (name) return { name };
  return undefined;
}

function user(c: KeystoneCredentials): Json {
  if (c.userId) return { id: c.userId };
  const d = domain(c.userDomainId, c.userDomainName ?? c.defaultDomain);
  if (!d) throw new KeystoneConfigError('a user given by name needs its domain: give userDomainName (or userDomainId, or defaultDomain)');
  return { name: need(c.username, 'username (or userId)'), domain: d };
}

function scope(c: KeystoneCredentials): Json | undefined {
  if (c.projectId) return { project: { id: c.projectId } };
  if (!c.projectName) return undefined;
  const d = domain(c.projectDomainId, c.projectDomainName ?? c.defaultDomain);
  if (!d)
    throw new KeystoneConfigError(
      'a project given by name needs its domain: give projectDomainName (or projectDomainId, or defaultDomain)',
    );
  return { project: { name: c.projectName, domain: d } };
}

export function authRequestBody(c: KeystoneCredentials): Json {
  const method = authTypeOf(c);
  let identity: Json;
  let scoped = scope(c);
  if (method === 'password') {
    identity = { methods: ['password'], password: { user: { ...user(c), password: need(c.password, 'password') } } };
  } else if (method === 'token') {
    identity = { methods: ['token'], token: { id: need(c.token, 'token') } };
  } else {
    const secret = need(c.applicationCredentialSecret, 'applicationCredentialSecret');
    const credential = c.applicationCredentialId
      ? { id: c.applicationCredentialId, secret }
      : { name: need(c.applicationCredentialName, 'applicationCredentialId (or applicationCredentialName)'), secret, user: user(c) };
    identity = { methods: ['application_credential'], application_credential: credential };
    // An application credential is bound to its project: Keystone refuses another scope.
    scoped = undefined;
  }
  if (method !== 'application_credential' && !scoped) {
    throw new KeystoneConfigError('a project is required to find the Database endpoint: give projectId or projectName');
  }
  return { auth: scoped ? { identity, scope: scoped } : { identity } };
}
