// The validating proxy in front of a hostile or broken upstream: the token
// never goes to another origin (a redirect is passed back unfollowed), a
// body that is not JSON is a violation, an upstream that never answers,
// drips or closes early still gets the client an answer (504/502), a stop
// with an exchange in flight ends within its grace period, and no violation
// is lost when Prism cuts its sl-violations header.
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningProxy, startValidatingProxy } from '../../src/proxy/proxy.js';
import { type Answer, type ScriptedServer, startScriptedServer } from '../client/fixtures/scripted-server.js';

const B1 = 'b1111111-1111-1111-1111-111111111111';
const headers = { 'X-Auth-Token': 'secret-token', Accept: 'application/json' };
const backup = (id: string, status: string) => ({
  id,
  name: 'n',
  description: null,
  locationRef: null,
  instance_id: null,
  created: '2024-01-01T10:00:00',
  updated: '2024-01-01T10:00:00',
  size: null,
  status,
  parent_id: null,
  project_id: 'proj',
  datastore: { type: 'mysql', version: '5.7.29', version_id: 'b00000b0-00b0-0b00-00b0-000b000000bb' },
});

const started: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function upstream(script: (path: string) => Answer): Promise<ScriptedServer> {
  const server = await startScriptedServer((request) => script(request.url));
  started.push(server);
  return server;
}

async function proxyTo(url: string, extra: { upstreamTimeoutMs?: number; closeGraceMs?: number } = {}): Promise<RunningProxy> {
  const proxy = await startValidatingProxy({ upstream: url, ...extra });
  started.push(proxy);
  return proxy;
}

describe('the validating proxy, with a hostile upstream', () => {
  it.each([302, 307])('passes a %i to another origin back unfollowed: the token stays home', async (status) => {
    const other = await upstream(() => ({ body: { backup: backup(B1, 'COMPLETED') } }));
    const api = await upstream(() => ({ status, headers: { location: `${other.url}/stolen` } }));
    const proxy = await proxyTo(api.url);
    const res = await fetch(`${proxy.url}/v1.0/proj/backups/${B1}`, { headers, redirect: 'manual' });
    expect(res.status).toBe(status);
    expect(res.headers.get('location')).toBe(`${other.url}/stolen`);
    const post = await fetch(`${proxy.url}/v1.0/proj/backups`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ backup: { name: 'n', instance: '44b277eb-39be-4921-be31-3d61b43651d7' } }),
      redirect: 'manual',
    });
    expect(post.status).toBe(status);
    expect(other.requests).toEqual([]);
    expect(api.requests).toHaveLength(2);
  });

  it('reports a body that is not JSON as a violation (a non-zero verdict)', async () => {
    const api = await upstream(() => ({ body: '{"backup": {"id": ' }));
    const proxy = await proxyTo(api.url);
    const res = await fetch(`${proxy.url}/v1.0/proj/backups/${B1}`, { headers });
    expect(res.status).toBe(200);
    await res.text();
    const summary = proxy.summary();
    expect(summary.failed).toBe(1);
    expect(summary.violations).toContainEqual(expect.objectContaining({ keyword: 'json', severity: 'error', part: 'body' }));
  });

  it.each([
    ['never answers', { hang: true }, 504],
    ['drips (headers, then nothing)', { stallBody: true }, 504],
    ['closes early', { reset: true }, 502],
  ] as const)('answers the client when the upstream %s', async (_what, answer, status) => {
    const api = await upstream(() => ({ ...answer, body: { backup: backup(B1, 'COMPLETED') } }));
    const proxy = await proxyTo(api.url, { upstreamTimeoutMs: 500 });
    const started = Date.now();
    const res = await fetch(`${proxy.url}/v1.0/proj/backups/${B1}`, { headers, signal: AbortSignal.timeout(15_000) });
    expect(res.status).toBe(status);
    await res.text();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops within its grace period with an exchange in flight', async () => {
    const api = await upstream(() => ({ hang: true }));
    const proxy = await proxyTo(api.url, { closeGraceMs: 1000 });
    const pending = fetch(`${proxy.url}/v1.0/proj/backups/${B1}`, { headers }).then(
      (r) => r.status,
      () => 'no answer',
    );
    await api.closed(0).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await proxy.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await pending).toBeDefined();
  });

  it('keeps every violation when Prism cuts its sl-violations header (~8 kB)', async () => {
    const many = Array.from({ length: 120 }, (_, i) => backup(`b${String(i).padStart(7, '0')}-1111-1111-1111-111111111111`, 'DONE'));
    const api = await upstream(() => ({ body: { backups: many } }));
    const proxy = await proxyTo(api.url);
    const res = await fetch(`${proxy.url}/v1.0/proj/backups`, { headers });
    expect(res.status).toBe(200);
    await res.text();
    const { violations } = proxy.summary();
    expect(violations.filter((v) => v.keyword === 'sl-violations')).toEqual([]);
    const statuses = violations.filter((v) => /^\/backups\/\d+\/status$/.test(v.pointer));
    expect(statuses).toHaveLength(120);
    expect(statuses[0]).toMatchObject({ operation: 'listBackups', keyword: 'enum', actual: 'DONE', side: 'response', part: 'body' });
  });
});
