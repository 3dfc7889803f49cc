// The reference server: the Backups API with in-memory state that behaves
// like Trove, for local development and tests. Start it from a test with
// startReferenceServer(), or from the shell with `trove-backups serve`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContractValidator } from '../contract/validator.js';
import { createRequestHandler, type RequestLogEntry } from './app.js';
import { resolveConfig } from './config.js';
import type { ReferenceServerConfig, ResolvedConfig } from './config-types.js';
import { PortInUseError } from './port-in-use-error.js';
import { ReferenceState } from './state.js';

export type { RequestLogEntry } from './app.js';
export { DEFAULTS, resolveConfig } from './config.js';
export { ReferenceConfigError } from './config-error.js';
export { loadConfigFile, readConfigFile } from './config-file.js';
export type * from './config-types.js';
export { PortInUseError } from './port-in-use-error.js';
export { SEED_DATASTORE_ID, SEED_DATASTORE_VERSION_ID, SEED_INSTANCE, SEED_OTHER_INSTANCE, seedConfig } from './seed.js';

export interface ReferenceServerOptions {
  /** 0 (the default) takes a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Replaces parts of the default state and auth; see docs/reference-server.md. Validated: a bad one throws ReferenceConfigError. */
  config?: ReferenceServerConfig;
  /** The clock backups age by (milliseconds since the epoch); a test can pass its own to step NEW → BUILDING → COMPLETED. */
  clock?: () => number;
  /** Called once per answered request (the CLI prints it). */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RunningReferenceServer {
  /** http://host:port, without a trailing slash. */
  url: string;
  close: () => Promise<void>;
}

let validator: ContractValidator | undefined;

export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<RunningReferenceServer> {
  const { port = 0, host = '127.0.0.1' } = options;
  const config: ResolvedConfig = resolveConfig(options.config ?? {});
  validator ??= new ContractValidator();
  const state = new ReferenceState(config, options.clock);
  const server = createServer(createRequestHandler(state, validator, options.onRequest));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(host, port) : err));
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shown}:${address.port}`,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
