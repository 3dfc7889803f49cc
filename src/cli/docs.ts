// trove-backups docs: the API reference, served or written to a folder.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDocs } from '../docs/build.js';
import { UsageError } from './command.js';
import { DEFAULT_DOCS_PORT, DEFAULT_HOST, ENV, hostOption, portOption } from './server-options.js';
import { DOCS, docsLine, docsPortHint, docsServer, serve } from './servers.js';

export const summary = 'Serve the API reference (Redoc, works offline), or write it with --out';

export const usage = `Usage: trove-backups docs [--port N] [--host HOST]
       trove-backups docs --out DIR

Builds the API reference from the contract with Redocly: one HTML page that
holds Redoc and the spec, and needs no network. Serves it until Ctrl-C, or,
with --out, writes the site to DIR (index.html, openapi.json, openapi.yaml)
for any static web server, and exits.

Options:
  --port N     the port (default ${DEFAULT_DOCS_PORT}, or $${ENV.docsPort}; 0: any free port)
  --host HOST  the address (default ${DEFAULT_HOST}, or $${ENV.host})
  --out DIR    write the site to DIR instead of serving it`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, out: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.out !== undefined) {
    if (values.port !== undefined || values.host !== undefined)
      throw new UsageError('--out writes the site and serves nothing: drop --port and --host');
    if (values.out.trim() === '') throw new UsageError('--out needs a folder');
    const outDir = resolve(values.out);
    const files = await buildDocs({ outDir }).catch((error: unknown) => {
      // A folder that cannot be written (a file there, no permission, ...) is the user's to fix.
      const code = (error as { code?: unknown }).code;
      throw typeof code === 'string' && code.startsWith('E')
        ? new UsageError(`cannot write the docs to ${outDir}: ${(error as Error).message}`)
        : error;
    });
    console.log(`Wrote the docs: ${files.join(', ')}`);
    return 0;
  }
  const host = hostOption(values.host);
  const port = portOption(values.port, '--port', ENV.docsPort, DEFAULT_DOCS_PORT);
  return serve([{ start: docsServer(host, port), line: docsLine }], { [DOCS]: docsPortHint('--port') });
}
