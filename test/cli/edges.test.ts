// The edges every long-running command shares (serve, mock, docs, start,
// proxy): one option parser, one host rule, one help voice, one way to stop,
// and URLs that are URLs for an IPv6 host. Run as a user runs the built CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { runCli, spawnCli } from '../helpers/cli.js';

let upstream: RunningReferenceServer;
beforeAll(async () => {
  upstream = await startReferenceServer();
});
afterAll(() => upstream.close());

const COMMANDS = ['serve', 'mock', 'docs', 'start', 'proxy'] as const;
/** The arguments each command needs besides the ones under test. */
const required = (command: string): string[] => (command === 'proxy' ? ['--upstream', upstream.url] : []);

const MISTAKES: [string[], string][] = [
  [['--host', ''], '--host must not be empty'],
  [['--host', 'not a host'], '--host must be a host name or an IP address, not "not a host"'],
  [['--host', 'http://127.0.0.1'], '--host must be a host name or an IP address'],
  [['--hots', '127.0.0.1'], 'unknown option --hots (did you mean --host?)'],
  [['extra'], 'unexpected argument "extra"'],
];

describe.each(COMMANDS)('trove-backups %s', (command) => {
  // The runs go in parallel: each is a Node process, slow to start on a busy machine.
  it(`refuses a bad host, an unknown flag and a stray argument: exit 2, one line, no stack`, async () => {
    const results = await Promise.all(MISTAKES.map(([args]) => runCli([command, ...required(command), ...args])));
    results.forEach((res, i) => {
      const [args, message] = MISTAKES[i] ?? [[], ''];
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr, args.join(' ')).toMatch(/^trove-backups: [^\n]+\n$/);
      expect(res.stderr, args.join(' ')).toContain(message);
    });
  });

  it('--help: the usage, the options in one column, -h', async () => {
    const res = await runCli([command, '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^Usage: trove-backups ${command}`));
    expect(res.stdout).toMatch(/\nOptions:\n( {2}--.*\n| {5,}.*\n)+ {2}-h, --help +this help\n/);
    expect(res.stdout).toMatch(/--host HOST +the address.* \(default 127\.0\.0\.1, or \$TROVE_BACKUPS_HOST\)/);
  });
});

describe('an IPv6 host', () => {
  it.each([
    ['serve', /listening on (http:\/\/\[::1\]:\d+)/],
    ['mock', /Mock API: +(http:\/\/\[::1\]:\d+)/],
    ['proxy', /listening on (http:\/\/\[::1\]:\d+)/],
  ])('%s --host ::1 prints a URL that answers, and stops on SIGTERM', async (command, printed) => {
    const cli = spawnCli([command, ...required(command), '--host', '::1', '--port', '0', ...(command === 'proxy' ? [] : ['--quiet'])]);
    try {
      const url = printed.exec(await cli.waitFor(printed))?.[1] ?? '';
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(10_000) });
      expect(res.status).toBeLessThan(500);
    } finally {
      cli.child.kill('SIGTERM');
    }
    const done = await cli.exited(20_000);
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('SIGTERM: stopping.');
  });
});
