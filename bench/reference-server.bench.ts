// Requests per second of the reference server against the Prism mock of the
// same spec, in the same run: GET /backups (a page of 100 backups) and
// GET /backups/{id}. Both answer the same bodies: Prism serves a copy of the
// bundled spec whose examples for these two operations are the reference
// server's answers. Each server runs in its own process; the load comes from
// this one over raw keep-alive sockets (a cheaper client than node:http, so
// that it is less of a limit), 1 and 16 requests in flight. The servers take
// turns, 3 rounds of 2 s each, and the best round counts. Target: at least
// 10 times Prism. A benchmark, not a test: it prints, it asserts nothing.
//
// On a machine shared with other work, requests per second swing from run to
// run, so the run also reports each server's CPU time per request (from its
// own process): requests per CPU-second is what one dedicated core would
// serve, and its ratio is steady. A third server, the floor, is node:http
// answering the same bytes with no logic at all: no Node server does better,
// so it shows how much of the limit is Node's own HTTP stack.
//
// The servers find the spec relative to their own files, so they are loaded
// from dist/ (built first with tsc), not bundled into this file.
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const TARGET = 10;
const CONCURRENCY = [1, 16];
const ROUNDS = 3;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const BACKUPS = 100;
const HEADERS = { 'X-Auth-Token': 'proj', Accept: 'application/json' };
const dist = (file: string) => pathToFileURL(join(process.cwd(), 'dist', file)).href;
const id = (n: number) => `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const stamp = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString().slice(0, 19);

type Start = { kind: 'reference' } | { kind: 'prism'; spec: string } | { kind: 'floor'; bodies: Record<string, string> };

async function serve(start: Start): Promise<void> {
  // The parent asks for this process's CPU time around each round.
  process.on('message', () => process.send!(process.cpuUsage()));
  if (start.kind === 'floor') {
    const bodies = new Map(Object.entries(start.bodies).map(([path, body]) => [path, Buffer.from(body)]));
    const server = createServer((req, res) => {
      const body = bodies.get(req.url ?? '') ?? Buffer.alloc(0);
      res.writeHead(body.length ? 200 : 404, ['Content-Type', 'application/json', 'Content-Length', String(body.length)]);
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => process.send!(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    return;
  }
  if (start.kind === 'prism') {
    const { startPrism } = await import(dist('mock/prism.js'));
    process.send!((await startPrism({ spec: start.spec })).url);
    return;
  }
  const { startReferenceServer, SEED_DATASTORE_VERSION_ID, SEED_INSTANCE } = await import(dist('server/index.js'));
  const backups = Array.from({ length: BACKUPS }, (_, n) => ({
    id: id(n),
    project_id: 'proj',
    name: `backup-${n}`,
    description: n % 2 ? null : `nightly ${n}`,
    status: 'COMPLETED',
    instance_id: SEED_INSTANCE,
    created: stamp(n),
    updated: stamp(n),
    size: 0.14,
    datastore_version_id: SEED_DATASTORE_VERSION_ID,
    locationRef: `http://127.0.0.1:8080/v1/AUTH_proj/database_backups/${id(n)}.xbstream.gz.enc`,
  }));
  process.send!((await startReferenceServer({ config: { backups } })).url);
}

interface Running {
  url: string;
  child: ChildProcess;
}

