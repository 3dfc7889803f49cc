import { createBackupsClient } from 'trove-backups-contract';

// The catalog's database endpoint (…/v1.0/<project_id>) and a Keystone token
const client = createBackupsClient({ endpoint: process.env.TROVE_ENDPOINT!, token: process.env.OS_TOKEN! });

const instanceId = '44b277eb-39be-4921-be31-3d61b43651d7';
const page = await client.listForInstance(instanceId, { limit: 20 });
console.log(page.backups.map((b) => `${b.name} ${b.status}`));

// The next page, if any (client.listAllForInstance(instanceId) follows them all)
if (page.nextMarker !== undefined) {
  const next = await client.listForInstance(instanceId, { limit: 20, marker: page.nextMarker });
  console.log(next.backups.length);
}
