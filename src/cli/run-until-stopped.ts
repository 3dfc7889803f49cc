// Every long-running command (serve, mock, docs, start, proxy) runs its
// servers here until Ctrl-C (SIGINT) or SIGTERM, then closes them. They all
// run in this process (the only child, Redocly's build, is killed when the
// stop comes during a build), so nothing is left behind.
import { ListenError } from '../net/listen-error.js';
import { UsageError } from './command.js';

export interface Running {
  url: string;
  close: () => Promise<void>;
}

export type Starter = (signal: AbortSignal) => Promise<Running>;

export interface Service {
  start: Starter;
  /** The line printed once everything is up, given the service's URL. */
  line: (url: string) => string;
  /** How to choose another port ("--port or $X (the default is 8080)"), added to a ListenError. */
  portHint: string;
}

// After a stop, the process ends within this time even if a client keeps a
// request open.
const CLOSE_GRACE_MS = 5_000;

export const STOP_LINE = 'Ctrl-C stops.';

/**
 * Starts each service in turn, prints their lines and STOP_LINE, and resolves
 * once stopped and closed. A port that cannot be taken is a UsageError with
 * the service's hint; a stop during the start resolves without the lines.
 */
export async function runUntilStopped(services: Service[], out: (line: string) => void = console.log): Promise<void> {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: stopping.\n`);
    setTimeout(() => process.exit(1), CLOSE_GRACE_MS).unref();
    controller.abort(new Error(`stopped by ${signal}`));
  };
  // Listen for the signals before saying we are up: a caller may stop us as soon as it reads the line.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const running: Running[] = [];
  try {
    for (const service of services) {
      running.push(await service.start(controller.signal).catch((error: unknown) => Promise.reject(withPortHint(error, service.portHint))));
      if (controller.signal.aborted) return;
    }
    running.forEach((r, i) => {
      out(services[i]?.line(r.url) ?? r.url);
    });
    out(STOP_LINE);
    await new Promise((resolve) => controller.signal.addEventListener('abort', resolve, { once: true }));
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await Promise.allSettled(running.reverse().map((r) => r.close()));
  }
}

function withPortHint(error: unknown, hint: string): unknown {
  return error instanceof ListenError ? new UsageError(`${error.message}; choose another port with ${hint}`) : error;
}
