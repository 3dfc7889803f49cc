// A seeded, bounded fuzz run over raw sockets against the mock: malformed
// request lines, escapes (Prism's router threw a URIError on some and the
// process exited), headers and bodies never crash it, never get a 5xx, and
// every answer conforms to the contract it serves. Replay a run with
// FUZZ_SEED=<seed>.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningPrism, startPrism } from '../../src/mock/prism.js';
import { judgeApiAnswer } from '../helpers/fuzz-judge.js';
import { fuzzSeed, runFuzz, sendRaw } from '../helpers/raw-fuzz.js';

const SEED = fuzzSeed();
let mock: RunningPrism;
beforeAll(async () => {
  mock = await startPrism();
}, 60_000);
afterAll(async () => {
  await mock?.close();
});

it(`survives malformed raw requests (FUZZ_SEED=${SEED})`, async () => {
  const ids = ['a9832168-7541-4536-b8d9-a8a9b79cf1b4', '44b277eb-39be-4921-be31-3d61b43651d7'];
  const sent = await runFuzz(mock.url, { seed: SEED, count: 800, budgetMs: 15_000, ids }, (c, answers) => judgeApiAnswer(c, answers, SEED));
  expect(sent).toBeGreaterThan(50);
  const [alive] = await sendRaw(
    mock.url,
    Buffer.from('GET /v1.0/p/backups HTTP/1.1\r\nHost: x\r\nX-Auth-Token: t\r\nConnection: close\r\n\r\n'),
    10_000,
  );
  expect(alive?.status).toBe(200);
}, 40_000);
