import { createBackupsClient } from 'trove-backups-contract';

// The catalog's database endpoint (…/v1.0/<project_id>) and a Keystone token
const client = createBackupsClient({ endpoint: process.env.TROVE_ENDPOINT!, token: process.env.OS_TOKEN! });

// Deletes the backup and its incremental children (asynchronously)
await client.delete('b1111111-1111-1111-1111-111111111111');
