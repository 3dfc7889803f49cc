// trove-backups proxy: a validating proxy for live traffic (see src/proxy/proxy.ts).
import { parseArgs } from 'node:util';
import { startValidatingProxy } from '../proxy/proxy.js';
import { formatExchange, formatProxySummary } from '../proxy/report.js';
import { UsageError } from './command.js';

export const summary = 'a validating proxy (Prism): reports the contract violations of live traffic';

export const usage = `Usage: trove-backups proxy --upstream URL [--port N] [--host H]

Listens on 127.0.0.1 (a free port unless --port) and passes every request to
--upstream through Prism, which validates requests and responses against the
bundled contract. Each exchange that breaks the contract is printed as it
happens, with the operation, the status, the JSON pointer and the value found
there. Stop it with Ctrl-C (SIGINT) or SIGTERM to get the summary; the exit
code is then 1 if any exchange broke the contract, else 0.

Options:
  --upstream URL   the server to proxy, e.g. http://127.0.0.1:8779
  --port N         the port to listen on (default: a free one)
  --host H         the address to listen on (default 127.0.0.1)
  -h, --help       this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { upstream: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; see trove-backups proxy --help`);
  if (!values.upstream) throw new UsageError('--upstream is required; see trove-backups proxy --help');
  if (!/^https?:\/\/[^/]/.test(values.upstream)) throw new UsageError(`--upstream must be an http or https URL, not "${values.upstream}"`);
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  }
  let proxy: Awaited<ReturnType<typeof startValidatingProxy>>;
  try {
    proxy = await startValidatingProxy({
      upstream: values.upstream,
      port,
      host: values.host ?? '127.0.0.1',
      onExchange: ({ method, path, status, violations }) => {
        if (violations.length > 0) console.log(formatExchange(method, path, status, violations));
      },
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new UsageError(`cannot listen on port ${port}: ${(err as Error).message}`);
    throw err;
  }
  console.log(`trove-backups proxy listening on ${proxy.url} → ${proxy.upstream} (Ctrl-C for the summary)`);
  const running = proxy;
  return new Promise<number>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      const result = running.summary();
      console.log(formatProxySummary(result));
      running.close().then(
        () => resolve(result.failed > 0 ? 1 : 0),
        () => resolve(result.failed > 0 ? 1 : 0),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
