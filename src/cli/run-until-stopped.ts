// Runs servers until Ctrl-C (SIGINT) or SIGTERM, then closes them. They all
// run in this process (the only child, Redocly's build, is killed when the
// stop comes during a build), so nothing is left behind.

export interface Running {
  url: string;
  close: () => Promise<void>;
}

export type Starter = (signal: AbortSignal) => Promise<Running>;

// After a stop, the process ends within this time even if a client keeps a
// request open.
const CLOSE_GRACE_MS = 5_000;

/** Starts each server in turn, calls `ready` with them, and resolves with 0 once stopped. */
export async function runUntilStopped(starters: Starter[], ready: (running: Running[]) => void): Promise<number> {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: stopping.\n`);
    setTimeout(() => process.exit(1), CLOSE_GRACE_MS).unref();
    controller.abort(new Error(`stopped by ${signal}`));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const running: Running[] = [];
  try {
    for (const start of starters) {
      running.push(await start(controller.signal));
      if (controller.signal.aborted) return 0;
    }
    ready(running);
    await new Promise((resolve) => controller.signal.addEventListener('abort', resolve, { once: true }));
    return 0;
  } catch (error) {
    if (controller.signal.aborted) return 0;
    throw error;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await Promise.allSettled(running.reverse().map((r) => r.close()));
  }
}
