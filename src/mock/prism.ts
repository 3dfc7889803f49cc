// Prism, in-process, on the bundled contract: a mock of the API, or a
// validating proxy in front of a real server. Used by the CLI and the tests.
import type { Writable } from 'node:stream';
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec, type IHttpConfig } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { specFiles } from '../contract/spec.js';
import { listenedBy } from '../net/listen.js';
import { mockWithBadRequestAs400 } from './bad-request-as-400.js';

export interface PrismOptions {
  /** Mock the API from the spec's examples (default), or proxy to `upstream` and validate. */
  mode?: 'mock' | 'proxy';
  upstream?: string;
  host?: string;
  /** 0 (the default) takes a free port. */
  port?: number;
  /** Answer 500 instead of passing on a response that breaks the contract (Prism's `--errors`). */
  errors?: boolean;
  /** Prism's log: silent unless a level is given. */
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  logDestination?: Writable;
  /** The spec to serve; the bundled contract by default. */
  spec?: string;
}

export interface RunningPrism {
  url: string;
  close: () => Promise<void>;
}

export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  const { mode = 'mock', host = '127.0.0.1', port = 0, errors = false, logLevel = 'silent' } = options;
  if (mode === 'proxy' && !options.upstream) throw new Error('a proxy needs an upstream URL');
  const operations = await getHttpOperationsFromSpec(options.spec ?? specFiles.json);
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors,
    upstreamProxy: undefined,
    mock: { dynamic: false },
  };
  const config: IHttpConfig =
    mode === 'proxy' ? { ...shared, isProxy: true, upstream: new URL(options.upstream as string) } : { ...shared, isProxy: false };
  const logger = createLogger('trove-backups', { level: logLevel }, options.logDestination);
  const server = createServer(operations, { cors: false, config, components: { logger, mock: mockWithBadRequestAs400 } });
  // Prism rejects with the message of listen()'s error only ("listen EADDRINUSE: ...").
  const url = await listenedBy(server.listen(port, host), host, port, mode === 'proxy' ? 'the proxy' : 'the mock');
  return { url, close: () => server.close() };
}
