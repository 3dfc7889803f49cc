import { createBackupsClient } from 'trove-backups-contract';

// The catalog's database endpoint (…/v1.0/<project_id>) and a Keystone token
const client = createBackupsClient({ endpoint: process.env.TROVE_ENDPOINT!, token: process.env.OS_TOKEN! });

// Store the backups of one instance in the Swift container "inst_backups"
await client.createStrategy({ instance_id: '44b277eb-39be-4921-be31-3d61b43651d7', swift_container: 'inst_backups' });

// The project-wide strategy (no instance_id)
const strategy = await client.createStrategy({ swift_container: 'proj_backups' });
console.log(strategy.project_id, strategy.swift_container);
