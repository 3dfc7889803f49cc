// Every server of the package listens and closes here: a node:http server on
// host:port, a ListenError naming the address when it cannot, and a URL that
// is a URL (an IPv6 address in brackets).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authority } from './address.js';
import { ListenError } from './listen-error.js';

export interface Listening {
  /** http://host:port, without a trailing slash; the real port when `port` was 0. */
  url: string;
  /** Stops accepting connections and ends the open ones; safe to call twice. */
  close: () => Promise<void>;
}

/**
 * Starts `server` on host:port. `what` names it in a ListenError ("the mock").
 * The URL names the host as given (a name stays a name), with the bound port.
 */
export function listen(server: Server, host: string, port: number, what: string): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(ListenError.from(error, what, host, port) ?? error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      let closing: Promise<void> | undefined;
      resolve({
        url: urlOf(host, (server.address() as AddressInfo).port),
        close: () => {
          closing ??= closeServer(server);
          return closing;
        },
      });
    });
  });
}

/** The URL of host:port: `http://[::1]:8779` for an IPv6 address. */
export function urlOf(host: string, port: number): string {
  return `http://${authority(host, port)}`;
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

/**
 * For a server that a library starts (Prism's): its `listen()` promise, with
 * the same ListenError and URL as listen() gives.
 */
export async function listenedBy(listening: Promise<string>, host: string, port: number, what: string): Promise<string> {
  const address = await listening.catch((error: unknown) => {
    throw ListenError.from(error, what, host, port) ?? error;
  });
  const bound = /:(\d+)\/?$/.exec(address)?.[1];
  if (bound === undefined) throw new Error(`${what} listens at an address that is not host:port: ${address}`);
  return urlOf(host, Number(bound));
}
