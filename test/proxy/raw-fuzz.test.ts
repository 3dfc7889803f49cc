// A seeded, bounded fuzz run over raw sockets against the validating proxy
// in front of the reference server: malformed request lines, escapes,
// headers and bodies never crash it, never get a 5xx, and every answer
// passed back for an operation of the contract conforms to it (Prism
// normalises other paths before it forwards them: see docs/limits.md). Replay a run with FUZZ_SEED=<seed>.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningProxy, startValidatingProxy } from '../../src/proxy/proxy.js';
import { type RunningReferenceServer, SEED_INSTANCE, startReferenceServer } from '../../src/server/index.js';
import { judgeApiAnswer } from '../helpers/fuzz-judge.js';
import { fuzzSeed, runFuzz, sendRaw } from '../helpers/raw-fuzz.js';

const SEED = fuzzSeed();
let upstream: RunningReferenceServer;
let proxy: RunningProxy;
beforeAll(async () => {
  upstream = await startReferenceServer();
  proxy = await startValidatingProxy({ upstream: upstream.url });
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
});

it(`survives malformed raw requests (FUZZ_SEED=${SEED})`, async () => {
  const ids = [SEED_INSTANCE, 'b1111111-1111-1111-1111-111111111111'];
  const sent = await runFuzz(proxy.url, { seed: SEED, count: 600, budgetMs: 15_000, ids }, (c, answers) =>
    judgeApiAnswer(c, answers, SEED, { allowed5xx: new Set([502, 504]), operationsOnly: true }),
  );
  expect(sent).toBeGreaterThan(50);
  const [alive] = await sendRaw(proxy.url, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), 10_000);
  expect(alive?.status).toBe(200);
}, 40_000);
