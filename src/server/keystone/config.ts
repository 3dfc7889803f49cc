// The reference server's own Keystone (for local development): its users,
// application credentials and token lifetime, as the configuration gives them.
import { strict, text } from '../schema-parts.js';

export interface KeystoneUserConfig {
  name: string;
  password: string;
  /** The project the user is a member of (its id, as in the Database endpoint). */
  project_id: string;
  /** The project's name, for logins that name it. Default: the id. */
  project_name?: string;
  /** `admin` makes the user an admin. Default ["member"]. */
  roles?: string[];
}

export interface KeystoneAppCredentialConfig {
  id: string;
  name?: string;
  secret: string;
  /** The name of the user it belongs to (and whose project it is scoped to). */
  user: string;
}

export interface KeystoneConfig {
  users: KeystoneUserConfig[];
  applicationCredentials?: KeystoneAppCredentialConfig[];
  /** How long a token is valid. Default 3600 (Keystone's [token] expiration). */
  tokenTtlSeconds?: number;
  /** The region of the catalog's endpoints. Default RegionOne. */
  region?: string;
}

export type ResolvedKeystoneConfig = Required<KeystoneConfig>;

export function keystoneConfigSchema(): Record<string, unknown> {
  return strict(
    {
      users: {
        type: 'array',
        minItems: 1,
        items: strict({ name: text, password: text, project_id: text, project_name: text, roles: { type: 'array', items: text } }, [
          'name',
          'password',
          'project_id',
        ]),
      },
      applicationCredentials: {
        type: 'array',
        items: strict({ id: text, name: text, secret: text, user: text }, ['id', 'secret', 'user']),
      },
      tokenTtlSeconds: { type: 'integer', minimum: 1 },
      region: text,
    },
    ['users'],
  );
}

/** The Keystone part with its defaults, and the problems of its references. */
export function resolveKeystoneConfig(input: KeystoneConfig | undefined, problems: string[]): ResolvedKeystoneConfig | undefined {
  if (!input) return undefined;
  const names = new Set<string>();
  input.users.forEach((u, n) => {
    if (names.has(u.name)) problems.push(`/keystone/users/${n}/name: the user ${u.name} is given twice`);
    names.add(u.name);
  });
  (input.applicationCredentials ?? []).forEach((c, n) => {
    if (!names.has(c.user))
      problems.push(`/keystone/applicationCredentials/${n}/user: ${c.user} is not the name of a user in keystone.users`);
  });
  return { applicationCredentials: [], tokenTtlSeconds: 3600, region: 'RegionOne', ...input };
}
