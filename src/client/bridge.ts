// How openapi-fetch hands its requests to the sender. The raw client gets
// real Request and Response objects. The client's own methods use a plain
// request object instead: building a Request (and fetch building another
// from it) costs about 5 % of a request to a local server.
import type { Outgoing, Received, Send } from './transport.js';

/** What openapi-fetch builds for the client's own methods, in place of a Request: the request as the sender takes it. */
export class PlainRequest implements Outgoing {
  declare readonly url: string;
  declare readonly method: string;
  declare readonly headers: Headers;
  declare readonly body: string | undefined;
  declare readonly signal: AbortSignal | null | undefined;
  declare readonly timeoutMs: number | undefined;

  constructor(url: string, init: RequestInit & { timeoutMs?: number }) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.headers = init.headers as Headers;
    this.body = init.body as string | undefined;
    this.signal = init.signal;
    this.timeoutMs = init.timeoutMs;
  }
}

/** The fetch given to openapi-fetch for the client's methods: its Request is a PlainRequest. */
export function plainFetch(send: Send): (request: Request) => Promise<Response> {
  return async (request) => {
    const received = await send(request as unknown as PlainRequest);
    // openapi-fetch reads only status, ok, headers and text(); `received` is for the client's methods.
    const { status, ok, headers, text } = received;
    return { status, ok, headers, text: () => Promise.resolve(text), received } as unknown as Response;
  };
}

/** The fetch given to openapi-fetch for the raw client. */
export function requestFetch(send: Send): (request: Request) => Promise<Response> {
  return async (request) => {
    const outgoing: Outgoing = {
      url: request.url,
      method: request.method,
      headers: new Headers(request.headers),
      // Read whole, so that the request can be sent again after a 401.
      body: request.body ? await request.arrayBuffer() : undefined,
      signal: request.signal,
      timeoutMs: (request as Request & { timeoutMs?: number }).timeoutMs,
    };
    const received = await send(outgoing);
    const empty = received.text === '' || [101, 204, 205, 304].includes(received.status);
    return new Response(empty ? null : received.text, {
      status: received.status,
      statusText: received.statusText,
      headers: received.headers,
    });
  };
}

/** The received response behind what openapi-fetch returned to a client method. */
export function receivedOf(response: Response): Received {
  return (response as unknown as { received: Received }).received;
}
