// The proxy's own forwarder, given to Prism in place of its own (which
// follows redirects, so it sent X-Auth-Token to whatever origin a 3xx named,
// and has no time limit). This one sends each request to the upstream once:
// a redirect is passed back to the client unfollowed; the answer must be
// complete within the time limit and the size limit, or Prism answers 504
// or 502. Requests Prism refused (invalid, no token) still get Prism's own
// answer, without reaching the upstream.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import type { IHttpRequest, IHttpResponse, PrismHttpComponents } from '@stoplight/prism-http';

type Forward = PrismHttpComponents['forward'];
const prismForward = (createRequire(import.meta.url)('@stoplight/prism-http/dist/forwarder/index.js') as { default: Forward }).default;

const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-encoding',
];

export interface ForwardLimits {
  /** The whole exchange with the upstream, from sending to the end of the body. */
  timeoutMs: number;
  maxResponseBytes: number;
}

/** An error Prism turns into its answer (status and problem+json). */
function upstreamError(status: 502 | 504, message: string): Error {
  return Object.assign(new Error(message), { name: status === 504 ? 'UPSTREAM_TIMEOUT' : 'BAD_UPSTREAM', status });
}

function serialize(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/** Set on an answer whose JSON body does not parse: Prism would pass it on as a JSON string, which parses. The proxy reads and removes it. */
export const INVALID_JSON_HEADER = 'x-trove-backups-invalid-json';

function parse(text: string, headers: Record<string, string | string[]>): unknown {
  if (text === '' || !/json/i.test(String(headers['content-type'] ?? ''))) return text === '' ? undefined : text;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    headers[INVALID_JSON_HEADER] = (error as Error).message.replace(/[^\x20-\x7e]/g, '?');
    return text;
  }
}

export interface SafeForwarder {
  forward: Forward;
  /** Ends every exchange in flight (the proxy is stopping). */
  abortAll: () => void;
}

export function safeForwarder(limits: ForwardLimits): SafeForwarder {
  const inFlight = new Set<() => void>();

  const send = (input: IHttpRequest, baseUrl: string): Promise<IHttpResponse> =>
    new Promise((resolve, reject) => {
      const base = new URL(baseUrl);
      const url = new URL(base.href.replace(/\/$/, '') + input.url.path);
      for (const [k, v] of Object.entries(input.url.query ?? {})) for (const one of [v].flat()) url.searchParams.append(k, String(one));
      const body = serialize(input.body);
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(input.headers ?? {})) {
        if (value !== undefined && !['host', 'content-length', 'connection', 'accept-encoding'].includes(name.toLowerCase()))
          headers[name] = value;
      }
      headers['accept-encoding'] = 'identity';
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
        method: input.method.toUpperCase(),
        headers,
        agent: false,
      });
      const fail = (error: Error) => {
        finish();
        request.destroy();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(upstreamError(504, `the upstream gave no complete answer within ${limits.timeoutMs} ms`)),
        limits.timeoutMs,
      );
      const abort = () => fail(upstreamError(502, 'the proxy is stopping'));
      const finish = () => {
        clearTimeout(timer);
        inFlight.delete(abort);
      };
      inFlight.add(abort);
      request.on('error', (error) => fail(upstreamError(502, `the upstream failed: ${error.message}`)));
      request.on('response', (answer: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        answer.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxResponseBytes)
            fail(upstreamError(502, `the upstream's answer has more than ${limits.maxResponseBytes} bytes`));
          else chunks.push(chunk);
        });
        answer.on('aborted', () => fail(upstreamError(502, 'the upstream closed the connection before the end of its answer')));
        answer.on('error', (error) => fail(upstreamError(502, `the upstream failed: ${error.message}`)));
        answer.on('end', () => {
          if (!answer.complete) return fail(upstreamError(502, 'the upstream closed the connection before the end of its answer'));
          finish();
          const out: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(answer.headers))
            if (value !== undefined && !HOP_BY_HOP.includes(name)) out[name] = value;
          resolve({
            statusCode: answer.statusCode ?? 502,
            headers: out,
            body: parse(Buffer.concat(chunks).toString('utf8'), out),
          } as IHttpResponse);
        });
      });
      request.end(body);
    });

  const forward: Forward = (element, baseUrl, upstreamProxy, resource) => {
    if (element.validations.length > 0) return prismForward(element, baseUrl, upstreamProxy, resource);
    // A ReaderTaskEither of fp-ts: logger => () => Promise<Either>.
    return () => () =>
      send(element.data, baseUrl).then(
        (right) => ({ _tag: 'Right', right }) as const,
        (left: Error) => ({ _tag: 'Left', left }) as const,
      );
  };
  return {
    forward,
    abortAll: () => {
      for (const abort of [...inFlight]) abort();
    },
  };
}
