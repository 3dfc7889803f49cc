// Every request to Keystone is bounded: a redirect to another origin is not
// followed with the password, a huge answer and a silent server are cut off.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeystoneSession, KeystoneError } from '../../src/keystone/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const servers: Server[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => handler(req, res, body));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const login = (authUrl: string, extra = {}) =>
  createKeystoneSession({ authUrl, userId: 'u', password: 'the-password', projectId: 'p', ...extra }).login();

describe('the bounds of a request to Keystone', () => {
  let elsewhere: string;
  let elsewhereBodies: string[];
  beforeAll(async () => {
    elsewhereBodies = [];
    elsewhere = await serve((_req, res, body) => {
      elsewhereBodies.push(body);
      res.writeHead(500).end();
    });
  });

  it('does not follow a redirect to another origin, so the password stays with Keystone', async () => {
    const keystone = await serve((_req, res) => res.writeHead(307, { Location: `${elsewhere}/v3/auth/tokens` }).end());
    await expect(login(`${keystone}/v3`)).rejects.toThrow(/redirected to another origin .*the credentials are not sent there/);
    expect(elsewhereBodies).toEqual([]);
  });

  it('follows a 308 on the same origin (with the body), and refuses a 302 that would drop it', async () => {
    const keystone = await serve((req, res) => {
      if (req.url === '/v3/auth/tokens') return res.writeHead(308, { Location: '/identity/v3/auth/tokens' }).end();
      if (req.url === '/old/v3/auth/tokens') return res.writeHead(302, { Location: '/identity/v3/auth/tokens' }).end();
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":{"code":401,"message":"reached","title":"Unauthorized"}}');
    });
    await expect(login(`${keystone}/v3`)).rejects.toThrow(/refused the login \(401\): reached/);
    await expect(login(`${keystone}/old/v3`)).rejects.toThrow(/answered 302 to .*give that URL as the auth URL/);
  });

  it('refuses an answer larger than maxBodyBytes, announced or not', async () => {
    const big = 'x'.repeat(64 * 1024);
    const announced = await serve((_req, res) => res.writeHead(201, { 'Content-Length': String(big.length) }).end(big));
    await expect(login(announced, { maxBodyBytes: 1024 })).rejects.toThrow(/65536 bytes, more than the limit of 1024/);
    const chunked = await serve((_req, res) => {
      res.writeHead(201);
      res.write(big);
      res.end(big);
    });
    await expect(login(chunked, { maxBodyBytes: 1024 })).rejects.toThrow(/more than the limit of 1024 bytes/);
  });

  it('gives up on a Keystone that does not answer within timeoutMs', async () => {
    const silent = await serve(() => undefined);
    const started = Date.now();
    const error = await login(silent, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeystoneError);
    expect((error as Error).message).toMatch(/no complete answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('says what is missing from the options before sending anything', () => {
    expect(() => createKeystoneSession({ authUrl: 'http://k/v3', username: 'u', password: 'p', projectId: 'x' })).toThrow(
      /a user given by name needs its domain/,
    );
    expect(() => createKeystoneSession({ authUrl: 'http://k/v2.0', token: 't', projectId: 'x' })).toThrow(/Keystone v2.0 is gone/);
    expect(() => createKeystoneSession({ authUrl: 'http://k/v3', userId: 'u', password: 'p' })).toThrow(/a project is required/);
    expect(() => createKeystoneSession({ authUrl: 'http://k/v3', userId: 'u' })).toThrow(/no credentials/);
  });
});
