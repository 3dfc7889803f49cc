// What a test needs to prove that a CLI left nothing behind: its child
// processes, the processes that carry a marker in their environment (children
// inherit it, orphans too), and whether a port still accepts connections.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';

/** The direct children of a process (from /proc: no `ps` needed). */
export function childrenOf(pid: number): number[] {
  return processIds().filter((child) => parentOf(child) === pid);
}

function processIds(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The parent's id: the field after the command's closing parenthesis in /proc/<pid>/stat. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // gone
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
      processIds().filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(needle);
        } catch {
          return false; // gone, or not ours to read
        }
      }),
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
