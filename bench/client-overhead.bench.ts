// What the client itself costs per call, without any network: client.get()
// against the same fetch (one that answers at once with a ready response)
// called by hand with res.json(). The difference is the time spent in
// openapi-fetch and the client's own layers; the network time of
// client.bench.ts is not in it, so it is steadier on a busy machine.
import { readFileSync } from 'node:fs';
import { createBackupsClient } from '../src/index.js';

const ID = 'a9832168-7541-4536-b8d9-a8a9b79cf1b4';
const CALLS = 200_000;
const body = JSON.stringify(
  (JSON.parse(readFileSync('samples/recorded/18/show-backup-full.json', 'utf8')) as { response: { body: unknown } }).response.body,
);
const answer = async (): Promise<Response> => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
const client = createBackupsClient({ endpoint: 'http://trove.invalid/v1.0/proj', token: 'tok', fetch: answer });
const untimed = createBackupsClient({ endpoint: 'http://trove.invalid/v1.0/proj', token: 'tok', fetch: answer, timeoutMs: 0 });

const contenders: Record<string, () => Promise<unknown>> = {
  'fetch + res.json()': async () => (await answer()).json(),
  'client.get': () => client.get(ID),
  'client.get, timeoutMs 0': () => untimed.get(ID),
};

async function perCall(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await fn();
  return Number(process.hrtime.bigint() - start) / CALLS / 1000;
}

for (const fn of Object.values(contenders)) for (let i = 0; i < 20_000; i++) await fn();
// Three alternating rounds; the best of each is the least disturbed.
const best: Record<string, number> = {};
for (let round = 0; round < 3; round++) {
  for (const [name, fn] of Object.entries(contenders)) best[name] = Math.min(best[name] ?? Infinity, await perCall(fn));
}
const base = best['fetch + res.json()'] ?? NaN;
console.log(`${CALLS} calls each, best of 3 rounds, with a fetch that answers at once`);
for (const [name, us] of Object.entries(best)) {
  console.log(
    `  ${name.padEnd(26)} ${us.toFixed(2).padStart(6)} µs per call   ${name === 'fetch + res.json()' ? '' : `client's own cost: ${(us - base).toFixed(2)} µs`}`,
  );
}
