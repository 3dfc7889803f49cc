// The client's entry: what the package root re-exports, and what the bundle-size check measures.

export type { GetToken, TokenContext } from './auth.js';
export { type BackupsClient, type CallOptions, createBackupsClient } from './client.js';
export * from './errors/index.js';
export type { BackupsClientOptions, ClientCredentials, ClientLocation, ClientSettings, FetchFunction } from './options.js';
export type { RetryOptions } from './retry.js';
export type * from './types.js';
export type { WaitForBackupOptions } from './wait.js';
