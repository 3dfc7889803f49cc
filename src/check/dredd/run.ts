// Runs Dredd in-process on the bundled contract, with the check's hook file
// and no reporter of its own (the check writes one report for Dredd's
// transactions and its stateful flow). Dredd's loggers and hooks are
// module-global, so runs are queued one after the other.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { specFiles } from '../../contract/spec.js';
import type { DreddBridge } from './bridge.js';

const BRIDGE_KEY = Symbol.for('trove-backups-contract.check.dredd-bridge');
export const hookFile = fileURLToPath(new URL('../hooks/dredd-hooks.cjs', import.meta.url));

interface DreddInstance {
  run: (callback: (error: Error | null | undefined, stats: Record<string, unknown>) => void) => void;
}
type DreddClass = new (config: Record<string, unknown>) => DreddInstance;

let queue: Promise<unknown> = Promise.resolve();
let loaded: DreddClass | undefined;

function loadDredd(): DreddClass {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  // Dredd's old dependencies warn when they load: winston 2 of a circular
  // import, and (on Node 22+) htmlencode of util._extend (DEP0060). Noise
  // for the user, so these warnings alone are dropped, while Dredd loads.
  const listeners = process.listeners('warning');
  process.removeAllListeners('warning');
  const filter = (warning: Error & { code?: string }) => {
    if (warning.message.includes("'padLevels'") || warning.code === 'DEP0060') return;
    for (const l of listeners) l(warning);
  };
  process.on('warning', filter);
  try {
    loaded = require('dredd') as DreddClass;
    const silence = (path: string) => {
      const logger = (require(path) as { default: { transports: { console: { silent: boolean } } } }).default;
      logger.transports.console.silent = true;
    };
    silence('dredd/build/reporters/reporterOutputLogger.js');
    silence('dredd/build/logger.js');
  } finally {
    // The warning is emitted on the next tick: keep the filter until then.
    setImmediate(() => {
      process.off('warning', filter);
      for (const l of listeners) process.on('warning', l);
    });
  }
  return loaded;
}

/** Runs Dredd; each of its requests may take `requestTimeoutMs` (Dredd sets none of its own). */
export function runDredd(root: URL, bridge: DreddBridge, requestTimeoutMs: number): Promise<void> {
  const run = queue.then(() => runOnce(root, bridge, requestTimeoutMs));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(root: URL, bridge: DreddBridge, requestTimeoutMs: number): Promise<void> {
  const Dredd = loadDredd();
  (globalThis as Record<symbol, unknown>)[BRIDGE_KEY] = bridge;
  try {
    await new Promise<void>((resolve, reject) => {
      const dredd = new Dredd({
        endpoint: root.href,
        path: [specFiles.yaml],
        hookfiles: [hookFile],
        reporter: [],
        loglevel: 'silent',
        color: false,
        // Dredd passes these options to the `request` library: a connect and
        // read timeout, and an agent of this run's own, without keep-alive,
        // so that no socket a server closed meanwhile is reused.
        http: {
          timeout: requestTimeoutMs,
          agent: root.protocol === 'https:' ? new HttpsAgent({ keepAlive: false }) : new HttpAgent({ keepAlive: false }),
        },
      });
      dredd.run((error) => (error ? reject(new Error(`Dredd failed: ${error.message}`, { cause: error })) : resolve()));
    });
  } finally {
    delete (globalThis as Record<symbol, unknown>)[BRIDGE_KEY];
  }
  if (bridge.error) throw bridge.error;
  if (!bridge.started) throw new Error(`Dredd did not run the check's hooks (${hookFile})`);
}
