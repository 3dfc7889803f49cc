import { createBackupsClient, TroveApiError } from 'trove-backups-contract';

// The catalog's database endpoint (…/v1.0/<project_id>) and a Keystone token
const client = createBackupsClient({ endpoint: process.env.TROVE_ENDPOINT!, token: process.env.OS_TOKEN! });

try {
  const backup = await client.get('b1111111-1111-1111-1111-111111111111');
  console.log(backup.status, backup.size, backup.locationRef); // size is null while NEW (set at BUILDING); locationRef until COMPLETED
} catch (error) {
  // Trove's fault name and message, e.g. 404 itemNotFound
  if (error instanceof TroveApiError) console.error(error.status, error.fault, error.detail);
  else throw error;
}

// Poll until the backup is COMPLETED (rejects if it FAILED, or after timeoutMs)
const done = await client.waitForBackup('b1111111-1111-1111-1111-111111111111', { intervalMs: 5_000, timeoutMs: 30 * 60_000 });
console.log(done.locationRef);
