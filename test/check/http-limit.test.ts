// The check's own requests read at most MAX_BODY_BYTES of an answer: an
// endless body is a failed exchange with a clear error, not memory without end.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_BODY_BYTES, send } from '../../src/check/http.js';

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  const pump = () => {
    while (res.write(chunk)) {
      /* until the socket pushes back */
    }
  };
  res.on('drain', pump);
  pump();
});
beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

it(`gives up on an answer past ${MAX_BODY_BYTES} bytes`, async () => {
  const root = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await expect(send(root, { method: 'GET', path: '/v1.0/p/backups', headers: {} })).rejects.toThrow(/larger than \d+ bytes/);
});
