// The default state: the seed data of the Trove 18 test server the tests run,
// with the same projects, instances and backup ids, so
// that the same requests can be sent to both. Trove's datastore ids are
// random per start; these are fixed.
import type { ReferenceServerConfig } from './config-types.js';

export const SEED_DATASTORE_ID = 'a00000a0-00a0-0a00-00a0-000a000000aa';
/** The mysql 5.7.29 datastore version (the contract's example id). */
export const SEED_DATASTORE_VERSION_ID = 'b00000b0-00b0-0b00-00b0-000b000000bb';
export const SEED_INSTANCE = '44b277eb-39be-4921-be31-3d61b43651d7';
export const SEED_OTHER_INSTANCE = '55c388fc-4acf-4a32-8f42-4e72c54762e8';

const id = (digit: string) => `b${digit.repeat(7)}-${digit.repeat(4)}-${digit.repeat(4)}-${digit.repeat(4)}-${digit.repeat(12)}`;
const location = (backup: string) => `http://127.0.0.1:8080/v1/AUTH_proj/database_backups/${backup}.xbstream.gz.enc`;

export const seedConfig: Required<Pick<ReferenceServerConfig, 'datastores' | 'instances' | 'backups' | 'backupStrategies'>> = {
  datastores: [
    {
      id: SEED_DATASTORE_ID,
      name: 'mysql',
      versions: [{ id: SEED_DATASTORE_VERSION_ID, name: '5.7.29' }],
    },
  ],
  instances: [
    { id: SEED_INSTANCE, project_id: 'proj', name: 'inst-1', datastore_version_id: SEED_DATASTORE_VERSION_ID },
    { id: SEED_OTHER_INSTANCE, project_id: 'other', name: 'inst-other', datastore_version_id: SEED_DATASTORE_VERSION_ID },
  ],
  backups: [
    {
      id: id('1'),
      project_id: 'proj',
      name: 'bk-full',
      description: 'full backup',
      status: 'COMPLETED',
      instance_id: SEED_INSTANCE,
      created: '2024-01-01T10:00:00',
      updated: '2024-01-01T10:05:00',
      size: 0.12,
      locationRef: location(id('1')),
      datastore_version_id: SEED_DATASTORE_VERSION_ID,
    },
    {
      id: id('2'),
      project_id: 'proj',
      name: 'bk-inc',
      status: 'COMPLETED',
      instance_id: SEED_INSTANCE,
      parent_id: id('1'),
      created: '2024-01-02T10:00:00',
      updated: '2024-01-02T10:05:00',
      size: 0.01,
      locationRef: location(id('2')),
      datastore_version_id: SEED_DATASTORE_VERSION_ID,
    },
    {
      id: id('3'),
      project_id: 'proj',
      name: 'bk-failed',
      status: 'FAILED',
      instance_id: SEED_INSTANCE,
      created: '2024-01-03T10:00:00',
      updated: '2024-01-03T10:00:30',
      datastore_version_id: SEED_DATASTORE_VERSION_ID,
    },
    // A legacy row: no instance, no datastore, stuck in NEW.
    { id: id('4'), project_id: 'proj', name: 'bk-new-no-ds', status: 'NEW', created: '2024-01-04T10:00:00' },
    {
      id: id('5'),
      project_id: 'other',
      name: 'bk-other-proj',
      status: 'COMPLETED',
      instance_id: SEED_OTHER_INSTANCE,
      created: '2024-01-05T10:00:00',
      datastore_version_id: SEED_DATASTORE_VERSION_ID,
    },
    {
      id: id('6'),
      project_id: 'proj',
      name: 'bk-deleted',
      status: 'DELETE_FAILED',
      created: '2024-01-06T10:00:00',
      datastore_version_id: SEED_DATASTORE_VERSION_ID,
      deleted: true,
    },
    {
      id: id('7'),
      project_id: 'proj',
      name: 'bk-to-delete',
      description: 'delete me',
      status: 'COMPLETED',
      created: '2023-12-01T10:00:00',
      updated: '2023-12-01T10:05:00',
      size: 0.05,
      locationRef: location(id('7')),
      datastore_version_id: SEED_DATASTORE_VERSION_ID,
    },
  ],
  backupStrategies: [],
};
