import { createBackupsClient } from 'trove-backups-contract';

// The catalog's database endpoint (…/v1.0/<project_id>) and a Keystone token
const client = createBackupsClient({ endpoint: process.env.TROVE_ENDPOINT!, token: process.env.OS_TOKEN! });

// One page; page.nextMarker is the offset of the next one
const page = await client.list({ instance_id: '44b277eb-39be-4921-be31-3d61b43651d7', limit: 20 });
if (page.nextMarker !== undefined) {
  const next = await client.list({ instance_id: '44b277eb-39be-4921-be31-3d61b43651d7', limit: 20, marker: page.nextMarker });
  console.log(next.backups.length);
}

// Or every backup, page after page
for await (const backup of client.listAll({ datastore: 'mysql' })) {
  console.log(backup.id, backup.status, backup.size);
}
