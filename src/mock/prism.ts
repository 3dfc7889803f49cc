// Prism, in-process, on the bundled contract: a mock of the API, or a
// validating proxy in front of a real server. Used by the CLI and the tests.
import type { Writable } from 'node:stream';
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec, type IHttpConfig, type PrismHttpComponents } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { specFiles } from '../contract/spec.js';
import { ContractValidator } from '../contract/validator.js';
import { closeServer, listen } from '../net/listen.js';
import { mockWithBadRequestAs400 } from './bad-request-as-400.js';
import { createGuard } from './guard.js';
import { validateInputSafely } from './malformed-escape.js';

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
  /** Replaces some of Prism's components (the proxy gives its own forwarder). */
  components?: Partial<PrismHttpComponents>;
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
  const components = { logger, mock: mockWithBadRequestAs400, validateInput: validateInputSafely, ...options.components };
  const prism = createServer(operations, { cors: false, config, components });
  // Prism itself listens on loopback only, behind the guard (./guard.ts).
  const inner = new URL(await prism.listen(0, '127.0.0.1'));
  const guard = createGuard(() => inner, mode === 'mock' ? new ContractValidator() : undefined);
  let url: string;
  try {
    url = (await listen(guard, host, port, mode === 'proxy' ? 'the proxy' : 'the mock')).url;
  } catch (error) {
    await prism.close();
    throw error;
  }
  return {
    url,
    close: async () => {
      await closeServer(guard);
      await prism.close();
    },
  };
}
