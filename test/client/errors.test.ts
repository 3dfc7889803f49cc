// TroveApiError and friends, from every error body a Trove deployment
// answers with: the recorded ones and the written fault samples, served by a
// local server, and bodies that are not JSON at all.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BackupsClient, createBackupsClient, TroveApiError, TroveClientError, TroveInvalidResponseError } from '../../src/index.js';
import { filesUnder, readJson, root } from '../helpers/files.js';
import type { Recording } from '../helpers/recordings.js';
import { type Answer, backup, type ScriptedServer, startScriptedServer } from './fixtures/scripted-server.js';

let answer: Answer = {};
let server: ScriptedServer;
let client: BackupsClient;
beforeAll(async () => {
  server = await startScriptedServer(() => answer);
  client = createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, token: 'tok', retry: false });
});
afterAll(() => server.close());

// Vitest fails a run on an unhandled rejection too; this names the test.
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));
afterEach(() => expect(unhandled).toEqual([]));

async function failure(a: Answer, call: () => Promise<unknown> = () => client.list()): Promise<TroveApiError> {
  answer = a;
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TroveApiError);
  expect(error).toBeInstanceOf(TroveClientError);
  return error as TroveApiError;
}

const clean = (message: string) =>
  message
    .replace(/<br \/>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const recorded = filesUnder('samples/recorded', '.json')
  .map((path) => ({ ...readJson<Recording>(path), name: path.replace(/^samples\/recorded\//, '').replace(/\.json$/, '') }))
  .filter((r) => r.response.status >= 400);
const written = filesUnder('samples/faults', '.json').map((path) => {
  const name = basename(path, '.json');
  return { name, status: Number(/\d{3}/.exec(name)?.[0]), body: readJson<Record<string, unknown>>(path) };
});

describe('the error bodies recorded from Trove', () => {
  it('are many, in all three shapes', () => {
    expect(recorded.length).toBeGreaterThan(10);
  });

  it.each(recorded.map((r) => [r.name, r] as const))('%s', async (_name, r) => {
    const { status, body } = r.response as { status: number; body: Record<string, unknown> };
    const error = await failure({ status, body });
    expect(error.status).toBe(status);
    expect(error.body).toEqual(body);
    const [key, inner] = Object.entries(body)[0] as [string, { message: string; title?: string }];
    if (key === 'error') {
      // keystonemiddleware's 401, recorded in front of Trove: {"error": {code, title, message}}.
      expect(error.format).toBe('keystone');
      expect(error.fault).toBeUndefined();
      expect(error.title).toBe(inner.title);
      expect(error.detail).toBe(clean(inner.message));
    } else if (typeof inner === 'object') {
      expect(error.format).toBe('trove-fault');
      expect(error.fault).toBe(key);
      expect(error.detail).toBe(clean(inner.message));
      expect(error.message).toContain(`${status} ${key}: ${clean(inner.message)}`);
    } else {
      expect(error.format).toBe('webob');
      expect(error.fault).toBeUndefined();
      expect(error.title).toBe(body.title);
      expect(error.detail).toBe(clean(body.message as string));
      expect(error.detail).not.toMatch(/<br|\n/);
    }
    expect(error.message).toContain(`(GET ${server.url}/v1.0/proj/backups)`);
  });
});

describe('the fault samples', () => {
  it.each(written.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const error = await failure({ status: f.status, body: f.body });
    expect(error.status).toBe(f.status);
    expect(error.body).toEqual(f.body);
    expect(error.detail.length).toBeGreaterThan(10);
    if ('error' in f.body)
      expect(error).toMatchObject({
        format: 'keystone',
        title: 'Unauthorized',
        detail: 'The request you have made requires authentication.',
      });
    else if ('message' in f.body) expect(error.format).toBe('webob');
    else expect(error).toMatchObject({ format: 'trove-fault', fault: Object.keys(f.body)[0] });
  });

  it('the rate limit gives retryAfter, from the header or the body', async () => {
    const body = readJson('samples/faults/413-rate-limited.json');
    expect((await failure({ status: 413, body })).retryAfter).toBe(12);
    expect((await failure({ status: 413, body, headers: { 'retry-after': '7' } })).retryAfter).toBe(7);
    expect((await failure({ status: 413, body: readJson('samples/faults/413-quota-exceeded.json') })).retryAfter).toBeUndefined();
  });

  it('keeps the request id', async () => {
    const error = await failure({
      status: 404,
      body: { itemNotFound: { code: 404, message: 'x' } },
      headers: { 'x-openstack-request-id': 'req-42' },
    });
    expect(error.requestId).toBe('req-42');
  });
});

describe('bodies that are not JSON', () => {
  it('an HTML error page gives its text', async () => {
    const html = readFileSync(join(root, 'test/client/fixtures/bodies/webob-403.html'), 'utf8');
    const error = await failure({ status: 403, body: html, headers: { 'content-type': 'text/html; charset=UTF-8' } });
    expect(error).toMatchObject({ status: 403, format: 'html', body: html, fault: undefined });
    expect(error.detail).toBe('403 Forbidden Access was denied to this resource. User with tenant id proj cannot access this resource.');
  });

  it('a text body is the message', async () => {
    const text = readFileSync(join(root, 'test/client/fixtures/bodies/plain-500.txt'), 'utf8');
    const error = await failure({ status: 500, body: text, headers: { 'content-type': 'text/plain' } });
    expect(error).toMatchObject({ status: 500, format: 'text', detail: 'Internal Server Error' });
  });

  it('an empty body gives the status line', async () => {
    const error = await failure({ status: 502, body: '' });
    expect(error).toMatchObject({ status: 502, format: 'empty', detail: '502 Bad Gateway' });
  });

  it('JSON of another shape is kept and shown', async () => {
    const error = await failure({ status: 500, body: [1, 2] });
    expect(error).toMatchObject({ format: 'json', body: [1, 2], detail: '[1,2]' });
  });

  it('a very long body is cut in the message, kept whole in body', async () => {
    const text = 'x'.repeat(5000);
    const error = await failure({ status: 500, body: text });
    expect(error.detail.length).toBeLessThanOrEqual(300);
    expect(error.body).toBe(text);
  });
});

describe('a success with a body the contract does not allow', () => {
  it.each([
    ['HTML', '<html><body>Welcome to the proxy</body></html>'],
    ['truncated JSON', '{"backup": {"id": '],
    ['no envelope', JSON.stringify(backup())],
    ['a wrong envelope', JSON.stringify({ backup: [backup()] })],
  ])('%s is a TroveInvalidResponseError', async (_name, body) => {
    answer = { status: 200, body };
    const error = await client.get('b1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TroveInvalidResponseError);
    expect(error).toMatchObject({ status: 200, method: 'GET' });
    const snippet = (error as TroveInvalidResponseError).bodySnippet;
    expect(snippet.length).toBeGreaterThan(0);
    expect(body.startsWith(snippet.replace(/…$/, ''))).toBe(true);
  });

  it('a list without backups is one too', async () => {
    answer = { status: 200, body: { items: [] } };
    await expect(client.list()).rejects.toBeInstanceOf(TroveInvalidResponseError);
  });
});
