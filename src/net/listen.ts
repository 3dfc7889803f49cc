// Starts a node:http server on host:port, with a ListenError naming the port
// when it cannot.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListenError } from './listen-error.js';

/** Resolves with the server's URL (the real port when `port` is 0). */
export function listen(server: Server, host: string, port: number, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(ListenError.from(error, what, host, port) ?? error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(urlOf(host, (server.address() as AddressInfo).port));
    });
  });
}

export function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Stops accepting connections and ends the open ones (a browser keeps them alive). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
