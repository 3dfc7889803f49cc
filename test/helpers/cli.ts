// Runs the built CLI (dist/cli/index.js, from `npm run build`) as a user does.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './files.js';

export const cliPath = join(root, 'dist', 'cli', 'index.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion (killing it after `timeoutMs`). */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {}): Promise<CliResult> {
  const cli = spawnCli(args, options);
  return cli.exited(options.timeoutMs ?? 60_000);
}

export interface SpawnedCli {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  /** Resolves with the output so far once stdout or stderr matches. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  /** Resolves when the process ends; kills it with SIGKILL after `timeoutMs`. */
  exited: (timeoutMs?: number) => Promise<CliResult>;
}

export function spawnCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): SpawnedCli {
  return spawnCommand(process.execPath, [cliPath, ...args], options);
}

/** Any command, with the same helpers (`npm start`, for one). */
export function spawnCommand(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): SpawnedCli {
  const child = spawn(command, args, {
    cwd: options.cwd ?? root,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    for (const l of listeners) l();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const l of listeners) l();
  });
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });

  return {
    child,
    output: () => ({ stdout, stderr }),
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const all = `${stdout}\n${stderr}`;
          if (pattern.test(all)) {
            cleanup();
            resolve(all);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}; stdout: ${stdout}; stderr: ${stderr}`));
        }, timeoutMs);
        const onClose = () => {
          cleanup();
          reject(new Error(`the CLI exited before printing ${pattern}; stdout: ${stdout}; stderr: ${stderr}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('close', onClose);
        };
        listeners.add(check);
        child.on('close', onClose);
        check();
      }),
    exited: (timeoutMs = 60_000) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      return done.finally(() => clearTimeout(timer));
    },
  };
}
