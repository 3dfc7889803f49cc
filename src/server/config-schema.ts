// The JSON Schema of the reference server's configuration file. Ids,
// timestamps and statuses use the contract's own schemas.
import { type JsonSchema, loadDereferencedSpec } from '../contract/spec.js';
import { keystoneConfigSchema } from './keystone/config.js';
import { strict, text } from './schema-parts.js';

export function configSchema(): JsonSchema {
  const schemas = loadDereferencedSpec().components?.schemas as Record<string, JsonSchema>;
  const uuid = schemas.Uuid!;
  const ms = { type: 'integer', minimum: 0 };
  return strict(
    {
      tokens: {
        type: 'object',
        additionalProperties: strict({ project_id: text, roles: { type: 'array', items: text } }, ['project_id']),
      },
      datastores: {
        type: 'array',
        items: strict(
          {
            id: uuid,
            name: text,
            versions: { type: 'array', minItems: 1, items: strict({ id: uuid, name: text }, ['id', 'name']) },
            backup_supported: { type: 'boolean' },
          },
          ['id', 'name', 'versions'],
        ),
      },
      instances: {
        type: 'array',
        items: strict(
          {
            id: uuid,
            project_id: text,
            name: text,
            datastore_version_id: uuid,
            status: text,
            fail_backups: { type: 'boolean' },
            backup_size: { type: 'number', minimum: 0 },
            volume_size: { type: 'integer', minimum: 1 },
          },
          ['id', 'project_id', 'datastore_version_id'],
        ),
      },
      backups: {
        type: 'array',
        items: strict(
          {
            id: uuid,
            project_id: text,
            name: { type: 'string', maxLength: 255 },
            status: schemas.BackupStatus,
            created: schemas.Timestamp,
            updated: schemas.Timestamp,
            description: { type: 'string', nullable: true, maxLength: 512 },
            instance_id: { ...uuid, nullable: true },
            parent_id: { ...uuid, nullable: true },
            size: { type: 'number', nullable: true },
            locationRef: { type: 'string', nullable: true },
            datastore_version_id: { ...uuid, nullable: true },
            deleted: { type: 'boolean' },
          },
          ['id', 'project_id', 'name', 'status', 'created'],
        ),
      },
      backupStrategies: {
        type: 'array',
        items: strict(
          {
            project_id: text,
            instance_id: {
              type: 'string',
              pattern: (schemas.BackupStrategy as { properties: { instance_id: { pattern: string } } }).properties.instance_id.pattern,
            },
            swift_container: schemas.NonEmptyString,
          },
          ['project_id', 'swift_container'],
        ),
      },
      timings: strict({ newMs: ms, buildingMs: ms }, []),
      backupQuota: { type: 'integer', minimum: 0, nullable: true },
      pageSize: { type: 'integer', minimum: 1 },
      maxBodyBytes: { type: 'integer', minimum: 1024 },
      storageUrl: text,
      swiftContainer: schemas.SwiftContainerName,
      keystoneUri: text,
      trove: { enum: [18, 23, 26] },
      runningBackupsExpires: { type: 'integer', minimum: 0 },
      maxProjects: { type: 'integer', minimum: 1 },
      maxBackups: { type: 'integer', minimum: 1 },
      maxStrategies: { type: 'integer', minimum: 1 },
      maxLimit: { type: 'integer', minimum: 1 },
      cacheBytes: { type: 'integer', minimum: 0 },
      keystone: keystoneConfigSchema(),
    },
    [],
  );
}