function startServer(start: Start): Promise<Running> {
  const child = fork(new URL(import.meta.url), [], { execArgv: [], env: { ...process.env, BENCH_SERVE: JSON.stringify(start) } });
  return new Promise((resolve, reject) => {
    child.once('message', (url) => resolve({ url: url as string, child }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the ${start.kind} server exited with ${code}`)));
  });
}

/** The server process's CPU time so far, in ms. */
function cpuMs(server: Running): Promise<number> {
  return new Promise((resolve) => {
    server.child.once('message', (usage) => resolve(((usage as NodeJS.CpuUsage).user + (usage as NodeJS.CpuUsage).system) / 1000));
    server.child.send('cpu');
  });
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

/**
 * GETs one URL again and again on a keep-alive socket, each once the last
 * answer is in full. It reads only the status and Content-Length, and
 * counts the body's bytes without copying them.
 */
function client(url: URL, onDone: (ms: number, ok: boolean) => boolean): Promise<void> {
  const request = Buffer.from(
    `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n${Object.entries(HEADERS)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`,
  );
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    socket.setNoDelay(true);
    let head = '';
    let remaining = -1; // body bytes still to come; -1 while reading the head
    let ok = false;
    let started = 0;
    const send = () => {
      started = performance.now();
      socket.write(request);
    };
    socket.on('connect', send);
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      let at = 0;
      while (at < chunk.length) {
        if (remaining < 0) {
          const end = chunk.indexOf('\r\n\r\n', at);
          head += chunk.toString('latin1', at, end < 0 ? chunk.length : end);
          if (end < 0) return; // a head split over two chunks: rare, and handled
          ok = head.startsWith('HTTP/1.1 200');
          remaining = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
          head = '';
          at = end + 4;
        }
        const take = Math.min(remaining, chunk.length - at);
        remaining -= take;
        at += take;
        if (remaining > 0) return;
        remaining = -1;
        if (onDone(performance.now() - started, ok)) send();
        else {
          socket.end();
          resolve();
          return;
        }
      }
    });
  });
}

async function load(url: string, concurrency: number, seconds: number): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, () =>
      client(new URL(url), (ms, ok) => {
        latencies.push(ms);
        if (!ok) errors += 1;
        return performance.now() < until;
      }),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors, requests: latencies.length };
}

async function text(url: string): Promise<string> {
  const res = await fetch(url, { headers: HEADERS });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.text();
}

/** A copy of the bundled spec whose examples for the two operations are `list` and `show`. */
function specWith(list: unknown, show: unknown): string {
  const spec = JSON.parse(readFileSync('generated/openapi.json', 'utf8'));
  const ok = (path: string) => spec.paths[path].get.responses['200'].content['application/json'];
  ok('/v1.0/{project_id}/backups').examples = { hundred: { summary: `${BACKUPS} backups`, value: list } };
  ok('/v1.0/{project_id}/backups/{backupId}').examples = { one: { summary: 'one of them', value: show } };
  const dir = mkdtempSync(join(tmpdir(), 'bench-prism-'));
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(spec));
  return dir;
}

async function main(): Promise<void> {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const reference = await startServer({ kind: 'reference' });
  const cases = [
    { name: `GET /backups?limit=${BACKUPS} (${BACKUPS} backups)`, path: `/v1.0/proj/backups?limit=${BACKUPS}` },
    { name: 'GET /backups/{id}', path: `/v1.0/proj/backups/${id(42)}` },
  ];
  const bodies = await Promise.all(cases.map((c) => text(reference.url + c.path)));
  const dir = specWith(JSON.parse(bodies[0]!), JSON.parse(bodies[1]!));
  const prism = await startServer({ kind: 'prism', spec: join(dir, 'openapi.json') });
  const floor = await startServer({ kind: 'floor', bodies: Object.fromEntries(cases.map((c, i) => [c.path, bodies[i]!])) });
  const servers = [
    ['reference', reference],
    ['prism', prism],
    ['floor', floor],
  ] as const;
  try {
    for (const [i, c] of cases.entries()) {
      if (!isDeepStrictEqual(JSON.parse(await text(prism.url + c.path)), JSON.parse(bodies[i]!)))
        throw new Error(`Prism does not answer ${c.path} as the reference server does`);
    }
    console.log(
      `Both servers answer the same bodies. ${ROUNDS} rounds of ${SECONDS} s per server, the best counts; Node ${process.version}\n`,
    );
    for (const { name, path } of cases) {
      console.log(name);
      for (const concurrency of CONCURRENCY) {
        const best: Record<string, Result> = {};
        const perCpuSecond: Record<string, number> = {};
        for (const [, server] of servers) await load(server.url + path, concurrency, 0.5); // warm-up
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const [label, server] of servers) {
            const cpuBefore = await cpuMs(server);
            const result = await load(server.url + path, concurrency, SECONDS);
            const cpu = (await cpuMs(server)) - cpuBefore;
            if (!best[label] || result.rps > best[label].rps) best[label] = result;
            perCpuSecond[label] = Math.max(perCpuSecond[label] ?? 0, result.requests / (cpu / 1000));
          }
        }
        const ratio = best.reference!.rps / best.prism!.rps;
        const cpuRatio = perCpuSecond.reference! / perCpuSecond.prism!;
        const verdict = (r: number) => `${r.toFixed(1)} x Prism (target at least ${TARGET}: ${r >= TARGET ? 'met' : 'NOT met'})`;
        console.log(`  ${concurrency} in flight`);
        for (const [label, r] of Object.entries(best)) {
          console.log(
            `    ${label.padEnd(9)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(2).padStart(5)} ms   p99 ${r.p99.toFixed(2).padStart(5)} ms   ${perCpuSecond[label]!.toFixed(0).padStart(6)} req per CPU-second${r.errors ? `   ${r.errors} answers not 200!` : ''}`,
          );
        }
        console.log(`    req/s:            ${verdict(ratio)}`);
        console.log(
          `    req per CPU-s:    ${verdict(cpuRatio)}; the reference server does ${((100 * perCpuSecond.reference!) / perCpuSecond.floor!).toFixed(0)}% of the floor's`,
        );
      }
      console.log('');
    }
  } finally {
    for (const [, server] of servers) server.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The same file is the benchmark (no BENCH_SERVE) and each of its servers.
if (process.env.BENCH_SERVE) await serve(JSON.parse(process.env.BENCH_SERVE) as Start);
else await main();
