// The HTTP behaviour of every call, against a scripted local server: the
// headers, the token and its refresh after a 401, retries of GETs (and never
// of POSTs), timeouts and aborts that really close the connection.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { USER_AGENT } from '../../src/client/version.js';
import {
  type BackupsClientOptions,
  createBackupsClient,
  TroveAbortError,
  TroveApiError,
  TroveNetworkError,
  TroveTimeoutError,
} from '../../src/index.js';
import { backup, type Script, type ScriptedServer, startScriptedServer } from './fixtures/scripted-server.js';

const BACKUP_ID = 'a9832168-7541-4536-b8d9-a8a9b79cf1b4';
const ok = { body: { backup: backup() } };
const create = { name: 'nightly', instance: '44b277eb-39be-4921-be31-3d61b43651d7' };
const keystone401 = {
  status: 401,
  body: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } },
};
const unavailable = {
  status: 503,
  body: { message: 'The server is currently unavailable.', code: '503 Service Unavailable', title: 'Service Unavailable' },
};
// Retries without real waiting.
const fast = { retries: 2, minDelayMs: 1, maxDelayMs: 2 };

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client of a scripted server; its token is `tok` unless the options give getToken. */
async function serve(script: Script, options: Record<string, unknown> = {}) {
  server = await startScriptedServer(script);
  const credentials = 'getToken' in options ? {} : { token: 'tok' };
  const client = createBackupsClient({
    endpoint: `${server.url}/v1.0/proj`,
    retry: fast,
    ...credentials,
    ...options,
  } as BackupsClientOptions);
  return { client, server };
}

describe('every request', () => {
  it('sends the token, Accept: application/json and a User-Agent naming the package and version', async () => {
    const { client, server } = await serve(() => ok);
    await client.get(BACKUP_ID);
    const [seen] = server.requests;
    expect(seen?.url).toBe(`/v1.0/proj/backups/${BACKUP_ID}`);
    expect(seen?.headers['x-auth-token']).toBe('tok');
    expect(seen?.headers.accept).toBe('application/json');
    expect(seen?.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^trove-backups-contract\/\d+\.\d+\.\d+/);
  });

  it('sends the client headers and the call headers', async () => {
    const { client, server } = await serve(() => ok, { headers: { 'X-Openstack-Request-Id': 'req-1', 'User-Agent': 'my-app/2' } });
    await client.get(BACKUP_ID, { headers: { 'X-Call': 'yes' } });
    const seen = server.requests[0]?.headers;
    expect(seen?.['x-openstack-request-id']).toBe('req-1');
    expect(seen?.['user-agent']).toBe('my-app/2');
    expect(seen?.['x-call']).toBe('yes');
  });

  it('keeps a path prefix of the endpoint and encodes IDs', async () => {
    server = await startScriptedServer(() => ok);
    const client = createBackupsClient({ endpoint: `${server.url}/database/v1.0/proj/`, token: 'tok' });
    await client.get('a/b?c');
    expect(server.requests[0]?.url).toBe('/database/v1.0/proj/backups/a%2Fb%3Fc');
    expect(client.baseUrl).toBe(`${server.url}/database`);
    expect(client.projectId).toBe('proj');
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const client = createBackupsClient({
      baseUrl: 'http://trove.invalid',
      projectId: 'p',
      token: 't',
      fetch: async (url, init) => {
        calls.push(`${init.method} ${url} ${new Headers(init.headers).get('x-auth-token')}`);
        return new Response(JSON.stringify({ backup: backup() }), { status: 200 });
      },
    });
    expect((await client.get('x')).id).toBe(BACKUP_ID);
    expect(calls).toEqual(['GET http://trove.invalid/v1.0/p/backups/x t']);
  });
});

