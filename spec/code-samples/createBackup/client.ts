import { createBackupsClient } from 'trove-backups-contract';

// The catalog's database endpoint (…/v1.0/<project_id>) and a Keystone token
const client = createBackupsClient({ endpoint: process.env.TROVE_ENDPOINT!, token: process.env.OS_TOKEN! });

// A full backup: status NEW at once, then BUILDING, COMPLETED (or FAILED)
const full = await client.create({
  name: 'nightly',
  instance: '44b277eb-39be-4921-be31-3d61b43651d7',
  description: 'Nightly full backup',
});

// An incremental backup on the newest completed backup of the instance
const incremental = await client.createIncremental({ name: 'nightly-inc', instance: '44b277eb-39be-4921-be31-3d61b43651d7' });

// A record of a backup file copied from another region (status RESTORED)
const restored = await client.restore({
  name: 'restored-from-region2',
  restore_from: {
    remote_location:
      'https://swift.region2.example.net:8080/v1/AUTH_proj/database_backups/b1111111-1111-1111-1111-111111111111.xbstream.gz.enc',
    local_datastore_version_id: 'b00000b0-00b0-0b00-00b0-000b000000bb',
    size: 0.12,
  },
});
console.log(full.status, incremental.parent_id, restored.status);
