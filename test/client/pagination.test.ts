// listAll and listAllForInstance against a local server that pages like
// Trove: the marker is an offset, the next link is https although the server
// is plain http, and a full last page is followed by an empty one.
import { afterEach, describe, expect, it } from 'vitest';
import { type Backup, createBackupsClient, TroveInvalidResponseError } from '../../src/index.js';
import { backup, type ScriptedServer, startScriptedServer } from './fixtures/scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ids = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);

/** A Trove-like list of `total` backups: pages of `limit` (default 20), next links forced to https. */
async function troveLike(total: number) {
  const all = ids(total);
  server = await startScriptedServer((req) => {
    const url = new URL(req.url, 'http://x');
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const offset = Number(url.searchParams.get('marker') ?? 0);
    const page = all.slice(offset, offset + limit);
    const body: Record<string, unknown> = { backups: page.map((id) => backup({ id })) };
    if (page.length === limit) {
      url.searchParams.set('marker', String(offset + limit));
      body.links = [{ rel: 'next', href: `https://${req.headers.host}${url.pathname}?${url.searchParams}` }];
    }
    return { body };
  });
  const client = createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, token: 'tok' });
  return { client, server, all };
}

async function collect(iterable: AsyncIterable<Backup>): Promise<string[]> {
  const out: string[] = [];
  for await (const b of iterable) out.push(b.id);
  return out;
}

describe('listAll', () => {
  it('follows the https next links on the http endpoint, keeping the other parameters', async () => {
    const { client, server, all } = await troveLike(5);
    expect(await collect(client.listAll({ limit: 2, datastore: 'mysql' }))).toEqual(all);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1.0/proj/backups?limit=2&datastore=mysql',
      '/v1.0/proj/backups?limit=2&datastore=mysql&marker=2',
      '/v1.0/proj/backups?limit=2&datastore=mysql&marker=4',
    ]);
  });

  it('stops at the empty page that follows a full last page', async () => {
    const { client, server, all } = await troveLike(4);
    expect(await collect(client.listAll({ limit: 2 }))).toEqual(all);
    expect(server.requests).toHaveLength(3);
  });

  it('starts at the given marker', async () => {
    const { client, all } = await troveLike(5);
    expect(await collect(client.listAll({ limit: 2, marker: 3 }))).toEqual(all.slice(3));
  });

  it('asks for a page only when the previous one is consumed, and stops when the loop does', async () => {
    const { client, server } = await troveLike(100);
    const iterator = client.listAll({ limit: 10 });
    for (let i = 0; i < 10; i++) await iterator.next();
    expect(server.requests).toHaveLength(1);
    await iterator.next();
    expect(server.requests).toHaveLength(2);
    let seen = 0;
    for await (const _ of client.listAll({ limit: 10 })) if (++seen === 15) break;
    expect(server.requests).toHaveLength(4);
  });

  it('reads many pages, one at a time', async () => {
    const { client, server } = await troveLike(1000);
    let count = 0;
    for await (const _ of client.listAll({ limit: 7 })) count++;
    expect(count).toBe(1000);
    expect(server.requests).toHaveLength(Math.ceil(1000 / 7));
  });

  it('does not loop on limit=0 (an empty full page with a next link)', async () => {
    const { client, server } = await troveLike(3);
    expect(await collect(client.listAll({ limit: 0 }))).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a next link that goes back, or has no usable marker', async () => {
    for (const href of [
      'https://x/v1.0/proj/backups?marker=0',
      'https://x/v1.0/proj/backups?limit=1',
      'https://x/v1.0/proj/backups?marker=abc',
      'not a url',
    ]) {
      server = await startScriptedServer(() => ({ body: { backups: [backup()], links: [{ rel: 'next', href }] } }));
      const client = createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, token: 'tok' });
      const error = await collect(client.listAll()).catch((e: unknown) => e);
      expect(error, href).toBeInstanceOf(TroveInvalidResponseError);
      expect(server.requests.length, href).toBeLessThanOrEqual(1);
      await server.close();
      server = undefined;
    }
  });
});

describe('list', () => {
  it('gives one page and the next marker', async () => {
    const { client } = await troveLike(3);
    const first = await client.list({ limit: 2 });
    expect(first.backups).toHaveLength(2);
    expect(first.nextMarker).toBe(2);
    const last = await client.list({ limit: 2, marker: first.nextMarker });
    expect(last.backups).toHaveLength(1);
    expect(last.nextMarker).toBeUndefined();
  });
});

describe('listAllForInstance', () => {
  it('follows the pages of an instance', async () => {
    const { client, server, all } = await troveLike(3);
    expect(await collect(client.listAllForInstance('44b277eb-39be-4921-be31-3d61b43651d7', { limit: 2 }))).toEqual(all);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1.0/proj/instances/44b277eb-39be-4921-be31-3d61b43651d7/backups?limit=2',
      '/v1.0/proj/instances/44b277eb-39be-4921-be31-3d61b43651d7/backups?limit=2&marker=2',
    ]);
  });
});
