// trove-backups mock: a mock of the Backups API from the contract (Prism).
import { commandSpec, parseFlags, usageOf } from './options.js';
import { runUntilStopped } from './run-until-stopped.js';
import { hostFlag, hostOption, MOCK_PORT, portFlag, portOption } from './server-options.js';
import { mockService } from './servers.js';

const spec = commandSpec({
  name: 'mock',
  synopsis: ['[--port N] [--host HOST] [--quiet]'],
  description: `Serves a mock of the Backups API (Prism, on the bundled contract) until
Ctrl-C. It answers every operation with the contract's examples, at the
paths of the real API (/v1.0/<project_id>/backups, ...). Like Trove, it
needs an X-Auth-Token header (any value) on every call but GET /, and it
refuses a request that breaks the contract: 400 with the contract's example,
and the reasons in the sl-violations header. Choose the answer with:
  Prefer: code=404            the operation's 404 response
  Prefer: example=incremental the example of that name (see the docs)
Each request and the status of its answer are printed, unless --quiet.`,
  flags: {
    port: portFlag('the port', MOCK_PORT),
    host: hostFlag(),
    quiet: { type: 'boolean', help: 'do not print the requests' },
  },
});

export const summary = "serve a mock of the API that answers with the contract's examples";
export const usage = usageOf(spec);

export async function run(argv: string[]): Promise<number> {
  const values = parseFlags(spec, argv);
  const host = hostOption(values.host);
  const port = portOption(values.port, '--port', MOCK_PORT);
  await runUntilStopped([mockService(host, port, values.quiet ?? false, '--port')]);
  return 0;
}
