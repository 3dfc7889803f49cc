import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractValidator } from '../../src/contract/validator.js';
import { type RunningPrism, startPrism } from '../../src/mock/prism.js';

const contract = new ContractValidator();
let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism();
});
afterAll(() => prism.close());

describe('startPrism', () => {
  it('mocks the contract on a free port of 127.0.0.1, with the first example', async () => {
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${prism.url}/v1.0/p/backups/b1`, { headers: { 'X-Auth-Token': 't' } });
    expect(res.status).toBe(200);
    expect(contract.validateResponse('getBackup', 200, await res.json())).toEqual([]);
  });

  it('needs the token, as the real API does', async () => {
    const res = await fetch(`${prism.url}/v1.0/p/backups`);
    expect(res.status).toBe(401);
  });
});
