// trove-backups start (`npm start`): the docs and the mock together.
import { commandSpec, parseFlags, usageOf } from './options.js';
import { runUntilStopped } from './run-until-stopped.js';
import { DOCS_PORT, hostFlag, hostOption, MOCK_PORT, portFlag, portOption } from './server-options.js';
import { docsService, mockService } from './servers.js';

const spec = commandSpec({
  name: 'start',
  synopsis: ['[--docs-port N] [--mock-port N] [--host HOST] [--quiet]'],
  description: `Serves the API reference and a mock of the API until Ctrl-C: see
\`trove-backups docs --help\` and \`trove-backups mock --help\`.`,
  flags: {
    'docs-port': portFlag("the docs' port", DOCS_PORT),
    'mock-port': portFlag("the mock's port", MOCK_PORT),
    host: hostFlag('the address of both'),
    quiet: { type: 'boolean', help: "do not print the mock's requests" },
  },
});

export const summary = 'serve the docs and the mock together (what `npm start` runs)';
export const usage = usageOf(spec);

export async function run(argv: string[]): Promise<number> {
  const values = parseFlags(spec, argv);
  const host = hostOption(values.host);
  const docsPort = portOption(values['docs-port'], '--docs-port', DOCS_PORT);
  const mockPort = portOption(values['mock-port'], '--mock-port', MOCK_PORT);
  // The mock first: it takes its port at once, where the docs take theirs and then build for a while,
  // so that either port in use is reported without waiting for a build.
  await runUntilStopped([mockService(host, mockPort, values.quiet ?? false, '--mock-port'), docsService(host, docsPort, '--docs-port')]);
  return 0;
}
