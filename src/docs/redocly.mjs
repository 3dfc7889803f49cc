// Runs the pinned Redocly CLI without its telemetry, and without the Node 20
// end-of-life banner that it prints on every run (it cannot be turned off).
// Plain JavaScript, so that scripts/redocly.mjs (npm run lint, before any
// build) runs the same code as the docs build.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

// `signal` stops the run (the child is killed), for a CLI stopped mid-build.
export function redocly(args, { quiet = false, cwd = process.cwd(), signal } = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    let out = '';
    const keep = (chunk) => {
      const text = chunk
        .toString()
        .split('\n')
        .filter((line) => !/[║╔╚]/.test(line))
        .join('\n');
      out += text;
      if (!quiet) process.stderr.write(text);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    // An aborted or failed spawn emits 'error' and then 'close'.
    child.on('error', (error) => {
      out += `${error.message}\n`;
    });
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output: out }));
  });
}
