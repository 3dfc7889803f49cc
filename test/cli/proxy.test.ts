// `trove-backups proxy` as a user runs it: it listens, logs violations as
// they happen, and prints the summary when stopped (exit 1 if any exchange
// broke the contract).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { runCli, spawnCli } from '../helpers/cli.js';

let server: RunningReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

async function startProxy() {
  const cli = spawnCli(['proxy', '--upstream', server.url]);
  const out = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
  return { cli, url };
}

describe('trove-backups proxy', () => {
  it('exits 0 with a clean summary when the traffic honours the contract', async () => {
    const { cli, url } = await startProxy();
    const res = await fetch(`${url}/v1.0/proj/backups?limit=2`, { headers: { 'X-Auth-Token': 'proj' } });
    expect(res.status).toBe(200);
    cli.child.kill('SIGTERM');
    const done = await cli.exited(20_000);
    expect(done.stdout).toMatch(/trove-backups proxy summary: 1 exchanges, 0 broke the contract/);
    expect(done.code).toBe(0);
  });

  it('logs a violation as it happens and exits 1 after SIGINT', async () => {
    const { cli, url } = await startProxy();
    await fetch(`${url}/v1.0/proj/backups?limit=abc`, { headers: { 'X-Auth-Token': 'proj' } });
    await cli.waitFor(/VIOLATION GET \/v1\.0\/proj\/backups\?limit=abc → 400 \(listBackups 400\)\n {2}at request query \/limit/);
    cli.child.kill('SIGINT');
    const done = await cli.exited(20_000);
    expect(done.stdout).toMatch(
      /summary: 1 exchanges, 1 broke the contract \(1 violations, 0 warnings\)\n {2}1× listBackups 400: request query \/limit \[type\]/,
    );
    expect(done.code).toBe(1);
  });

  it('refuses a missing or bad upstream and a bad port with exit code 2', async () => {
    for (const [args, message] of [
      [[], /--upstream is required/],
      [['--upstream', 'localhost:8779'], /--upstream must be an http or https URL/],
      [['--upstream', server.url, '--port', 'x'], /--port must be a port number/],
    ] as const) {
      const res = await runCli(['proxy', ...args]);
      expect(res.stderr).toMatch(message);
      expect(res.code).toBe(2);
    }
  });

  it('says so when the port is taken', async () => {
    const port = Number(new URL(server.url).port);
    const res = await runCli(['proxy', '--upstream', server.url, '--port', String(port)]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      `the proxy cannot listen on 127.0.0.1:${port}: port ${port} is already in use; choose another port with --port`,
    );
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
