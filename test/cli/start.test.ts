// `trove-backups start` (what `npm start` runs): the docs and the mock, their
// ports, and a stop that leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { ContractValidator } from '../../src/contract/validator.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { childrenOf, freePort, isListening, occupyPort, processMarker } from '../helpers/processes.js';
import { startServing } from './serving-cli.js';

const contract = new ContractValidator();

async function expectDocs(url: string): Promise<void> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/html');
  expect(await res.text()).toContain('OpenStack Trove Database Backups API');
}

async function expectMock(url: string): Promise<void> {
  const res = await fetch(`${url}/v1.0/my-project/backups`, { headers: { 'X-Auth-Token': 'any' } });
  expect(res.status).toBe(200);
  expect(contract.validateResponse('listBackups', 200, await res.json())).toEqual([]);
}

describe('trove-backups start', () => {
  it('serves the docs and the mock, prints both URLs, and SIGTERM stops both (exit 0)', async () => {
    const run = await startServing(['start', '--docs-port', '0', '--mock-port', '0']);
    expect(run.urls.docs).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(run.urls.mock).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expectDocs(run.urls.docs!);
    await expectMock(run.urls.mock!);
    const result = await run.stop('SIGTERM');
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(result.stderr).toContain('SIGTERM: stopping.');
  });

  it('Ctrl-C (SIGINT) stops it the same way, with a browser connection still open', async () => {
    const run = await startServing(['start', '--docs-port', '0', '--mock-port', '0']);
    // A kept-alive connection, as a browser leaves one, must not hold the stop.
    const res = await fetch(run.urls.docs!, { headers: { connection: 'keep-alive' } });
    expect(res.status).toBe(200);
    await res.text();
    expect(await run.stop('SIGINT')).toMatchObject({ code: 0, signal: null });
  });

  it('takes its ports from the environment, and the flags over the environment', async () => {
    const [docsPort, mockPort, flagPort] = [await freePort(), await freePort(), await freePort()];
    const env = { TROVE_BACKUPS_DOCS_PORT: String(docsPort), TROVE_BACKUPS_MOCK_PORT: String(mockPort) };
    const run = await startServing(['start', '--mock-port', String(flagPort)], env);
    expect(run.urls.docs).toBe(`http://127.0.0.1:${docsPort}/`);
    expect(run.urls.mock).toBe(`http://127.0.0.1:${flagPort}`);
    await expectMock(run.urls.mock!);
    await run.stop('SIGTERM');
  });

  it('prints its fixed default ports in its help', async () => {
    const res = await runCli(['start', '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('default 8080, or $TROVE_BACKUPS_DOCS_PORT');
    expect(res.stdout).toContain('default 4010, or $TROVE_BACKUPS_MOCK_PORT');
  });

  it('stopped while it builds the docs, it serves nothing and leaves nothing', async () => {
    const marker = processMarker();
    const cli = spawnCli(['start', '--docs-port', '0', '--mock-port', '0'], { env: marker.env });
    // Wait for the Redocly build, a child process of the CLI.
    let children: number[] = [];
    while (children.length === 0 && cli.child.exitCode === null && !/Ctrl-C stops/.test(cli.output().stdout)) {
      await new Promise((r) => setTimeout(r, 10));
      children = childrenOf(cli.child.pid!);
    }
    expect(children.length, 'the docs build was not seen running').toBeGreaterThan(0);
    cli.child.kill('SIGTERM');
    const result = await cli.exited(30_000);
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(result.stdout).not.toContain('Ctrl-C stops');
    expect(marker.processes()).toEqual([]);
  });
});

describe('trove-backups start: mistakes', () => {
  it.each([
    ['--docs-port', 'the docs server', 'TROVE_BACKUPS_DOCS_PORT'],
    ['--mock-port', 'the mock', 'TROVE_BACKUPS_MOCK_PORT'],
  ])('a port in use (%s): exit 2, an error naming the port, nothing left running', async (flag, what, envName) => {
    const taken = await occupyPort();
    const other = flag === '--docs-port' ? '--mock-port' : '--docs-port';
    const otherPort = await freePort();
    const marker = processMarker();
    try {
      const res = await runCli(['start', flag, String(taken.port), other, String(otherPort)], { env: marker.env });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(`trove-backups: ${what} cannot listen on 127.0.0.1:${taken.port}: port ${taken.port} is already in use`);
      expect(res.stderr).toContain(`choose another port with ${flag} or ${envName}`);
      expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(await isListening(otherPort)).toBe(false);
      expect(marker.processes()).toEqual([]);
    } finally {
      await taken.release();
    }
  });

  it.each([
    [['start', '--docs-port', 'abc'], {}, '--docs-port must be a port number from 0 to 65535'],
    [['start', '--mock-port', '70000'], {}, '--mock-port must be a port number'],
    [['start'], { TROVE_BACKUPS_MOCK_PORT: 'x' }, 'TROVE_BACKUPS_MOCK_PORT must be a port number'],
    [['start', '--port', '1'], {}, 'unknown option --port (did you mean --docs-port?)'],
    [['start', '--host', ''], {}, '--host must not be empty'],
  ])('%j %j: exit 2 with "%s"', async (args, env, message) => {
    const res = await runCli(args, { env });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
  });

  it("a host that is not this machine's: exit 2, naming the address", async () => {
    const res = await runCli(['start', '--host', '192.0.2.1', '--docs-port', '0', '--mock-port', '0']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('the mock cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine');
  });
});
