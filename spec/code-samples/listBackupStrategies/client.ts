import { createBackupsClient } from 'trove-backups-contract';

// The catalog's database endpoint (…/v1.0/<project_id>) and a Keystone token
const client = createBackupsClient({ endpoint: process.env.TROVE_ENDPOINT!, token: process.env.OS_TOKEN! });

const strategies = await client.listStrategies();
for (const s of strategies) console.log(s.instance_id || '(project)', s.swift_container);
