// trove-backups start (`npm start`): the docs and the mock together.
import { parseArgs } from 'node:util';
import { DEFAULT_DOCS_PORT, DEFAULT_HOST, DEFAULT_MOCK_PORT, ENV, hostOption, portOption } from './server-options.js';
import { DOCS, docsLine, docsPortHint, docsServer, MOCK, mockLine, mockPortHint, mockServer, serve } from './servers.js';

export const summary = 'Serve the docs and the mock together (what `npm start` runs)';

export const usage = `Usage: trove-backups start [--docs-port N] [--mock-port N] [--host HOST] [--quiet]

Serves the API reference and a mock of the API until Ctrl-C: see
\`trove-backups docs --help\` and \`trove-backups mock --help\`.

Options:
  --docs-port N  the docs' port (default ${DEFAULT_DOCS_PORT}, or $${ENV.docsPort}; 0: any free port)
  --mock-port N  the mock's port (default ${DEFAULT_MOCK_PORT}, or $${ENV.mockPort}; 0: any free port)
  --host HOST    the address of both (default ${DEFAULT_HOST}, or $${ENV.host})
  --quiet        do not print the mock's requests`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { 'docs-port': { type: 'string' }, 'mock-port': { type: 'string' }, host: { type: 'string' }, quiet: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const host = hostOption(values.host);
  const docsPort = portOption(values['docs-port'], '--docs-port', ENV.docsPort, DEFAULT_DOCS_PORT);
  const mockPort = portOption(values['mock-port'], '--mock-port', ENV.mockPort, DEFAULT_MOCK_PORT);
  return serve(
    [
      { start: docsServer(host, docsPort), line: docsLine },
      { start: mockServer(host, mockPort, values.quiet ?? false), line: mockLine },
    ],
    { [DOCS]: docsPortHint('--docs-port'), [MOCK]: mockPortHint('--mock-port') },
  );
}
