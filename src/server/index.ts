// The reference server: the Backups API with in-memory state that behaves
// like Trove, for local development and tests. Start it from a test with
// startReferenceServer(), or from the shell with `trove-backups serve`.
import { createServer } from 'node:http';
import { ContractValidator } from '../contract/validator.js';
import { listen } from '../net/listen.js';
import { createRequestHandler, type RequestLogEntry } from './app.js';
import { resolveConfig } from './config.js';
import type { ReferenceServerConfig, ResolvedConfig } from './config-types.js';
import { ReferenceState } from './state.js';

export { ListenError, ListenError as PortInUseError } from '../net/listen-error.js';
export type { RequestLogEntry } from './app.js';
export { DEFAULTS, resolveConfig } from './config.js';
export { ReferenceConfigError } from './config-error.js';
export { loadConfigFile, readConfigFile } from './config-file.js';
export type * from './config-types.js';
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
  return listen(server, host, port, 'the reference server');
}
