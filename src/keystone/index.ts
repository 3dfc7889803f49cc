// trove-backups-contract/keystone: Keystone v3 login for the Backups client,
// kept out of the core client's bundle.
export { type CatalogEndpoint, type CatalogService, findEndpoint } from './catalog.js';
export { createKeystoneBackupsClient, type KeystoneBackupsClient, type KeystoneClientOptions } from './client.js';
export { loadCloud, searchDirectories } from './clouds-yaml.js';
export { environmentHasLogin, type KeystoneSource, type ResolvedKeystoneOptions, resolveKeystoneOptions } from './config.js';
export { KeystoneConfigError, KeystoneError } from './errors.js';
export type {
  AuthType,
  EndpointInterface,
  KeystoneCatalogOptions,
  KeystoneCredentials,
  KeystoneHttpOptions,
  KeystoneOptions,
} from './options.js';
export { type ResolvedTarget, resolveTarget, type TargetInput } from './resolve-target.js';
export { createKeystoneSession, type KeystoneSession, type KeystoneToken } from './session.js';
