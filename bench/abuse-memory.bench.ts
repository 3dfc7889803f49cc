// The reference server's memory under abuse: 100,000 requests of mixed
// abuse (a new token, so a new project, on most of them; creates of
// restored backups and of backup strategies; listings with a huge `limit`,
// admin listings of every project; repeated reads that fill the response
// cache), from this process over keep-alive sockets, to the server in its
// own process. It prints the server's RSS every 10,000 requests: with the
// default caps (docs/limits.md) it must stay under 300 MB and be flat once
// the caps are reached. The baseline, measured in the same run, is the
// server's RSS after its start and a few ordinary requests. A benchmark, not
// a test: it prints, it asserts nothing.
//
// The server finds the spec relative to its own files, so it is loaded from
// dist/ (built first with tsc), not bundled into this file.
import { execFileSync, fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const TOTAL = 100_000;
const IN_FLIGHT = 32;
const VERSION = 'b00000b0-00b0-0b00-00b0-000b000000bb';

if (process.env.BENCH_SERVE) {
  const { startReferenceServer } = await import(pathToFileURL(join(process.cwd(), 'dist', 'server', 'index.js')).href);
  const server = await startReferenceServer();
  process.send?.({ url: server.url });
  process.on('message', () => process.send?.({ rss: process.memoryUsage().rss }));
} else {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const child = fork(new URL(import.meta.url), [], { execArgv: [], env: { ...process.env, BENCH_SERVE: '1' } });
  const next = () => new Promise<{ url?: string; rss?: number }>((resolve) => child.once('message', resolve));
  const { url } = await next();
  const rss = async () => {
    child.send('rss');
    return ((await next()).rss ?? 0) / 2 ** 20;
  };
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const { hostname, port } = new URL(url as string);
  const send = (method: string, path: string, token: string, body?: unknown) =>
    new Promise<number>((resolve) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = { 'X-Auth-Token': token };
      if (text) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
      const req = request({ hostname, port, method, path, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.end(text);
    });
  const abuse = (i: number) => {
    const token = `t${i}`;
    switch (i % 6) {
      case 0:
      case 1:
        return send('POST', `/v1.0/${token}/backups`, token, {
          backup: {
            name: 'x'.repeat(200),
            restore_from: { remote_location: `http://s/${i}`, local_datastore_version_id: VERSION, size: 1 },
          },
        });
      case 2:
        return send('POST', `/v1.0/${token}/backup_strategies`, token, {
          backup_strategy: { swift_container: 'c', instance_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
        });
      case 3:
        return send('GET', `/v1.0/admin/backups?all_projects=1&limit=100000000&marker=${i % 50}`, 'admin');
      case 4:
        return send('GET', `/v1.0/${token}/backups?limit=100000`, token);
      default:
        return send('GET', `/v1.0/proj/backups?limit=${1000 - (i % 900)}`, 'proj');
    }
  };
  for (let i = 0; i < 20; i++) await send('GET', '/v1.0/proj/backups', 'proj');
  const baseline = await rss();
  console.log(`abuse-memory: baseline RSS ${baseline.toFixed(0)} MB (after start and 20 ordinary requests)`);
  const statuses = new Map<number, number>();
  let sent = 0;
  const started = performance.now();
  for (let mark = 10_000; mark <= TOTAL; mark += 10_000) {
    const worker = async () => {
      while (sent < mark) {
        const status = await abuse(sent++);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const now = await rss();
    console.log(
      `abuse-memory: ${String(mark).padStart(6)} requests  RSS ${now.toFixed(0).padStart(4)} MB  (${(now / baseline).toFixed(2)}× baseline)`,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`abuse-memory: ${TOTAL} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  agent.destroy();
  child.kill();
}
