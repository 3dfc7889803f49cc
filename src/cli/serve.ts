// trove-backups serve: runs the reference server until Ctrl-C or SIGTERM.
import { parseArgs } from 'node:util';
import {
  PortInUseError,
  ReferenceConfigError,
  type ReferenceServerConfig,
  readConfigFile,
  resolveConfig,
  startReferenceServer,
} from '../server/index.js';
import { UsageError } from './command.js';

export const summary = 'Run the reference server: the Backups API with in-memory state, behaving like Trove';

export const usage = `Usage: trove-backups serve [--port 8779] [--host 127.0.0.1] [--config FILE] [--quiet]

Serves every operation of the Backups API with in-memory state, as Trove does
(see docs/reference-server.md). Without --config it holds the seed
data of a Trove 18 test server and accepts any token as its own project
(a token starting with "admin" is an admin): try
  curl -H 'X-Auth-Token: proj' http://127.0.0.1:8779/v1.0/proj/backups

Options:
  --port N       the port (default 8779, Trove's; 0 takes a free one)
  --host H       the address to bind (default 127.0.0.1)
  --config FILE  a JSON or YAML file with tokens, instances, backups, timings, ...
  --quiet        do not print a line per request`;

function portOf(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, not "${text}"`);
  return port;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8779' },
      host: { type: 'string', default: '127.0.0.1' },
      config: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const port = portOf(values.port);
  let config: ReferenceServerConfig = {};
  try {
    if (values.config) {
      config = await readConfigFile(values.config);
      resolveConfig(config, values.config);
    }
  } catch (err) {
    if (err instanceof ReferenceConfigError) throw new UsageError(err.message);
    throw err;
  }
  let server: Awaited<ReturnType<typeof startReferenceServer>>;
  try {
    server = await startReferenceServer({
      port,
      host: values.host,
      config,
      ...(values.quiet ? {} : { onRequest: (e) => console.log(`${e.method} ${e.url} ${e.status} ${e.ms.toFixed(1)} ms`) }),
    });
  } catch (err) {
    if (err instanceof PortInUseError) throw new UsageError(err.message);
    throw err;
  }
  // Listen for the signals before saying we are up: a caller may stop us as soon as it reads the line.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const tokens = config.tokens
    ? `the ${Object.keys(config.tokens).length} tokens of ${values.config}`
    : 'any token (its project is the token; "admin..." is an admin)';
  console.log(`trove-backups reference server listening on ${server.url} (auth: ${tokens}); Ctrl-C stops it`);
  const signal = await stopped;
  await server.close();
  console.log(`stopped (${signal})`);
  return 0;
}
