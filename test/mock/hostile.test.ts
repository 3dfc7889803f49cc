// The mock's own answers to bad requests: a malformed percent-escape
// anywhere in the path does not crash it (Prism's router threw a URIError),
// and its 400 (malformed JSON), 413 (body too large) and 415 bodies conform
// to the contract it serves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractValidator, formatViolation } from '../../src/contract/validator.js';
import { type RunningPrism, startPrism } from '../../src/mock/prism.js';

const contract = new ContractValidator();
const BACKUP = 'a9832168-7541-4536-b8d9-a8a9b79cf1b4';
let mock: RunningPrism;
beforeAll(async () => {
  mock = await startPrism();
}, 60_000);
afterAll(async () => {
  await mock?.close();
});

/** Sends the request and checks the answer against the operation's responses in the contract. */
async function conforming(method: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${mock.url}${path}`, {
    method,
    ...init,
    headers: { 'X-Auth-Token': 'any', ...(init.headers as Record<string, string>) },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  const operation = contract.match(method, path.split('?')[0]!)?.operation;
  expect(operation, `${method} ${path} is an operation of the contract`).toBeDefined();
  const body = text === '' ? undefined : (JSON.parse(text) as unknown);
  const violations = contract
    .validateResponse(operation!.operationId, res.status, body, res.headers.get('content-type') ?? '')
    .map(formatViolation);
  expect(violations, `${method} ${path} → ${res.status} ${text}`).toEqual([]);
  expect(res.status).toBeLessThan(500);
  return { status: res.status, body };
}

describe('the mock', () => {
  it.each([
    ['GET', `/v1.0/p/backups/%ZZ`],
    ['DELETE', `/v1.0/p/backups/%E0%A4`],
    ['GET', `/v1.0/%ZZ/backups`],
    ['GET', `/v1.0/p/instances/%E0%A4/backups`],
    ['GET', `/v1.0/p/backups?limit=%ZZ`],
    ['GET', `/v1.0/p%/backup_strategies`],
  ])('answers %s %s (a malformed escape) with a 4xx of the contract, and stays up', async (method, path) => {
    const { status } = await conforming(method, path);
    expect(status).toBeGreaterThanOrEqual(400);
    expect((await conforming('GET', `/v1.0/p/backups/${BACKUP}`)).status).toBe(200);
  });

  it('answers a body that is not JSON with the contract 400', async () => {
    const { status } = await conforming('POST', '/v1.0/p/backups', {
      body: '{"backup": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(status).toBe(400);
  });

  it('answers a body that is too large with the contract 413', async () => {
    const { status } = await conforming('POST', '/v1.0/p/backups', {
      body: `{"backup": {"name": "${'x'.repeat(11 * 2 ** 20)}"}}`,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(status).toBe(413);
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded']])('answers a %s body with the contract 415', async (type) => {
    const { status } = await conforming('POST', '/v1.0/p/backups', {
      body: 'name=x',
      headers: { 'Content-Type': type },
    });
    expect(status).toBe(415);
  });
});
