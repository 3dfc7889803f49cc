// `trove-backups mock`: the mock as a command, with its request log.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freePort, occupyPort } from '../helpers/processes.js';
import { startServing } from './serving-cli.js';

describe('trove-backups mock', () => {
  it('serves the mock, prints each request and its answer, and stops on SIGINT', async () => {
    const port = await freePort();
    const run = await startServing(['mock'], { TROVE_BACKUPS_MOCK_PORT: String(port) });
    expect(run.urls.mock).toBe(`http://127.0.0.1:${port}`);
    const ok = await fetch(`${run.urls.mock}/v1.0/p/backups?limit=2`, { headers: { 'X-Auth-Token': 'any' } });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${run.urls.mock}/v1.0/p/backups`, {
      method: 'POST',
      headers: { 'X-Auth-Token': 'any', 'Content-Type': 'application/json' },
      body: '{"backup": {"name": "n", "instance": "abc"}}',
    });
    expect(bad.status).toBe(400);
    await run.cli.waitFor(/← 400/);
    const result = await run.stop('SIGINT');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('→ GET /v1.0/p/backups?limit=2\n← 200\n');
    expect(result.stdout).toContain('→ POST /v1.0/p/backups\n');
    expect(result.stdout).toMatch(/✖ Violation: request\.body\.backup\.instance .*pattern/);
  });

  it('--quiet prints the URL only', async () => {
    const run = await startServing(['mock', '--port', '0', '--quiet']);
    expect((await fetch(`${run.urls.mock}/`)).status).toBe(200);
    const result = await run.stop('SIGTERM');
    expect(result.stdout).not.toContain('→');
  });

  it('a port in use: exit 2, naming the port and how to choose another', async () => {
    const taken = await occupyPort();
    try {
      const res = await runCli(['mock', '--port', String(taken.port)]);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(
        `the mock cannot listen on 127.0.0.1:${taken.port}: port ${taken.port} is already in use; choose another port with --port or TROVE_BACKUPS_MOCK_PORT (the default is 4010)`,
      );
    } finally {
      await taken.release();
    }
  });
});
