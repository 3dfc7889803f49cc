// src/net/listen: the one place where servers listen and close.
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type Listening, listen, listenedBy, urlOf } from '../../src/net/listen.js';
import { ListenError } from '../../src/net/listen-error.js';

const open: Listening[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

describe('listen', () => {
  it('gives a URL with the bound port, IPv6 in brackets', async () => {
    const v4 = await listen(
      createServer((_req, res) => res.end('ok')),
      '127.0.0.1',
      0,
      'the test server',
    );
    open.push(v4);
    expect(v4.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(v4.url, { signal: AbortSignal.timeout(5000) })).text()).toBe('ok');
    expect(urlOf('::1', 8779)).toBe('http://[::1]:8779');
    expect(urlOf('[::1]', 8779)).toBe('http://[::1]:8779');
    expect(urlOf('localhost', 80)).toBe('http://localhost:80');
  });

  it('raises a ListenError that names the address, IPv6 in brackets', async () => {
    const taken = await listen(createServer(), '127.0.0.1', 0, 'the first');
    open.push(taken);
    const port = Number(new URL(taken.url).port);
    const error = await listen(createServer(), '127.0.0.1', port, 'the second').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListenError);
    expect((error as ListenError).message).toBe(`the second cannot listen on 127.0.0.1:${port}: port ${port} is already in use`);
    expect(new ListenError('the mock', '::1', 80, 'EACCES').message).toBe(
      'the mock cannot listen on [::1]:80: port 80 needs more privileges',
    );
  });

  it('closes once, even when asked twice, with a kept-alive connection open', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    const running = await listen(server, '127.0.0.1', 0, 'the test server');
    await (await fetch(running.url, { keepalive: true, signal: AbortSignal.timeout(5000) })).text();
    await Promise.all([running.close(), running.close()]);
    expect(server.listening).toBe(false);
  });
});

describe('listenedBy (a server a library starts)', () => {
  it('reformats the address the library gives', async () => {
    expect(await listenedBy(Promise.resolve('http://::1:4010/'), '::1', 0, 'the mock')).toBe('http://[::1]:4010');
  });

  it("turns the library's listen message into a ListenError", async () => {
    const error = await listenedBy(
      Promise.reject('listen EADDRINUSE: address already in use 127.0.0.1:4010'),
      '127.0.0.1',
      4010,
      'the mock',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListenError);
    expect((error as ListenError).code).toBe('EADDRINUSE');
  });
});
