// The server and credentials of a tool (the contract check): an endpoint and
// a token as given, or a Keystone login (a cloud of clouds.yaml, or OS_*
// variables) that supplies the token and the catalog's Database endpoint;
// the admin likewise, from its own cloud.
import type { ConfigPlaces } from './clouds-yaml.js';
import { environmentHasLogin, type KeystoneSource, resolveKeystoneOptions } from './config.js';
import { KeystoneConfigError } from './errors.js';
import type { KeystoneOptions } from './options.js';
import { createKeystoneSession, type KeystoneToken } from './session.js';

export interface TargetInput extends ConfigPlaces {
  endpoint?: string | undefined;
  token?: string | undefined;
  /** A cloud of clouds.yaml to log in with (else OS_CLOUD or OS_AUTH_URL, when no token is given). */
  cloud?: string | undefined;
  adminToken?: string | undefined;
  /** A cloud of clouds.yaml to log the admin in with. */
  adminCloud?: string | undefined;
  /** Applies to every login (timeouts, a fetch, ...). */
  keystone?: Partial<KeystoneOptions>;
}

export interface ResolvedTarget {
  endpoint: string;
  token: string;
  adminToken?: string;
  /** The admin login's project, when the admin logged in to Keystone. */
  adminProject?: string;
  /** Where the credentials came from, to show in a report header. */
  from: string;
}

async function loginWith(
  input: TargetInput,
  cloud: string | undefined,
  endpoint: string | undefined,
): Promise<{ login: KeystoneToken; from: string }> {
  const source: KeystoneSource = {};
  for (const key of ['env', 'cwd', 'home'] as const) if (input[key] !== undefined) Object.assign(source, { [key]: input[key] });
  if (cloud !== undefined) source.cloud = cloud;
  const explicit = { ...input.keystone, ...(endpoint === undefined ? {} : { endpointOverride: endpoint }) };
  const { options, from } = resolveKeystoneOptions(explicit, source);
  return { login: await createKeystoneSession(options).login(), from };
}

export async function resolveTarget(input: TargetInput): Promise<ResolvedTarget> {
  const env = input.env ?? process.env;
  let endpoint = input.endpoint;
  let token = input.token;
  let from = 'the endpoint and token given';
  if (token === undefined) {
    if (input.cloud === undefined && !environmentHasLogin(env)) {
      throw new KeystoneConfigError(
        'no credentials: give an endpoint and a token, a cloud of clouds.yaml, or OS_* variables (OS_CLOUD or OS_AUTH_URL)',
      );
    }
    const user = await loginWith(input, input.cloud, endpoint);
    endpoint = user.login.endpoint;
    token = user.login.token;
    from = `a Keystone login with ${user.from}`;
  } else if (input.cloud !== undefined) {
    throw new KeystoneConfigError('give either a token or a cloud to log in with, not both');
  }
  if (endpoint === undefined)
    throw new KeystoneConfigError(
      'no endpoint: give the Database endpoint with the token, or log in to Keystone to find it in the catalog',
    );
  const resolved: ResolvedTarget = { endpoint, token, from };
  if (input.adminToken !== undefined && input.adminCloud !== undefined) {
    throw new KeystoneConfigError('give either an admin token or an admin cloud to log in with, not both');
  }
  if (input.adminToken !== undefined) resolved.adminToken = input.adminToken;
  if (input.adminCloud !== undefined) {
    const admin = await loginWith(input, input.adminCloud, endpoint);
    resolved.adminToken = admin.login.token;
    resolved.adminProject = admin.login.projectId;
  }
  return resolved;
}
