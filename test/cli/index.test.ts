import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readJson } from '../helpers/files.js';

describe('trove-backups', () => {
  it('lists its commands with --help', async () => {
    const res = await runCli(['--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Usage: trove-backups <command> \[options\]/);
  });

  it('prints the package version', async () => {
    const res = await runCli(['--version']);
    expect(res.stdout.trim()).toBe(readJson<{ version: string }>('package.json').version);
  });

  it('refuses an unknown command with exit code 2 and the help', async () => {
    const res = await runCli(['frobnicate']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unknown command "frobnicate"');
  });

  it('suggests the command meant', async () => {
    const res = await runCli(['serv']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unknown command "serv" (did you mean serve?)');
  });
});
