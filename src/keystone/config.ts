// The Keystone options from where the OpenStack SDKs take them: explicit
// options first, then the cloud named by `cloud` or OS_CLOUD in clouds.yaml
// (+ secure.yaml), or else the OS_* environment variables.
import { type CloudEntry, type ConfigPlaces, loadCloud } from './clouds-yaml.js';
import { KeystoneConfigError } from './errors.js';
import type { AuthType, KeystoneCatalogOptions, KeystoneCredentials, KeystoneOptions } from './options.js';

// The clouds.yaml / OS_* key of each option (openstacksdk's names), with the old names it still reads.
const KEYS: [keyof KeystoneCredentials | keyof KeystoneCatalogOptions, ...string[]][] = [
  ['authUrl', 'auth_url'],
  ['authType', 'auth_type'],
  ['username', 'username', 'user_name'],
  ['userId', 'user_id'],
  ['password', 'password'],
  ['userDomainName', 'user_domain_name'],
  ['userDomainId', 'user_domain_id'],
  ['applicationCredentialId', 'application_credential_id'],
  ['applicationCredentialName', 'application_credential_name'],
  ['applicationCredentialSecret', 'application_credential_secret'],
  ['token', 'token', 'auth_token'],
  ['projectId', 'project_id', 'tenant_id'],
  ['projectName', 'project_name', 'tenant_name'],
  ['projectDomainName', 'project_domain_name'],
  ['projectDomainId', 'project_domain_id'],
  ['defaultDomain', 'default_domain'],
  ['regionName', 'region_name'],
  ['interface', 'database_interface', 'interface', 'endpoint_type'],
  ['endpointOverride', 'database_endpoint_override'],
  ['serviceType', 'database_service_type'],
];

export interface KeystoneSource extends ConfigPlaces {
  /** The cloud of clouds.yaml to use (default: OS_CLOUD). */
  cloud?: string;
}

export interface ResolvedKeystoneOptions {
  options: KeystoneOptions;
  /** Where they came from, for messages: "options", "cloud NAME (files)", or "environment". */
  from: string;
}

/** The flat keys of a cloud entry: its `auth` section over its top level. */
function flatten(entry: CloudEntry): Record<string, unknown> {
  const auth = typeof entry.auth === 'object' && entry.auth !== null ? entry.auth : {};
  return { ...entry, ...auth };
}

function fromKeys(flat: Record<string, unknown>): Partial<KeystoneOptions> {
  const out: Record<string, string> = {};
  for (const [option, ...names] of KEYS) {
    const name = names.find((n) => flat[n] !== undefined && flat[n] !== null && flat[n] !== '');
    if (name !== undefined) out[option] = String(flat[name]);
  }
  return out as Partial<KeystoneOptions>;
}

function fromEnvironment(env: Record<string, string | undefined>): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('OS_') && value !== undefined) flat[key.slice(3).toLowerCase()] = value;
  }
  return flat;
}

/** Whether the environment describes a login (OS_AUTH_URL, or a cloud in OS_CLOUD). */
export function environmentHasLogin(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.OS_CLOUD || env.OS_AUTH_URL);
}

export function resolveKeystoneOptions(explicit: Partial<KeystoneOptions> = {}, source: KeystoneSource = {}): ResolvedKeystoneOptions {
  const env = source.env ?? process.env;
  const cloud = source.cloud ?? env.OS_CLOUD;
  let base: Partial<KeystoneOptions> = {};
  let from = 'options';
  if (cloud) {
    const { entry, files } = loadCloud(cloud, { ...source, env });
    base = fromKeys(flatten(entry));
    // As openstacksdk: OS_REGION_NAME still picks the region of a named cloud.
    if (env.OS_REGION_NAME && base.regionName === undefined) base.regionName = env.OS_REGION_NAME;
    from = `cloud "${cloud}" (${files.join(', ')})`;
  } else if (explicit.authUrl === undefined && env.OS_AUTH_URL) {
    base = fromKeys(fromEnvironment(env));
    from = 'the OS_* environment variables';
  }
  const defined = Object.fromEntries(Object.entries(explicit).filter(([, v]) => v !== undefined));
  const options = { ...base, ...defined } as KeystoneOptions;
  if (!options.authUrl) {
    throw new KeystoneConfigError(
      cloud ? `cloud "${cloud}" has no auth.auth_url` : 'no Keystone to log in to: give authUrl, a cloud of clouds.yaml, or OS_AUTH_URL',
    );
  }
  if (options.authType !== undefined) options.authType = options.authType.replace(/-/g, '') as AuthType;
  return { options, from };
}
