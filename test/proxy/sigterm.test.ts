// `trove-backups proxy` stopped by SIGTERM while an exchange is still
// waiting for an upstream that never answers: it ends the exchange, prints
// its summary and exits within its grace period with its verdict.
import { afterEach, expect, it } from 'vitest';
import { type ScriptedServer, startScriptedServer } from '../client/fixtures/scripted-server.js';
import { spawnCli } from '../helpers/cli.js';

let upstream: ScriptedServer | undefined;
afterEach(async () => {
  await upstream?.close();
});

it('exits within its grace period on SIGTERM with an exchange pending', async () => {
  upstream = await startScriptedServer(() => ({ hang: true }));
  const cli = spawnCli(['proxy', '--upstream', upstream.url]);
  const output = await cli.waitFor(/listening on (http:\/\/\S+)/, 60_000);
  const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
  const pending = fetch(`${url}/v1.0/proj/backups`, { headers: { 'X-Auth-Token': 'proj' } }).catch(() => undefined);
  while (upstream.requests.length === 0) await new Promise((r) => setTimeout(r, 20));
  const stopped = Date.now();
  cli.child.kill('SIGTERM');
  const result = await cli.exited(20_000);
  expect(Date.now() - stopped).toBeLessThan(8_000);
  expect(result.code === 0 || result.code === 1).toBe(true);
  expect(result.stdout).toMatch(/trove-backups proxy summary: \d+ exchanges/);
  await pending;
}, 90_000);
