// client.raw: openapi-fetch itself, on the same root, token, timeout and
// retries, answering { data, error, response } as openapi-fetch does.
import { afterEach, describe, expect, it } from 'vitest';
import { createBackupsClient, TroveTimeoutError } from '../../src/index.js';
import { backup, type ScriptedServer, startScriptedServer } from './fixtures/scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ID = 'a9832168-7541-4536-b8d9-a8a9b79cf1b4';
const path = (client: { projectId: string }) => ({ project_id: client.projectId, backupId: ID });

describe('raw', () => {
  it('answers data, with the token and headers of the client', async () => {
    server = await startScriptedServer(() => ({ body: { backup: backup() } }));
    const client = createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, token: 'tok' });
    const { data, error, response } = await client.raw.GET('/v1.0/{project_id}/backups/{backupId}', { params: { path: path(client) } });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.backup.id).toBe(ID);
    expect(server.requests[0]?.headers).toMatchObject({ 'x-auth-token': 'tok', accept: 'application/json' });
  });

  it('answers an error status as error, without throwing', async () => {
    const body = { itemNotFound: { code: 404, message: 'gone' } };
    server = await startScriptedServer(() => ({ status: 404, body }));
    const client = createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, token: 'tok' });
    const { data, error, response } = await client.raw.GET('/v1.0/{project_id}/backups/{backupId}', { params: { path: path(client) } });
    expect(data).toBeUndefined();
    expect(error).toEqual(body);
    expect(response.status).toBe(404);
  });

  it('sends a POST again, body and all, after a 401 and a new token', async () => {
    const tokens = ['old', 'new'];
    server = await startScriptedServer((req) =>
      req.headers['x-auth-token'] === 'old'
        ? { status: 401, body: { error: { code: 401, title: 'Unauthorized', message: 'expired' } } }
        : { status: 202, body: { backup_strategy: { project_id: 'proj', instance_id: '', backend: 'swift', swift_container: 'c' } } },
    );
    const client = createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, getToken: () => tokens.shift() ?? 'x' });
    const { data } = await client.raw.POST('/v1.0/{project_id}/backup_strategies', {
      params: { path: { project_id: client.projectId } },
      body: { backup_strategy: { swift_container: 'c' } },
    });
    expect(data?.backup_strategy.swift_container).toBe('c');
    expect(server.requests.map((r) => [r.headers['x-auth-token'], r.body])).toEqual([
      ['old', '{"backup_strategy":{"swift_container":"c"}}'],
      ['new', '{"backup_strategy":{"swift_container":"c"}}'],
    ]);
  });

  it('retries a GET after a 503, and takes a per-call timeoutMs', async () => {
    server = await startScriptedServer((_req, i) =>
      i === 0 ? { status: 503, body: '' } : i === 1 ? { body: { backup: backup() } } : { hang: true },
    );
    const client = createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, token: 'tok', retry: { minDelayMs: 1, maxDelayMs: 1 } });
    const { data } = await client.raw.GET('/v1.0/{project_id}/backups/{backupId}', { params: { path: path(client) } });
    expect(data?.backup.id).toBe(ID);
    await expect(
      client.raw.GET('/v1.0/{project_id}/backups/{backupId}', { params: { path: path(client) }, timeoutMs: 30 }),
    ).rejects.toBeInstanceOf(TroveTimeoutError);
  });

  it('runs openapi-fetch middleware with real Requests, and leaves the methods alone', async () => {
    server = await startScriptedServer(() => ({ body: { backup: backup() } }));
    const client = createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, token: 'tok' });
    const seen: string[] = [];
    client.raw.use({
      onRequest({ request }) {
        seen.push(`${request instanceof Request} ${request.method} ${new URL(request.url).pathname}`);
        request.headers.set('X-Trace', '1');
        return request;
      },
    });
    await client.raw.GET('/v1.0/{project_id}/backups/{backupId}', { params: { path: path(client) } });
    await client.get(ID);
    expect(seen).toEqual([`true GET /v1.0/proj/backups/${ID}`]);
    expect(server.requests.map((r) => r.headers['x-trace'])).toEqual(['1', undefined]);
  });
});
