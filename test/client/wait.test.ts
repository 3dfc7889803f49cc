// waitForBackup against a local server whose backup moves through its states.
import { afterEach, describe, expect, it } from 'vitest';
import {
  BackupFailedError,
  type BackupStatus,
  BackupStatusError,
  createBackupsClient,
  NotFoundError,
  TroveAbortError,
  TroveApiError,
  TroveTimeoutError,
} from '../../src/index.js';
import { backup, type ScriptedServer, startScriptedServer } from './fixtures/scripted-server.js';

const ID = 'a9832168-7541-4536-b8d9-a8a9b79cf1b4';
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A backup that goes through `states`, one per poll, and stays in the last. */
async function moving(states: BackupStatus[]) {
  server = await startScriptedServer((_req, i) => ({ body: { backup: backup({ status: states[Math.min(i, states.length - 1)] }) } }));
  return createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, token: 'tok' });
}

describe('waitForBackup', () => {
  it('polls until COMPLETED and resolves with the backup', async () => {
    const client = await moving(['NEW', 'BUILDING', 'BUILDING', 'COMPLETED']);
    const done = await client.waitForBackup(ID, { intervalMs: 1 });
    expect(done.status).toBe('COMPLETED');
    expect(server?.requests.map((r) => r.url)).toEqual(Array(4).fill(`/v1.0/proj/backups/${ID}`));
  });

  it('resolves on any status of until', async () => {
    const client = await moving(['RESTORED']);
    expect((await client.waitForBackup(ID, { until: ['COMPLETED', 'RESTORED'] })).status).toBe('RESTORED');
  });

  it.each(['FAILED', 'DELETE_FAILED'] as const)('rejects with BackupFailedError on %s', async (status) => {
    const client = await moving(['NEW', status]);
    const error = await client.waitForBackup(ID, { intervalMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupFailedError);
    expect(error).toMatchObject({ status, backup: { id: ID, status } });
  });

  it('rejects with BackupStatusError on another end state than the one waited for', async () => {
    const client = await moving(['COMPLETED']);
    const error = await client.waitForBackup(ID, { until: ['RESTORED'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupStatusError);
    expect(error).not.toBeInstanceOf(BackupFailedError);
  });

  it('a FAILED backup may be waited for', async () => {
    const client = await moving(['BUILDING', 'FAILED']);
    expect((await client.waitForBackup(ID, { until: ['FAILED'], intervalMs: 1 })).status).toBe('FAILED');
  });

  it('rejects with TroveTimeoutError carrying the last backup seen', async () => {
    const client = await moving(['BUILDING']);
    const error = await client.waitForBackup(ID, { timeoutMs: 60, intervalMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TroveTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 60, backup: { status: 'BUILDING' } });
    expect((error as Error).message).toMatch(/is not COMPLETED after 60 ms \(it is BUILDING\)/);
  });

  it('the deadline also cuts a poll that hangs', async () => {
    server = await startScriptedServer(() => ({ hang: true }));
    const client = createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, token: 'tok' });
    await expect(client.waitForBackup(ID, { timeoutMs: 50 })).rejects.toBeInstanceOf(TroveTimeoutError);
    await server.closed(0);
  });

  it('rejects with TroveAbortError when the signal fires, between polls or during one', async () => {
    const client = await moving(['BUILDING']);
    const controller = new AbortController();
    const pending = client.waitForBackup(ID, { intervalMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(TroveAbortError);
    await expect(client.waitForBackup(ID, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(TroveAbortError);
  });

  it('passes on an API error (the backup was deleted)', async () => {
    server = await startScriptedServer(() => ({
      status: 404,
      body: { itemNotFound: { code: 404, message: `Resource ${ID} cannot be found.` } },
    }));
    const client = createBackupsClient({ endpoint: `${server.url}/v1.0/proj`, token: 'tok' });
    const error = await client.waitForBackup(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(TroveApiError);
    expect(error).toMatchObject({ status: 404, fault: 'itemNotFound' });
  });

  it('refuses bad options before polling', async () => {
    const client = await moving(['COMPLETED']);
    await expect(client.waitForBackup(ID, { until: [] })).rejects.toThrow(TypeError);
    await expect(client.waitForBackup(ID, { intervalMs: -1 })).rejects.toThrow(/intervalMs/);
    await expect(client.waitForBackup('')).rejects.toThrow(/backupId/);
    expect(server?.requests).toHaveLength(0);
  });
});
