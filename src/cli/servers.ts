// The two servers of `docs`, `mock` and `start`, as the CLI starts and
// announces them. Their modules (Prism's is large) load when they start, so
// that --help and a usage error come back at once.
import type { Service } from './run-until-stopped.js';
import { DOCS_PORT, MOCK_PORT, portHint } from './server-options.js';

export function docsService(host: string, port: number, portFlag: string): Service {
  return {
    start: async (signal) => {
      const { startDocs } = await import('../docs/start.js');
      const docs = await startDocs({ host, port, signal });
      return { url: `${docs.url}/`, close: docs.close };
    },
    line: (url) => `Docs:      ${url}`,
    portHint: portHint(portFlag, DOCS_PORT),
  };
}

export function mockService(host: string, port: number, quiet: boolean, portFlag: string): Service {
  return {
    start: async () => {
      const [{ startPrism }, { requestLog }] = await Promise.all([import('../mock/prism.js'), import('../mock/request-log.js')]);
      return startPrism({ host, port, ...(quiet ? {} : { logLevel: 'info' as const, logDestination: requestLog(process.stdout) }) });
    },
    line: (url) => `Mock API:  ${url}   e.g. curl -H 'X-Auth-Token: any' ${url}/v1.0/my-project/backups`,
    portHint: portHint(portFlag, MOCK_PORT),
  };
}
