// The contract's generated types (openapi-typescript), for
// `import type { paths, components, operations } from 'trove-backups-contract/types'`.
export type { components, operations, paths } from '../generated/openapi.js';
