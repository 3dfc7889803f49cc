// Resolves a configuration: checks it against its schema and its references,
// then fills in the defaults (the seed of the Trove test server and its
// test auth). Each state key that is given replaces that part of the seed.
import type { ErrorObject } from 'ajv';
import { createAjv } from '../contract/validator.js';
import { ReferenceConfigError } from './config-error.js';
import { configSchema } from './config-schema.js';
import type { ReferenceServerConfig, ResolvedConfig } from './config-types.js';
import { resolveKeystoneConfig } from './keystone/config.js';
import { seedConfig } from './seed.js';

export const DEFAULTS = {
  timings: { newMs: 1000, buildingMs: 2000 },
  backupQuota: 50,
  pageSize: 20,
  maxBodyBytes: 114_688,
  storageUrl: 'http://127.0.0.1:8080/v1/AUTH_{project_id}',
  swiftContainer: 'database_backups',
  keystoneUri: 'http://127.0.0.1:5000',
  trove: 26,
  runningBackupsExpires: 3,
  maxProjects: 1000,
  maxBackups: 10_000,
  maxStrategies: 10_000,
  maxLimit: 1000,
  cacheBytes: 32 * 2 ** 20,
} as const;

// Values that go into a response header: a line break there would end the header.
const HEADER_VALUES = ['keystoneUri'] as const;

let validate: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/** One schema error of the configuration, said for a person editing the file. */
function describe(error: ErrorObject): string {
  const at = error.instancePath || '(top level)';
  const p = error.params as Record<string, unknown>;
  const got = error.data === undefined ? '' : ` (it is ${JSON.stringify(error.data)?.slice(0, 200)})`;
  switch (error.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((error.parentSchema?.properties ?? {}) as object);
      return `${at}: unknown key "${String(p.additionalProperty)}"; the keys are ${known.join(', ')}`;
    }
    case 'required':
      return `${at}: "${String(p.missingProperty)}" is required`;
    case 'type':
      return `${at}: must be ${String(p.type)}${error.parentSchema?.nullable ? ' or null' : ''}${got}`;
    case 'enum':
      return `${at}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${got}`;
    case 'pattern':
      return `${at}: ${error.parentSchema?.pattern === undefined ? 'has the wrong form' : `must match ${String(p.pattern)}`}${got}`;
    default:
      return `${at}: ${error.message ?? error.keyword}${got}`;
  }
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    if (seen.has(id)) return true;
    seen.add(id);
    return false;
  });
}

export function resolveConfig(input: ReferenceServerConfig = {}, source = 'options.config'): ResolvedConfig {
  validate ??= createAjv().compile(configSchema());
  if (!validate(input)) throw new ReferenceConfigError(source, (validate.errors ?? []).map(describe));
  const datastores = (input.datastores ?? seedConfig.datastores).map((d) => ({ backup_supported: true, ...d }));
  const instances = (input.instances ?? seedConfig.instances).map((i) => ({
    name: i.id,
    status: 'ACTIVE',
    fail_backups: false,
    backup_size: 0.14,
    volume_size: 1,
    ...i,
  }));
  const backups = input.backups ?? seedConfig.backups;
  const backupStrategies = (input.backupStrategies ?? seedConfig.backupStrategies).map((s) => ({ instance_id: '', ...s }));

  const problems: string[] = [];
  const versions = new Set(datastores.flatMap((d) => d.versions.map((v) => v.id)));
  for (const id of duplicates(datastores.map((d) => d.id))) problems.push(`/datastores: the id ${id} is used twice`);
  for (const id of duplicates(datastores.flatMap((d) => d.versions.map((v) => v.id))))
    problems.push(`/datastores: the version id ${id} is used twice`);
  for (const id of duplicates(instances.map((i) => i.id))) problems.push(`/instances: the id ${id} is used twice`);
  for (const id of duplicates(backups.map((b) => b.id))) problems.push(`/backups: the id ${id} is used twice`);
  instances.forEach((i, n) => {
    if (!versions.has(i.datastore_version_id)) {
      problems.push(`/instances/${n}/datastore_version_id: ${i.datastore_version_id} is not the id of a version in datastores`);
    }
  });
  backups.forEach((b, n) => {
    if (b.datastore_version_id && !versions.has(b.datastore_version_id)) {
      problems.push(
        `/backups/${n}/datastore_version_id: ${b.datastore_version_id} is not the id of a version in datastores (give backups too when you replace datastores)`,
      );
    }
    if (b.updated !== undefined && b.updated < b.created)
      problems.push(`/backups/${n}/updated: ${b.updated} is before created (${b.created})`);
  });
  for (const key of HEADER_VALUES) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is refused
    if (/[\u0000-\u001f\u007f]/.test(input[key] ?? '')) {
      problems.push(`/${key}: must not contain a line break or control character (it is sent in a response header)`);
    }
  }
  if (backups.length > (input.maxBackups ?? DEFAULTS.maxBackups))
    problems.push(`/backups: more than maxBackups (${input.maxBackups ?? DEFAULTS.maxBackups})`);
  const strategyKeys = backupStrategies.map((s) => `project ${s.project_id}, instance_id "${s.instance_id}"`);
  for (const key of duplicates(strategyKeys)) problems.push(`/backupStrategies: two strategies for ${key}`);
  const keystone = resolveKeystoneConfig(input.keystone, problems);
  if (problems.length > 0) throw new ReferenceConfigError(source, problems);

  return {
    tokens: input.tokens,
    datastores,
    instances,
    backups,
    backupStrategies,
    timings: { ...DEFAULTS.timings, ...input.timings },
    backupQuota: input.backupQuota === undefined ? DEFAULTS.backupQuota : input.backupQuota,
    pageSize: input.pageSize ?? DEFAULTS.pageSize,
    maxBodyBytes: input.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
    storageUrl: input.storageUrl ?? DEFAULTS.storageUrl,
    swiftContainer: input.swiftContainer ?? DEFAULTS.swiftContainer,
    keystoneUri: input.keystoneUri ?? DEFAULTS.keystoneUri,
    trove: input.trove ?? DEFAULTS.trove,
    runningBackupsExpires: input.runningBackupsExpires ?? DEFAULTS.runningBackupsExpires,
    maxProjects: input.maxProjects ?? DEFAULTS.maxProjects,
    maxBackups: input.maxBackups ?? DEFAULTS.maxBackups,
    maxStrategies: input.maxStrategies ?? DEFAULTS.maxStrategies,
    maxLimit: input.maxLimit ?? DEFAULTS.maxLimit,
    cacheBytes: input.cacheBytes ?? DEFAULTS.cacheBytes,
    keystone,
  };
}
