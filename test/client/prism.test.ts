// The client against the Prism mock of the contract: every operation of the
// spec is reached through a client method, every request the client sends is
// one the contract accepts, and every answer is read into its type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOperations } from '../../src/contract/spec.js';
import { ContractValidator, formatViolation } from '../../src/contract/validator.js';
import { type Backup, BackupFailedError, type BackupsClient, createBackupsClient, TroveApiError } from '../../src/index.js';
import { type RunningPrism, startPrism } from '../../src/mock/prism.js';

const contract = new ContractValidator();
const INSTANCE = '44b277eb-39be-4921-be31-3d61b43651d7';
const BACKUP = 'a9832168-7541-4536-b8d9-a8a9b79cf1b4';

let prism: RunningPrism;
let client: BackupsClient;
const reached = new Set<string>();
const problems: string[] = [];

beforeAll(async () => {
  prism = await startPrism();
  client = createBackupsClient({
    endpoint: `${prism.url}/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5`,
    token: 'a-token',
    // Sees each exchange to check it against the contract.
    fetch: async (url, init) => {
      const { pathname, searchParams } = new URL(url);
      const found = contract.match(init.method ?? 'GET', pathname);
      if (!found) {
        problems.push(`no operation for ${init.method} ${pathname}`);
      } else {
        const { operationId } = found.operation;
        reached.add(operationId);
        const params = contract.validateParameters(operationId, { path: found.params, query: searchParams });
        const body = typeof init.body === 'string' ? contract.validateRequestBody(operationId, JSON.parse(init.body)) : [];
        problems.push(...[...params, ...body].map((v) => `${operationId} request: ${formatViolation(v)}`));
      }
      const response = await fetch(url, init);
      if (found) {
        const text = await response.clone().text();
        const violations = contract.validateResponse(
          found.operation.operationId,
          response.status,
          text ? JSON.parse(text) : undefined,
          response.headers.get('content-type') ?? undefined,
        );
        problems.push(...violations.map((v) => `${found.operation.operationId} ${response.status}: ${formatViolation(v)}`));
      }
      return response;
    },
  });
});
afterAll(async () => {
  await prism.close();
});

describe('every operation through the client', () => {
  it('listVersions', async () => {
    const versions = await client.listVersions();
    expect(versions[0]?.id).toBe('v1.0');
  });

  it('list and listAll', async () => {
    const page = await client.list({ limit: 2, datastore: 'mysql' });
    expect(page.backups.length).toBeGreaterThan(0);
    const first: Backup | undefined = (await client.listAll().next()).value ?? undefined;
    expect(first?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('listForInstance and listAllForInstance', async () => {
    const page = await client.listForInstance(INSTANCE, { limit: 2 });
    expect(page.backups.length).toBeGreaterThan(0);
    // The mock's example page has a next link: the marker comes from it.
    expect(page.nextMarker).toEqual(expect.any(Number));
    const iterator = client.listAllForInstance(INSTANCE, { limit: 2 });
    expect((await iterator.next()).done).toBe(false);
    await iterator.return();
  });

  it('get', async () => {
    const backup = await client.get(BACKUP);
    expect(backup.status).toBe('COMPLETED');
  });

  it('create, createIncremental and restore', async () => {
    expect((await client.create({ name: 'nightly', instance: INSTANCE, description: 'before the upgrade' })).status).toBe('NEW');
    expect((await client.createIncremental({ name: 'hourly', instance: INSTANCE })).id).toBeTruthy();
    expect((await client.createIncremental({ name: 'hourly', instance: INSTANCE, parent_id: BACKUP })).id).toBeTruthy();
    const restored = await client.restore(
      {
        name: 'from-region-2',
        restore_from: {
          remote_location: 'https://swift.example.net/v1/AUTH_p/database_backups/x.xbstream.gz.enc',
          local_datastore_version_id: 'c2fae234-2e99-4869-a387-b994ea9ec974',
          size: 0.14,
        },
      },
      { headers: { Prefer: 'example=restore-from' } },
    );
    expect(restored.status).toBe('RESTORED');
  });

  it('delete', async () => {
    await expect(client.delete(BACKUP)).resolves.toBeUndefined();
  });

  it('listStrategies, createStrategy and deleteStrategy', async () => {
    expect((await client.listStrategies({ instance_id: INSTANCE })).length).toBeGreaterThan(0);
    expect((await client.createStrategy({ swift_container: 'my_backups', instance_id: INSTANCE })).backend).toBe('swift');
    await expect(client.deleteStrategy({ instance_id: INSTANCE })).resolves.toBeUndefined();
    await expect(client.deleteStrategy()).resolves.toBeUndefined();
  });

  it('waitForBackup', async () => {
    // The mock's first example of a backup is COMPLETED.
    expect((await client.waitForBackup(BACKUP)).status).toBe('COMPLETED');
  });

  it('the raw client, for the same paths', async () => {
    const { data, error } = await client.raw.GET('/v1.0/{project_id}/backups/{backupId}', {
      params: { path: { project_id: client.projectId, backupId: BACKUP } },
    });
    expect(error).toBeUndefined();
    expect(data?.backup.id).toBeTruthy();
  });

  it('reached every operation of the spec, with requests and answers the contract accepts', () => {
    expect([...reached].sort()).toEqual(
      listOperations()
        .map((o) => o.operationId)
        .sort(),
    );
    expect(problems).toEqual([]);
  });
});

describe('errors from the mock', () => {
  it('a 404 is a TroveApiError with the fault', async () => {
    const error = await client.get(BACKUP, { headers: { Prefer: 'code=404' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TroveApiError);
    expect(error).toMatchObject({ status: 404, fault: 'itemNotFound', format: 'trove-fault' });
  });

  it('a backup that failed rejects waitForBackup', async () => {
    const failing = createBackupsClient({ endpoint: `${prism.url}/v1.0/p`, token: 't', headers: { Prefer: 'example=failed' } });
    await expect(failing.waitForBackup(BACKUP)).rejects.toBeInstanceOf(BackupFailedError);
  });

  it('the raw client sends the token even when a call removes it (the mock answers 401 without one)', async () => {
    const { response } = await client.raw.GET('/v1.0/{project_id}/backups', {
      params: { path: { project_id: client.projectId } },
      headers: { 'X-Auth-Token': null },
    });
    expect(response.status).toBe(200);
    const bare = await fetch(`${client.baseUrl}/v1.0/${client.projectId}/backups`);
    expect(bare.status).toBe(401);
  });
});
