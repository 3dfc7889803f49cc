// trove-backups serve: runs the reference server until Ctrl-C or SIGTERM.
import type { ReferenceServerConfig, RequestLogEntry } from '../server/index.js';
import { commandSpec, parseFlags, usageOf } from './options.js';
import { runUntilStopped } from './run-until-stopped.js';
import { hostFlag, hostOption, portFlag, portHint, portOption, SERVE_PORT } from './server-options.js';

const spec = commandSpec({
  name: 'serve',
  synopsis: ['[--port N] [--host HOST] [--config FILE] [--quiet]'],
  description: `Serves every operation of the Backups API with in-memory state, as Trove does,
on Trove's port unless --port (docs/reference-server.md).
Without --config it holds a few seed backups and instances, and accepts any
token as its own project (a token starting with "admin" is an admin): try
  curl -H 'X-Auth-Token: proj' http://127.0.0.1:8779/v1.0/proj/backups`,
  flags: {
    port: portFlag('the port', SERVE_PORT),
    host: hostFlag(),
    config: { type: 'string', value: 'FILE', help: 'a JSON or YAML file with tokens, instances, backups, timings, ...' },
    quiet: { type: 'boolean', help: 'do not print a line per request' },
  },
});

export const summary = 'run the reference server: the Backups API with in-memory state, behaving like Trove';
export const usage = usageOf(spec);

export async function run(argv: string[]): Promise<number> {
  const values = parseFlags(spec, argv);
  const host = hostOption(values.host);
  const port = portOption(values.port, '--port', SERVE_PORT);
  // Loaded once the flags are good: the server's modules (the contract's validator) take a while.
  const { readConfigFile, resolveConfig, startReferenceServer } = await import('../server/index.js');
  let config: ReferenceServerConfig = {};
  if (values.config !== undefined) {
    config = await readConfigFile(values.config);
    resolveConfig(config, values.config);
  }
  const tokens = config.tokens
    ? `the ${Object.keys(config.tokens).length} tokens of ${values.config}`
    : 'any token (its project is the token; "admin..." is an admin)';
  const onRequest = values.quiet
    ? {}
    : { onRequest: (e: RequestLogEntry) => console.log(`${e.method} ${e.url} ${e.status} ${e.ms.toFixed(1)} ms`) };
  await runUntilStopped([
    {
      start: () => startReferenceServer({ port, host, config, ...onRequest }),
      line: (url) => `trove-backups reference server listening on ${url} (auth: ${tokens})`,
      portHint: portHint('--port', SERVE_PORT),
    },
  ]);
  return 0;
}
