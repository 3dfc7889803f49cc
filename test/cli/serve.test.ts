// `trove-backups serve`, run as a user runs it (the built CLI).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../src/server/index.js';
import { runCli, spawnCli } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trove-backups serve', () => {
  it('serves the seed until SIGTERM, printing its URL and a line per request', async () => {
    const cli = spawnCli(['serve', '--port', '0']);
    const out = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    const res = await fetch(`${url}/v1.0/proj/backups/b1111111-1111-1111-1111-111111111111`, { headers: { 'X-Auth-Token': 'proj' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { backup: { name: string } }).backup.name).toBe('bk-full');
    await cli.waitFor(/GET \/v1\.0\/proj\/backups\/b1111111-1111-1111-1111-111111111111 200/);
    cli.child.kill('SIGTERM');
    const done = await cli.exited(10_000);
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('SIGTERM: stopping.');
  });

  it('stops cleanly on Ctrl-C (SIGINT)', async () => {
    const cli = spawnCli(['serve', '--port', '0', '--quiet']);
    await cli.waitFor(/listening on/);
    cli.child.kill('SIGINT');
    const done = await cli.exited(10_000);
    expect(done, JSON.stringify(done)).toMatchObject({ code: 0 });
  });

  it('names the port when it is in use (exit 2, no stack)', async () => {
    const taken = await startReferenceServer();
    try {
      const port = new URL(taken.url).port;
      const res = await runCli(['serve', '--port', port]);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(
        `the reference server cannot listen on 127.0.0.1:${port}: port ${port} is already in use; choose another port with --port (the default is 8779)`,
      );
      expect(res.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await taken.close();
    }
  });

  it('uses a YAML config file: its tokens replace the default auth', async () => {
    const file = join(dir, 'tokens.yaml');
    writeFileSync(file, 'tokens:\n  secret-token:\n    project_id: team\n    roles: [member]\n');
    const cli = spawnCli(['serve', '--port', '0', '--quiet', '--config', file]);
    const url = /listening on (\S+) /.exec(await cli.waitFor(/listening on \S+ /))![1]!;
    try {
      const ok = await fetch(`${url}/v1.0/team/backups`, { headers: { 'X-Auth-Token': 'secret-token' } });
      expect(ok.status).toBe(200);
      const unknown = await fetch(`${url}/v1.0/proj/backups`, { headers: { 'X-Auth-Token': 'proj' } });
      expect(unknown.status).toBe(401);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited(10_000);
    }
  });

  it('refuses a bad config file with every problem, naming the key (exit 2)', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ timings: { newMs: -1 }, instancs: [] }));
    const res = await runCli(['serve', '--config', file]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`invalid reference server configuration (${file})`);
    expect(res.stderr).toContain('/timings/newMs: must be >= 0 (it is -1)');
    expect(res.stderr).toContain('(top level): unknown key "instancs"');
  });

  it('refuses a bad --port', async () => {
    const res = await runCli(['serve', '--port', '99999']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--port must be a port number from 0 to 65535');
  });
});
