// The CLI's one option parser and its value rules, in-process.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/command.js';
import { closest, commandSpec, parseFlags, usageOf } from '../../../src/cli/options.js';
import { ANY_PORT, DOCS_PORT, hostOption, portFlag, portOption, urlOption } from '../../../src/cli/server-options.js';

const spec = commandSpec({
  name: 'demo',
  synopsis: ['[--port N] [--quiet]', '--out DIR'],
  description: 'Does nothing.',
  flags: {
    port: portFlag('the port', DOCS_PORT),
    out: { type: 'string', value: 'DIR', help: 'a folder\nsecond line' },
    quiet: { type: 'boolean', help: 'say less' },
  },
  footer: 'Exit code: 0.',
});

const usageErrorOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('parseFlags', () => {
  it('reads string and boolean flags, inline or not', () => {
    expect(parseFlags(spec, ['--port', '80', '--quiet', '--out=site'])).toEqual({ port: '80', quiet: true, out: 'site' });
    expect(parseFlags(spec, [])).toEqual({});
  });

  it.each([
    [['--prot', '1'], 'unknown option --prot (did you mean --port?); see trove-backups demo --help'],
    [['--quite'], 'unknown option --quite (did you mean --quiet?)'],
    [['--frobnicate'], 'unknown option --frobnicate; see'],
    [['-p', '1'], 'unknown option -p'],
    [['--port'], '--port needs a value (N)'],
    [['--port', '--quiet'], '--port needs a value (N)'],
    [['--quiet=yes'], '--quiet takes no value'],
    [['stray'], 'unexpected argument "stray"'],
    [['--', '--port'], 'unexpected argument "--port"'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(usageErrorOf(() => parseFlags(spec, argv))).toContain(message);
  });

  it('suggests a flag that contains the word, and none that is merely as long', () => {
    expect(closest('port', ['docs-port', 'mock-port', 'host'])).toBe('docs-port');
    expect(closest('host', ['port', 'quiet'])).toBeUndefined();
    expect(closest('upstrem', ['upstream', 'port'])).toBe('upstream');
  });
});

describe('usageOf', () => {
  it('prints every form, the flags in one aligned column, -h, and the footer', () => {
    expect(usageOf(spec)).toBe(
      [
        'Usage: trove-backups demo [--port N] [--quiet]',
        '       trove-backups demo --out DIR',
        '',
        'Does nothing.',
        '',
        'Options:',
        '  --port N    the port (default 8080, or $TROVE_BACKUPS_DOCS_PORT; 0: any free port)',
        '  --out DIR   a folder',
        '              second line',
        '  --quiet     say less',
        '  -h, --help  this help',
        '',
        'Exit code: 0.',
      ].join('\n'),
    );
  });
});

describe('the port rule', () => {
  it('takes the flag, else the variable, else the default', () => {
    expect(portOption('0', '--port', DOCS_PORT, {})).toBe(0);
    expect(portOption(undefined, '--port', DOCS_PORT, { TROVE_BACKUPS_DOCS_PORT: '9000' })).toBe(9000);
    expect(portOption(undefined, '--port', DOCS_PORT, { TROVE_BACKUPS_DOCS_PORT: '' })).toBe(8080);
    expect(portOption(undefined, '--port', ANY_PORT, {})).toBe(0);
  });

  it.each([' 80', '80 ', '8e1', '-1', '65536', '0x50', '', '1.5'])('refuses %j', (text) => {
    expect(usageErrorOf(() => portOption(text, '--port', DOCS_PORT, {}))).toBe(
      `--port must be a port number from 0 to 65535 (0: any free port), not "${text}"`,
    );
  });

  it('names the variable when the port comes from it', () => {
    expect(usageErrorOf(() => portOption(undefined, '--port', DOCS_PORT, { TROVE_BACKUPS_DOCS_PORT: 'x' }))).toContain(
      'TROVE_BACKUPS_DOCS_PORT must be a port number',
    );
  });
});

describe('the host rule', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['localhost', 'localhost'],
    ['api.example.org', 'api.example.org'],
  ])('takes %j as %j', (text, host) => {
    expect(hostOption(text, {})).toBe(host);
  });

  it('falls back to TROVE_BACKUPS_HOST, then 127.0.0.1', () => {
    expect(hostOption(undefined, { TROVE_BACKUPS_HOST: '::1' })).toBe('::1');
    expect(hostOption(undefined, {})).toBe('127.0.0.1');
  });

  it.each([
    ['', '--host must not be empty'],
    ['[]', '--host must not be empty'],
    ['a b', '--host must be a host name or an IP address, not "a b"'],
    ['http://x', '--host must be a host name or an IP address'],
    ['[localhost]', '--host must be a host name or an IP address'],
    ['-x', '--host must be a host name or an IP address'],
  ])('refuses %j', (text, message) => {
    expect(usageErrorOf(() => hostOption(text, {}))).toContain(message);
  });
});

describe('the URL rule', () => {
  it('takes an http or https URL', () => {
    expect(urlOption('http://[::1]:8779', '--upstream').href).toBe('http://[::1]:8779/');
    expect(urlOption('https://trove.example.org/', '--upstream').hostname).toBe('trove.example.org');
  });

  it.each([
    ['localhost:8779', 'must be an http or https URL'],
    ['ftp://x', 'must be an http or https URL'],
    ['http://', 'must be an http or https URL'],
    ['http://u:p@x', 'must not hold a user or password'],
    ['http://x/?a=1', 'must not have a query or fragment'],
  ])('refuses %j', (text, message) => {
    expect(usageErrorOf(() => urlOption(text, '--upstream'))).toContain(`--upstream ${message}`);
  });
});