describe('getToken', () => {
  it('is called once, and again after a 401 with the refused token; the request is then sent again once', async () => {
    const tokens = ['old', 'new'];
    const getToken = vi.fn(async () => tokens.shift() ?? 'none');
    const { client, server } = await serve((req) => (req.headers['x-auth-token'] === 'old' ? keystone401 : ok), { getToken });
    expect((await client.get(BACKUP_ID)).id).toBe(BACKUP_ID);
    expect(server.requests.map((r) => r.headers['x-auth-token'])).toEqual(['old', 'new']);
    expect(getToken.mock.calls).toEqual([[{}], [{ rejected: 'old' }]]);
    await client.get(BACKUP_ID);
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('sends a POST again after a 401, with its body', async () => {
    let n = 0;
    const { client, server } = await serve(
      (req) => (req.headers['x-auth-token'] === 'old' ? keystone401 : { status: 202, body: { backup: backup() } }),
      { getToken: () => (n++ === 0 ? 'old' : 'new') },
    );
    await client.create(create);
    expect(server.requests.map((r) => [r.method, r.headers['x-auth-token'], JSON.parse(r.body)])).toEqual([
      ['POST', 'old', { backup: create }],
      ['POST', 'new', { backup: create }],
    ]);
  });

  it('gives up after one refresh: a second 401 is an error', async () => {
    const getToken = vi.fn(async () => 'bad');
    const { client, server } = await serve(() => keystone401, { getToken });
    const error = await client.get(BACKUP_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TroveApiError);
    expect(error).toMatchObject({ status: 401, format: 'keystone', title: 'Unauthorized' });
    expect(server.requests).toHaveLength(2);
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it("is not asked again for Trove's own 401 (the Swift account), which a new token would not fix", async () => {
    const getToken = vi.fn(async () => 'tok');
    const { client, server } = await serve(
      () => ({ status: 401, body: { unauthorized: { code: 401, message: 'Swift account not accessible for tenant proj.' } } }),
      { getToken },
    );
    await expect(client.delete(BACKUP_ID)).rejects.toMatchObject({ status: 401, fault: 'unauthorized' });
    expect(server.requests).toHaveLength(1);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it('is called once for concurrent requests refused together', async () => {
    let current = 'old';
    const getToken = vi.fn(async ({ rejected }: { rejected?: string }) => {
      if (rejected) current = 'new';
      return current;
    });
    const { client } = await serve((req) => (req.headers['x-auth-token'] === 'old' ? keystone401 : ok), { getToken });
    await client.get(BACKUP_ID); // first token: old, refused, then new
    getToken.mockClear();
    current = 'old';
    const fresh = createBackupsClient({ endpoint: `${server?.url}/v1.0/proj`, getToken });
    await Promise.all([fresh.get(BACKUP_ID), fresh.get(BACKUP_ID), fresh.get(BACKUP_ID)]);
    expect(getToken.mock.calls.map(([c]) => c.rejected)).toEqual([undefined, 'old']);
  });

  it('a static token refused is an error at once', async () => {
    const { client, server } = await serve(() => keystone401);
    await expect(client.list()).rejects.toMatchObject({ status: 401 });
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a getToken that gives no token, and passes on its own error', async () => {
    const { client } = await serve(() => ok, { getToken: async () => '' });
    await expect(client.get(BACKUP_ID)).rejects.toThrow(/getToken\(\) must resolve to a non-empty string/);
    const failing = createBackupsClient({
      endpoint: `${server?.url}/v1.0/proj`,
      getToken: async () => {
        throw new Error('keystone is down');
      },
    });
    await expect(failing.get(BACKUP_ID)).rejects.toThrow('keystone is down');
  });
});

describe('retries', () => {
  it('a GET is sent again after a 503, then succeeds', async () => {
    const { client, server } = await serve((_req, i) => (i < 2 ? unavailable : ok));
    expect((await client.get(BACKUP_ID)).id).toBe(BACKUP_ID);
    expect(server.requests).toHaveLength(3);
  });

  it('a GET that keeps getting 503 fails after the configured retries, with the last answer', async () => {
    const { client, server } = await serve(() => unavailable, { retry: { ...fast, retries: 3 } });
    await expect(client.list()).rejects.toMatchObject({ status: 503, format: 'webob', title: 'Service Unavailable' });
    expect(server.requests).toHaveLength(4);
  });

  it('a POST is never sent again on its own, not after a 503 nor after a connection error', async () => {
    const { client, server } = await serve(() => unavailable);
    await expect(client.create(create)).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
    await server.close();
    const again = await serve(() => ({ reset: true }));
    await expect(again.client.create(create)).rejects.toBeInstanceOf(TroveNetworkError);
    expect(again.server.requests).toHaveLength(1);
  });

  it('a DELETE is not sent again either', async () => {
    const { client, server } = await serve(() => unavailable);
    await expect(client.delete(BACKUP_ID)).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it('a GET is sent again after a reset connection', async () => {
    const { client, server } = await serve((_req, i) => (i === 0 ? { reset: true } : ok));
    expect((await client.get(BACKUP_ID)).id).toBe(BACKUP_ID);
    expect(server.requests).toHaveLength(2);
  });

  it('a refused connection is a TroveNetworkError naming the cause, after the retries', async () => {
    const { server: s } = await serve(() => ok);
    const url = s.url;
    await s.close();
    server = undefined;
    const attempts: string[] = [];
    const client = createBackupsClient({
      endpoint: `${url}/v1.0/proj`,
      token: 't',
      retry: fast,
      fetch: (u, init) => {
        attempts.push(u);
        return fetch(u, init);
      },
    });
    const error = await client.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TroveNetworkError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(attempts).toHaveLength(3);
  });

  it('retry: false turns them off', async () => {
    const { client, server } = await serve(() => unavailable, { retry: false });
    await expect(client.get(BACKUP_ID)).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it('waits for Retry-After, capped at maxDelayMs', async () => {
    const { client, server } = await serve((_req, i) => (i === 0 ? { ...unavailable, headers: { 'retry-after': '3600' } } : ok), {
      retry: { retries: 1, minDelayMs: 1, maxDelayMs: 20 },
    });
    await client.get(BACKUP_ID);
    expect(server.requests).toHaveLength(2);
  });
});

describe('timeouts and aborts', () => {
  it('times out a request with no answer, and closes its connection', async () => {
    const { client, server } = await serve(() => ({ hang: true }), { timeoutMs: 50, retry: false });
    const error = await client.get(BACKUP_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TroveTimeoutError);
    expect(error).toMatchObject({ name: 'TimeoutError', timeoutMs: 50 });
    await server.closed(0);
  });

  it('the timeout covers the body too', async () => {
    const { client, server } = await serve(() => ({ stallBody: true, body: { backup: backup() } }), { retry: false });
    await expect(client.get(BACKUP_ID, { timeoutMs: 50 })).rejects.toBeInstanceOf(TroveTimeoutError);
    await server.closed(0);
  });

  it('timeoutMs: 0 means no timeout', async () => {
    const { client } = await serve(
      async () => {
        await new Promise((r) => setTimeout(r, 30));
        return ok;
      },
      { timeoutMs: 0 },
    );
    expect((await client.get(BACKUP_ID, { timeoutMs: 0 })).id).toBe(BACKUP_ID);
  });

  it('a call signal aborts the request and closes its connection', async () => {
    const { client, server } = await serve(() => ({ hang: true }));
    const controller = new AbortController();
    const pending = client.get(BACKUP_ID, { signal: controller.signal });
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    controller.abort(new Error('user gave up'));
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TroveAbortError);
    expect(error).toMatchObject({ name: 'AbortError', cause: new Error('user gave up') });
    await server.closed(0);
  });

  it('the client signal aborts every request', async () => {
    const controller = new AbortController();
    const { client, server } = await serve(() => ({ hang: true }), { signal: controller.signal });
    const pending = Promise.allSettled([client.get(BACKUP_ID), client.list()]);
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));
    controller.abort();
    const results = await pending;
    expect(results.map((r) => r.status === 'rejected' && r.reason instanceof TroveAbortError)).toEqual([true, true]);
  });

  it('an aborted signal sends nothing', async () => {
    const { client, server } = await serve(() => ok);
    await expect(client.get(BACKUP_ID, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(TroveAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('an abort during the wait before a retry ends it at once', async () => {
    const { client, server } = await serve(() => unavailable, { retry: { retries: 3, minDelayMs: 60_000, maxDelayMs: 60_000 } });
    const controller = new AbortController();
    const pending = client.get(BACKUP_ID, { signal: controller.signal });
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(TroveAbortError);
    expect(server.requests).toHaveLength(1);
  });
});
