// Bad input never crashes the reference server and never gets a 5xx: each
// case gets a 4xx whose body the contract documents, and the server keeps
// serving.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningReferenceServer, SEED_INSTANCE, startReferenceServer } from '../../src/server/index.js';
import { contractViolations, type Request, send } from './exchange.js';

let server: RunningReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

const post = (body: unknown, headers: Record<string, string> = {}, path = '/v1.0/proj/backups'): Request => ({
  method: 'POST',
  path,
  body,
  headers,
});
const bytes = (text: string | number[]) => (typeof text === 'string' ? Buffer.from(text) : Buffer.from(text));
const deep = (n: number) => `{"backup": ${'['.repeat(n)}${']'.repeat(n)}}`;

const cases: [string, Request, number, RegExp | undefined][] = [
  ['malformed JSON', post('{"backup": ', { 'Content-Type': 'application/json' }), 400, /^Malformed request body: /],
  ['a text/plain body', post('{}', { 'Content-Type': 'text/plain' }), 415, /media type text\/plain is not supported/],
  ['a body without Content-Type', post(bytes('{"backup": {}}')), 415, /no Content-Type header/],
  ['an empty body', post(''), 400, /^Validation error: 'backup' is a required property$/],
  ['{} (Trove: 500)', post({}), 400, /^Validation error: 'backup' is a required property$/],
  ['a JSON array', post([]), 400, /^Validation error: \[\] is not of type 'object'$/],
  ['JSON null', post(null), 400, /is not of type 'object'/],
  ['a JSON string', post('"backup"', { 'Content-Type': 'application/json' }), 400, /is not of type 'object'/],
  [
    'invalid UTF-8',
    post(bytes([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), { 'Content-Type': 'application/json' }),
    400,
    /not valid UTF-8/,
  ],
  [
    'a UTF-8 byte order mark (Trove refuses it)',
    post(bytes([0xef, 0xbb, 0xbf, ...bytes('{}')]), { 'Content-Type': 'application/json' }),
    400,
    /^Malformed request body/,
  ],
  ['JSON nested 10000 deep', post(deep(10_000), { 'Content-Type': 'application/json' }), 400, /nested deeper than 100 levels/],
  ['JSON nested 101 deep', post(deep(100), { 'Content-Type': 'application/json' }), 400, /nested deeper than 100 levels/],
  [
    'a huge array where an object belongs',
    post({ backup: Array.from({ length: 20_000 }, (_, i) => i) }),
    400,
    /^Validation error: backup \[0, 1, 2, .*\.\.\. is not of type 'object'$/,
  ],
  ['a body over the size limit', post({ backup: { name: 'x'.repeat(200_000) } }), 413, /^Request is too large\.$/],
  [
    '__proto__ instead of the backup key',
    post(bytes('{"__proto__": {"backup": {"name": "x"}}}'), { 'Content-Type': 'application/json' }),
    400,
    /'backup' is a required property/,
  ],
  [
    '__proto__ inside the backup',
    post(bytes(`{"backup": {"__proto__": {"name": "x"}, "instance": "${SEED_INSTANCE}"}}`), { 'Content-Type': 'application/json' }),
    400,
    /'name' is a required property/,
  ],
  [
    '__proto__ in a strategy',
    post(
      bytes('{"backup_strategy": {"swift_container": "c", "__proto__": {"x": 1}}}'),
      { 'Content-Type': 'application/json' },
      '/v1.0/proj/backup_strategies',
    ),
    400,
    /'__proto__' was unexpected/,
  ],
  [
    'control characters in a name',
    post({ backup: { name: '\u0000\u202e\ud800"\'', instance: SEED_INSTANCE } }),
    400,
    /^Validation error: backup\['name'\] '\\x00\\u202e\\ud800"\\'' does not match '\^\.\*\[0-9a-zA-Z\]\+\.\*\$'$/,
  ],
  [
    'a non-integer limit (Trove: 500)',
    { path: '/v1.0/proj/backups?limit=abc' },
    400,
    /^Validation error: limit 'abc' is not of type 'integer'$/,
  ],
  ['a negative marker', { path: '/v1.0/proj/backups?marker=-1' }, 400, /^Validation error: marker -1 is less than the minimum of 0$/],
  [
    'a fractional limit on an instance',
    { path: `/v1.0/proj/instances/${SEED_INSTANCE}/backups?limit=1.5` },
    400,
    /limit '1\.5' is not of type 'integer'/,
  ],
  ['an empty project_id filter', { path: '/v1.0/proj/backup_strategies?project_id=' }, 400, /project_id '' is too short/],
  ['PUT on a known path', { method: 'PUT', path: '/v1.0/proj/backups' }, 404, /^The resource could not be found\.$/],
  ['PATCH on a backup', { method: 'PATCH', path: '/v1.0/proj/backups/x' }, 404, /could not be found/],
  ['OPTIONS', { method: 'OPTIONS', path: '/v1.0/proj/backups' }, 404, /could not be found/],
  ['POST on a backup (the route removed in 2019)', { method: 'POST', path: '/v1.0/proj/backups/x', body: {} }, 404, /could not be found/],
  ['an unknown route', { path: '/v1.0/proj/nothing' }, 404, /could not be found/],
  ['a path outside /v1.0', { path: '/v2.0/proj/backups' }, 404, /could not be found/],
  ['bad percent-encoding in an id', { path: '/v1.0/proj/backups/%E0%A4%A' }, 404, /^Resource %E0%A4%A cannot be found\.$/],
  ['bad percent-encoding in the project', { path: '/v1.0/%ZZ/backups' }, 403, /cannot access this resource/],
  ['no project in the URL', { path: '/v1.0/proj' }, 403, /cannot access this resource/],
  ['an unknown backup id', { path: '/v1.0/proj/backups/..%2F..%2Fetc' }, 404, /^Resource \.\.\/\.\.\/etc cannot be found\.$/],
  ['a token of 4000 characters', { path: '/v1.0/proj/backups', token: 'x'.repeat(4000) }, 403, /cannot access this resource/],
  [
    'an Accept header asking for API 2.0',
    { path: '/', token: null, headers: { Accept: 'application/vnd.openstack.trove+json;version=2.0' } },
    406,
    /^version not supported$/,
  ],
];

describe('bad input', () => {
  it.each(cases)('%s', async (_name, req, status, message) => {
    const res = await send(server.url, req);
    expect(res.status).toBe(status);
    expect(contractViolations(req.method ?? 'GET', req.path, res)).toEqual([]);
    if (message) {
      const fault = Object.values(res.body as Record<string, { message?: string }>)[0];
      const text = (res.body as { message?: string }).message ?? fault?.message ?? '';
      expect(text).toMatch(message);
      if (text.startsWith('Validation error')) expect(text.length).toBeLessThan(1500);
    }
  });

  it('drops a request whose client goes away in the middle of its body, and keeps serving', async () => {
    const { hostname, port } = new URL(server.url);
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => errors.push(args));
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => {
          socket.write(
            'POST /v1.0/proj/backups HTTP/1.1\r\nHost: x\r\nX-Auth-Token: proj\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"backup"',
          );
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      expect((await send(server.url, { path: '/v1.0/proj/backups' })).status).toBe(200);
      expect(errors).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('leaves Object.prototype alone and keeps serving', async () => {
    expect(({} as Record<string, unknown>).name).toBeUndefined();
    expect(({} as Record<string, unknown>).backup).toBeUndefined();
    expect((await send(server.url, { path: '/v1.0/proj/backups' })).status).toBe(200);
  });
});
