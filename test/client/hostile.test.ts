// A hostile or broken server: the token never leaves its origin (a redirect
// is not followed, whatever its target), a body too large is cut off with
// its own error, and option values a timer cannot hold are refused up front.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type BackupsClientOptions,
  createBackupsClient,
  TroveApiError,
  TroveClientError,
  TroveResponseTooLargeError,
} from '../../src/index.js';
import { backup, type ScriptedServer, startScriptedServer } from './fixtures/scripted-server.js';

const ID = 'a9832168-7541-4536-b8d9-a8a9b79cf1b4';
const create = { name: 'nightly', instance: '44b277eb-39be-4921-be31-3d61b43651d7' };
const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function scripted(...args: Parameters<typeof startScriptedServer>): Promise<ScriptedServer> {
  const server = await startScriptedServer(...args);
  servers.push(server);
  return server;
}

describe('a redirect', () => {
  // The second origin records what it receives: it must receive nothing.
  async function redirecting(status: number, sameOrigin = false) {
    const other = await scripted(() => ({ body: { backup: backup() } }));
    const api: ScriptedServer = await scripted((request) =>
      request.url.startsWith('/elsewhere')
        ? { body: { backup: backup() } }
        : { status, headers: { location: sameOrigin ? '/elsewhere' : `${other.url}/stolen` } },
    );
    const client = createBackupsClient({ endpoint: `${api.url}/v1.0/proj`, token: 'secret-token', retry: false });
    return { client, api, other };
  }

  it.each([301, 302, 303, 307, 308])('%i to another origin is not followed: the token and the body stay home', async (status) => {
    const { client, api, other } = await redirecting(status);
    await expect(client.get(ID)).rejects.toMatchObject({ name: 'TroveApiError', status });
    await expect(client.create(create)).rejects.toBeInstanceOf(TroveApiError);
    await expect(client.delete(ID)).rejects.toBeInstanceOf(TroveApiError);
    const raw = await client.raw.GET('/v1.0/{project_id}/backups/{backupId}', { params: { path: { project_id: 'proj', backupId: ID } } });
    expect(raw.response.status).toBe(status);
    expect(other.requests).toEqual([]);
    expect(api.requests).toHaveLength(4);
  });

  it('to the same origin is surfaced too, with its Location, not followed', async () => {
    const { client, api } = await redirecting(302, true);
    const error = (await client.get(ID).catch((e: unknown) => e)) as TroveApiError;
    expect(error).toBeInstanceOf(TroveApiError);
    expect(error.status).toBe(302);
    expect(error.headers.get('location')).toBe('/elsewhere');
    expect(api.requests.map((r) => r.url)).toEqual([`/v1.0/proj/backups/${ID}`]);
  });
});

describe('a body too large', () => {
  // An endless 200 body: what a hostile server sends.
  async function endless(): Promise<{ url: string; requests: () => number }> {
    let requests = 0;
    const server: Server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (res.write(chunk)) {
          /* until the socket pushes back */
        }
      };
      res.on('drain', pump);
      res.write('{"backup":');
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
  }

  it('is cut off at maxResponseBytes with its own error, and not retried', async () => {
    const server = await endless();
    const client = createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, token: 't', maxResponseBytes: 1_000_000 });
    const before = process.memoryUsage().rss;
    const error = (await client.get(ID).catch((e: unknown) => e)) as TroveResponseTooLargeError;
    expect(error).toBeInstanceOf(TroveResponseTooLargeError);
    expect(error).toBeInstanceOf(TroveClientError);
    expect(error.limitBytes).toBe(1_000_000);
    expect(error.message).toMatch(/more than 1000000 bytes/);
    expect(server.requests()).toBe(1);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 2 ** 20);
  });

  it('is refused from its Content-Length before it is read', async () => {
    const api = await scripted(() => ({ body: 'x'.repeat(5000) }));
    const client = createBackupsClient({ endpoint: `${api.url}/v1.0/proj`, token: 't', maxResponseBytes: 4096 });
    await expect(client.listVersions()).rejects.toBeInstanceOf(TroveResponseTooLargeError);
  });

  it('has a default limit on an endless body', async () => {
    const server = await endless();
    const client = createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, token: 't' });
    await expect(client.get(ID)).rejects.toBeInstanceOf(TroveResponseTooLargeError);
  });
});

describe('option values a timer cannot hold', () => {
  const base = { endpoint: 'http://127.0.0.1:9/v1.0/p', token: 't' };
  const make = (extra: Record<string, unknown>) => () => createBackupsClient({ ...base, ...extra } as BackupsClientOptions);
  const TOO_LONG = 2 ** 31;

  it.each([
    ['timeoutMs', { timeoutMs: TOO_LONG }],
    ['timeoutMs', { timeoutMs: Number.NaN }],
    ['retry.maxDelayMs', { retry: { maxDelayMs: TOO_LONG } }],
    ['retry.minDelayMs', { retry: { minDelayMs: TOO_LONG, maxDelayMs: TOO_LONG } }],
    ['maxResponseBytes', { maxResponseBytes: 0 }],
    ['maxResponseBytes', { maxResponseBytes: Number.NaN }],
  ])('%s out of range is refused when the client is created', (name, extra) => {
    expect(make(extra)).toThrow(new RegExp(name.replace('.', '\\.')));
  });

  it('accepts the longest delay a timer holds', () => {
    expect(make({ timeoutMs: 2 ** 31 - 1, retry: { maxDelayMs: 2 ** 31 - 1 } })).not.toThrow();
  });

  it.each([
    ['intervalMs', { intervalMs: TOO_LONG }],
    ['intervalMs', { intervalMs: Number.POSITIVE_INFINITY }],
    ['timeoutMs', { timeoutMs: TOO_LONG }],
  ])('waitForBackup refuses %s out of range before any request', async (name, extra) => {
    const api = await scripted(() => ({ body: { backup: backup() } }));
    const client = createBackupsClient({ endpoint: `${api.url}/v1.0/proj`, token: 't' });
    await expect(client.waitForBackup(ID, extra)).rejects.toThrow(new RegExp(name));
    expect(api.requests).toEqual([]);
  });

  it("refuses a call's timeoutMs out of range before any request", async () => {
    const api = await scripted(() => ({ body: { backup: backup() } }));
    const client = createBackupsClient({ endpoint: `${api.url}/v1.0/proj`, token: 't' });
    await expect(client.get(ID, { timeoutMs: TOO_LONG })).rejects.toThrow(/timeoutMs/);
    expect(api.requests).toEqual([]);
  });
});

describe('dot segments', () => {
  it.each(['.', '..'])('%s as a backup or instance ID is refused before any request', async (dots) => {
    const api = await scripted(() => ({ body: { backup: backup() } }));
    const client = createBackupsClient({ endpoint: `${api.url}/v1.0/proj`, token: 't' });
    await expect(client.get(dots)).rejects.toThrow(/backupId/);
    await expect(client.delete(dots)).rejects.toThrow(/backupId/);
    await expect(client.listForInstance(dots)).rejects.toThrow(/instanceId/);
    await expect(client.waitForBackup(dots)).rejects.toThrow(/backupId/);
    expect(api.requests).toEqual([]);
  });

  it.each([
    { baseUrl: 'http://h', projectId: '..' },
    { baseUrl: 'http://h', projectId: '.' },
    { endpoint: 'http://h/v1.0/%2e%2e' },
    { endpoint: 'http://h/v1.0/%2E' },
  ])('%o as the project is refused', (location) => {
    expect(() => createBackupsClient({ ...location, token: 't' } as BackupsClientOptions)).toThrow(/project/i);
  });
});
