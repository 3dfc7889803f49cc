// Type-level tests, compiled by `npm run typecheck` and by wrong-inputs.test.ts
// (never run). Each `@ts-expect-error` line names the TypeScript error the
// next line must give (and a piece of its message in quotes); the line above
// it is the valid twin, which must compile, so the error is the intended one.
import { type Backup, type BackupsClient, createBackupsClient } from '../../../src/index.js';

const INSTANCE = '44b277eb-39be-4921-be31-3d61b43651d7';

export async function wrongInputs(client: BackupsClient, backup: Backup): Promise<void> {
  // incremental is the integer 0 or 1, as Trove reads it: true is refused with 400.
  await client.create({ name: 'n', instance: INSTANCE, incremental: 1 });
  // @ts-expect-error TS2322 "Type 'true' is not assignable to type '0 | 1'"
  await client.create({ name: 'n', instance: INSTANCE, incremental: true });

  // A backup needs a name.
  await client.create({ name: 'n', instance: INSTANCE });
  // @ts-expect-error TS2345 "Property 'name' is missing in type '{ instance: string; }' but required in type '{ name: string; }'"
  await client.create({ instance: INSTANCE });

  // ... and an instance or restore_from.
  await client.create({ name: 'n', restore_from: { remote_location: 'https://s/c/o', local_datastore_version_id: INSTANCE, size: 1 } });
  // @ts-expect-error TS2345 "Property 'restore_from' is missing in type '{ name: string; }'"
  await client.create({ name: 'n' });

  // A status is one of the contract's.
  if (backup.status === 'COMPLETED') return;
  // @ts-expect-error TS2367 "have no overlap"
  if (backup.status === 'DONE') return;

  await client.waitForBackup(backup.id, { until: ['COMPLETED', 'RESTORED'] });
  // @ts-expect-error TS2322 "Type '\"DONE\"' is not assignable to type"
  await client.waitForBackup(backup.id, { until: ['COMPLETED', 'DONE'] });

  // size is null until the backup is built.
  const size: number | null = backup.size;
  // @ts-expect-error TS2322 "Type 'number | null' is not assignable to type 'number'"
  const sizeNumber: number = backup.size;

  // createIncremental sets incremental itself.
  await client.createIncremental({ name: 'n', instance: INSTANCE, parent_id: backup.id });
  // @ts-expect-error TS2353 "'incremental' does not exist"
  await client.createIncremental({ name: 'n', instance: INSTANCE, incremental: 1 });

  // restore records a file: no instance.
  await client.restore({ name: 'n', restore_from: { remote_location: 'https://s/c/o', local_datastore_version_id: INSTANCE, size: 1 } });
  const file = { remote_location: 'https://s/c/o', local_datastore_version_id: INSTANCE, size: 1 };
  // @ts-expect-error TS2353 "'instance' does not exist"
  await client.restore({ name: 'n', instance: INSTANCE, restore_from: file });

  // A strategy needs its container.
  await client.createStrategy({ swift_container: 'c', instance_id: INSTANCE });
  // @ts-expect-error TS2345 "Property 'swift_container' is missing"
  await client.createStrategy({ instance_id: INSTANCE });

  // limit and marker are numbers.
  await client.list({ limit: 10, marker: 20 });
  // @ts-expect-error TS2322 "Type 'string' is not assignable to type 'number'"
  await client.list({ limit: '10' });

  // An unknown filter is refused.
  await client.list({ datastore: 'mysql' });
  // @ts-expect-error TS2561 "'datastores' does not exist in type 'Query<{ instance_id?: string; datastore?: string;"
  await client.list({ datastores: 'mysql' });

  await client.get(backup.id);
  // @ts-expect-error TS2554 "Expected 1-2 arguments, but got 0"
  await client.get();

  // The raw client knows the spec's paths.
  await client.raw.GET('/v1.0/{project_id}/backups', { params: { path: { project_id: client.projectId } } });
  // @ts-expect-error TS2345 "\"/v1.0/{project_id}/backup\""
  await client.raw.GET('/v1.0/{project_id}/backup', { params: { path: { project_id: client.projectId } } });

  void size;
  void sizeNumber;
}

export function wrongOptions(): void {
  createBackupsClient({ endpoint: 'https://trove:8779/v1.0/p', token: 't' });
  // @ts-expect-error TS2345 "token"
  createBackupsClient({ endpoint: 'https://trove:8779/v1.0/p' });

  createBackupsClient({ baseUrl: 'https://trove:8779', projectId: 'p', getToken: async () => 't' });
  // @ts-expect-error TS2345 "projectId"
  createBackupsClient({ baseUrl: 'https://trove:8779', getToken: async () => 't' });

  createBackupsClient({ endpoint: 'https://trove:8779/v1.0/p', getToken: () => 't', retry: false });
  // @ts-expect-error TS2322 "Type 'true' is not assignable"
  createBackupsClient({ endpoint: 'https://trove:8779/v1.0/p', getToken: () => 't', retry: true });
}
