import { createBackupsClient } from 'trove-backups-contract';

// The catalog's database endpoint (…/v1.0/<project_id>) and a Keystone token
const client = createBackupsClient({ endpoint: process.env.TROVE_ENDPOINT!, token: process.env.OS_TOKEN! });

// The strategy of one instance; without instance_id, the project-wide one
await client.deleteStrategy({ instance_id: '44b277eb-39be-4921-be31-3d61b43651d7' });
