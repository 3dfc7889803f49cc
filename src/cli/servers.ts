// The two servers of `docs`, `mock` and `start`, as the CLI starts and
// announces them.
import { startDocs } from '../docs/start.js';
import { startPrism } from '../mock/prism.js';
import { requestLog } from '../mock/request-log.js';
import { runUntilStopped, type Starter } from './run-until-stopped.js';
import { DEFAULT_DOCS_PORT, DEFAULT_MOCK_PORT, ENV, listenErrorAsUsageError } from './server-options.js';

export const DOCS = 'the docs server';
export const MOCK = 'the mock';

export function docsServer(host: string, port: number): Starter {
  return async (signal) => {
    const docs = await startDocs({ host, port, signal });
    return { url: `${docs.url}/`, close: docs.close };
  };
}

export function mockServer(host: string, port: number, quiet: boolean): Starter {
  return () => startPrism({ host, port, ...(quiet ? {} : { logLevel: 'info' as const, logDestination: requestLog(process.stdout) }) });
}

export const docsLine = (url: string): string => `Docs:      ${url}`;
export const mockLine = (url: string): string => `Mock API:  ${url}   e.g. curl -H 'X-Auth-Token: any' ${url}/v1.0/my-project/backups`;

/** How to choose another port, for the error when a port is taken. */
export const docsPortHint = (flag: string): string => `${flag} or ${ENV.docsPort} (the default is ${DEFAULT_DOCS_PORT})`;
export const mockPortHint = (flag: string): string => `${flag} or ${ENV.mockPort} (the default is ${DEFAULT_MOCK_PORT})`;

/** Runs the servers until Ctrl-C or SIGTERM, printing their lines once they are up. */
export async function serve(servers: { start: Starter; line: (url: string) => string }[], hints: Record<string, string>): Promise<number> {
  try {
    return await runUntilStopped(
      servers.map((s) => s.start),
      (running) => {
        running.forEach((r, i) => {
          console.log(servers[i]?.line(r.url));
        });
        console.log('Ctrl-C stops.');
      },
    );
  } catch (error) {
    throw listenErrorAsUsageError(error, hints);
  }
}
