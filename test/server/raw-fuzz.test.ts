// A seeded, bounded fuzz run over raw sockets against the reference server:
// malformed request lines, escapes, headers and bodies never crash it,
// never get a 5xx, and every answer conforms to the contract. Replay a run
// with FUZZ_SEED=<seed>.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningReferenceServer, SEED_INSTANCE, startReferenceServer } from '../../src/server/index.js';
import { judgeApiAnswer } from '../helpers/fuzz-judge.js';
import { fuzzSeed, runFuzz, sendRaw } from '../helpers/raw-fuzz.js';

const SEED = fuzzSeed();
let server: RunningReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(async () => {
  await server?.close();
});

it(`survives malformed raw requests (FUZZ_SEED=${SEED})`, async () => {
  const ids = [SEED_INSTANCE, 'b1111111-1111-1111-1111-111111111111'];
  const sent = await runFuzz(server.url, { seed: SEED, count: 1500, budgetMs: 12_000, ids }, (c, answers) =>
    judgeApiAnswer(c, answers, SEED),
  );
  expect(sent).toBeGreaterThan(100);
  const [alive] = await sendRaw(server.url, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
  expect(alive?.status).toBe(200);
}, 30_000);
