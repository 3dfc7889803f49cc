// What a test needs to prove that a CLI left nothing behind: its child
// processes, the processes that carry a marker in their environment (children
// inherit it, orphans too), and whether a port still accepts connections.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';

/** The direct children of a process. */
export function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there is none
  }
}

const MARKER = 'TROVE_BACKUPS_TEST_RUN';

/** An environment variable to give a spawned CLI, and a way to find every process that inherited it. */
export function processMarker(): { env: Record<string, string>; processes: () => number[] } {
  const value = randomUUID();
  const needle = `${MARKER}=${value}\0`;
  return {
    env: { [MARKER]: value },
    processes: () =>
      readdirSync('/proc')
        .filter((name) => /^\d+$/.test(name))
        .filter((pid) => {
          try {
            return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(needle);
          } catch {
            return false; // gone, or not ours to read
          }
        })
        .map(Number),
  };
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A port that something listens on, for the "port in use" cases. */
export async function occupyPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, release: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const { port, release } = await occupyPort();
  await release();
  return port;
}
