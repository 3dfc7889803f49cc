// The client's cost per request: client.get() against raw fetch of the same
// URL with the same headers (and res.json()), on the same local server, in
// the same run. The server runs in a worker thread so that it does not share
// the event loop with the client. All contenders are interleaved request by
// request and compared by their median time, which shrugs off the bursts of
// other work on a shared machine. Target: a ratio of at most 1.05.
//
// The client's default timeoutMs gives each request an AbortSignal, and
// Node 20's fetch spends several microseconds registering one (listeners, a
// weak ref, a finalizer): against a local server that answers in ~0.1 ms it
// shows. So the run also times fetch with the same signal, and the client
// without a timeout, to show where the difference comes from.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { USER_AGENT } from '../src/client/version.js';
import { createBackupsClient } from '../src/index.js';

const TARGET = 1.05;
const WARMUP = 2_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20_000);
const ID = 'a9832168-7541-4536-b8d9-a8a9b79cf1b4';

function serve(): void {
  const recorded = JSON.parse(readFileSync('samples/recorded/18/show-backup-full.json', 'utf8')) as { response: { body: unknown } };
  const body = JSON.stringify(recorded.response.body);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => parentPort?.postMessage((server.address() as AddressInfo).port));
}

async function main(): Promise<void> {
  const worker = new Worker(new URL(import.meta.url));
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const endpoint = `http://127.0.0.1:${port}/v1.0/proj`;
  const url = `${endpoint}/backups/${ID}`;
  const headers = { Accept: 'application/json', 'User-Agent': USER_AGENT, 'X-Auth-Token': 'tok' };
  const client = createBackupsClient({ endpoint, token: 'tok' });
  const timed = createBackupsClient({ endpoint, token: 'tok', timeoutMs: 30_000 });

  const contenders: Record<string, () => Promise<unknown>> = {
    'raw fetch': async () => {
      const res = await fetch(url, { headers });
      return res.json();
    },
    'client.get': () => client.get(ID),
    'raw fetch + timeout signal': async () => {
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
      return res.json();
    },
    'client.get, timeoutMs 30 s': () => timed.get(ID),
  };
  const names = Object.keys(contenders);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < WARMUP; i++) for (const name of names) await contenders[name]?.();
  for (let i = 0; i < ROUNDS; i++) {
    for (const name of names) {
      const start = process.hrtime.bigint();
      await contenders[name]?.();
      times[name]?.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  await worker.terminate();

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  console.log(`GET one backup, ${ROUNDS} requests each, interleaved (Node ${process.version})`);
  for (const name of names) {
    const t = times[name] ?? [];
    console.log(`  ${name.padEnd(28)} median ${median(t).toFixed(1).padStart(6)} µs   mean ${mean(t).toFixed(1).padStart(6)} µs`);
  }
  const ratio = (a: string, b: string) => median(times[a] ?? []) / median(times[b] ?? []);
  const line = (label: string, a: string, b: string) => {
    const r = ratio(a, b);
    console.log(`${label.padEnd(58)} ${r.toFixed(3)}  ${r <= TARGET ? 'within' : 'over'} ${TARGET}`);
  };
  line('ratio client.get / raw fetch (the target):', 'client.get', 'raw fetch');
  line('ratio with a 30 s timeout on both sides:', 'client.get, timeoutMs 30 s', 'raw fetch + timeout signal');
}

if (isMainThread) await main();
else serve();
