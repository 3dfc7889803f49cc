// The client's entry: what the package root re-exports, and what the bundle-size check measures.
export { createBackupsClient, type BackupsClient, type CallOptions } from './client.js';
export type { BackupsClientOptions, ClientLocation, ClientCredentials, ClientSettings, FetchFunction } from './options.js';
export type { GetToken, TokenContext } from './auth.js';
export type { RetryOptions } from './retry.js';
export type { WaitForBackupOptions } from './wait.js';
export * from './errors/index.js';
export type * from './types.js';
