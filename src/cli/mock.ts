// trove-backups mock: a mock of the Backups API from the contract (Prism).
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_MOCK_PORT, ENV, hostOption, portOption } from './server-options.js';
import { MOCK, mockLine, mockPortHint, mockServer, serve } from './servers.js';

export const summary = "Serve a mock of the API that answers with the contract's examples";

export const usage = `Usage: trove-backups mock [--port N] [--host HOST] [--quiet]

Serves a mock of the Backups API (Prism, on the bundled contract) until
Ctrl-C. It answers every operation with the contract's examples, at the
paths of the real API (/v1.0/<project_id>/backups, ...). Like Trove, it
needs an X-Auth-Token header (any value) on every call but GET /, and it
refuses a request that breaks the contract: 400 with the contract's example,
and the reasons in the sl-violations header. Choose the answer with:
  Prefer: code=404            the operation's 404 response
  Prefer: example=incremental the example of that name (see the docs)
Each request and the status of its answer are printed, unless --quiet.

Options:
  --port N     the port (default ${DEFAULT_MOCK_PORT}, or $${ENV.mockPort}; 0: any free port)
  --host HOST  the address (default ${DEFAULT_HOST}, or $${ENV.host})
  --quiet      do not print the requests`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, quiet: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const host = hostOption(values.host);
  const port = portOption(values.port, '--port', ENV.mockPort, DEFAULT_MOCK_PORT);
  return serve([{ start: mockServer(host, port, values.quiet ?? false), line: mockLine }], { [MOCK]: mockPortHint('--port') });
}
