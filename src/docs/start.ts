// The docs, served: the server takes its port first (so a port in use is
// reported at once), then the site is built into a scratch folder and served.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDocs } from './build.js';
import { type RunningServer, serveFolder } from './serve.js';

export interface StartDocsOptions {
  host?: string | undefined;
  /** 0 takes a free port. */
  port?: number | undefined;
  /** Aborts the build; the server is then closed and the error is the abort reason. */
  signal?: AbortSignal | undefined;
}

export async function startDocs(options: StartDocsOptions = {}): Promise<RunningServer> {
  const dir = await mkdtemp(join(tmpdir(), 'trove-backups-docs-'));
  let built = false;
  let server: RunningServer | undefined;
  const close = async (): Promise<void> => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    server = await serveFolder({ dir, host: options.host, port: options.port, what: 'the docs server', ready: () => built });
    await buildDocs({ outDir: dir, ...(options.signal ? { signal: options.signal } : {}) });
    built = true;
    return { url: server.url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
