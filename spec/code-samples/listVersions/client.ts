import { createBackupsClient } from 'trove-backups-contract';

// The catalog's database endpoint (…/v1.0/<project_id>) and a Keystone token
const client = createBackupsClient({ endpoint: process.env.TROVE_ENDPOINT!, token: process.env.OS_TOKEN! });

const versions = await client.listVersions();
console.log(versions.map((v) => `${v.id} ${v.status}`)); // [ 'v1.0 CURRENT' ]
