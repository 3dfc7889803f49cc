// The pieces the configuration's JSON Schemas are built from (config-schema.ts
// and keystone/config.ts): a non-empty string, and an object that refuses
// unknown keys, so that a misspelt key in a config file is an error.
export const text = { type: 'string', minLength: 1 } as const;

export const strict = (properties: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});
