// trove-backups proxy: a validating proxy for live traffic (see src/proxy/proxy.ts).
import type { RunningProxy } from '../proxy/proxy.js';
import { UsageError } from './command.js';
import { commandSpec, parseFlags, usageOf } from './options.js';
import { runUntilStopped } from './run-until-stopped.js';
import { ANY_PORT, hostFlag, hostOption, portFlag, portHint, portOption, urlOption } from './server-options.js';

const spec = commandSpec({
  name: 'proxy',
  synopsis: ['--upstream URL [--port N] [--host HOST]'],
  description: `Listens (on a free port unless --port) and passes every request to the
upstream server through Prism, which validates requests and responses against
the bundled contract. Each exchange that breaks the contract is printed as it
happens, with the operation, the status, the JSON pointer and the value found
there. Stop it with Ctrl-C (SIGINT) or SIGTERM to get the summary.`,
  flags: {
    upstream: { type: 'string', value: 'URL', help: 'the server to proxy, e.g. http://127.0.0.1:8779' },
    port: portFlag('the port', ANY_PORT),
    host: hostFlag(),
  },
  footer: 'Exit code: 0 when no exchange broke the contract, 1 when one did, 2 on a usage error.',
});

export const summary = 'run a validating proxy (Prism) that reports the contract violations of live traffic';
export const usage = usageOf(spec);

export async function run(argv: string[]): Promise<number> {
  const values = parseFlags(spec, argv);
  if (values.upstream === undefined) throw new UsageError('--upstream is required; see trove-backups proxy --help');
  const upstream = urlOption(values.upstream, '--upstream');
  const host = hostOption(values.host);
  const port = portOption(values.port, '--port', ANY_PORT);
  // Loaded once the flags are good: Prism's modules take a while.
  const [{ startValidatingProxy }, { formatExchange, formatProxySummary }] = await Promise.all([
    import('../proxy/proxy.js'),
    import('../proxy/report.js'),
  ]);
  let proxy: RunningProxy | undefined;
  await runUntilStopped([
    {
      start: async () => {
        proxy = await startValidatingProxy({
          upstream: upstream.href,
          port,
          host,
          onExchange: ({ method, path, status, violations }) => {
            if (violations.length > 0) console.log(formatExchange(method, path, status, violations));
          },
        });
        return { url: proxy.url, close: proxy.close };
      },
      line: (url) => `trove-backups proxy listening on ${url} → ${proxy?.upstream} (Ctrl-C for the summary)`,
      portHint: portHint('--port', ANY_PORT),
    },
  ]);
  if (proxy === undefined) return 0;
  const result = proxy.summary();
  console.log(formatProxySummary(result));
  return result.failed > 0 ? 1 : 0;
}
