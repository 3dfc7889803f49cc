// trove-backups docs: the API reference, served or written to a folder.
import { resolve } from 'node:path';
import { buildDocs } from '../docs/build.js';
import { UsageError } from './command.js';
import { commandSpec, parseFlags, usageOf } from './options.js';
import { runUntilStopped } from './run-until-stopped.js';
import { DOCS_PORT, hostFlag, hostOption, portFlag, portOption } from './server-options.js';
import { docsService } from './servers.js';

const spec = commandSpec({
  name: 'docs',
  synopsis: ['[--port N] [--host HOST]', '--out DIR'],
  description: `Builds the API reference from the contract with Redocly: one HTML page that
holds Redoc and the spec, and needs no network. Serves it until Ctrl-C, or,
with --out, writes the site to DIR (index.html, openapi.json, openapi.yaml)
for any static web server, and exits.`,
  flags: {
    port: portFlag('the port', DOCS_PORT),
    host: hostFlag(),
    out: { type: 'string', value: 'DIR', help: 'write the site to DIR instead of serving it' },
  },
});

export const summary = 'serve the API reference (Redoc, works offline), or write it with --out';
export const usage = usageOf(spec);

export async function run(argv: string[]): Promise<number> {
  const values = parseFlags(spec, argv);
  if (values.out !== undefined) {
    if (values.port !== undefined || values.host !== undefined)
      throw new UsageError('--out writes the site and serves nothing: drop --port and --host');
    await writeSite(values.out);
    return 0;
  }
  const host = hostOption(values.host);
  const port = portOption(values.port, '--port', DOCS_PORT);
  await runUntilStopped([docsService(host, port, '--port')]);
  return 0;
}

async function writeSite(out: string): Promise<void> {
  if (out.trim() === '') throw new UsageError('--out needs a folder');
  const outDir = resolve(out);
  const files = await buildDocs({ outDir }).catch((error: unknown) => {
    // A folder that cannot be written (a file there, no permission, ...) is the user's to fix.
    const code = (error as { code?: unknown }).code;
    throw typeof code === 'string' && code.startsWith('E')
      ? new UsageError(`cannot write the docs to ${outDir}: ${(error as Error).message}`)
      : error;
  });
  console.log(`Wrote the docs: ${files.join(', ')}`);
}
