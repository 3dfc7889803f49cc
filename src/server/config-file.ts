// Reads a configuration file: JSON, or YAML for .yaml/.yml.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { resolveConfig } from './config.js';
import { ReferenceConfigError } from './config-error.js';
import type { ReferenceServerConfig, ResolvedConfig } from './config-types.js';

export async function readConfigFile(path: string): Promise<ReferenceServerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ReferenceConfigError(path, [`cannot read the file: ${(err as Error).message}`]);
  }
  const yaml = ['.yaml', '.yml'].includes(extname(path).toLowerCase());
  try {
    const parsed: unknown = yaml ? parseYaml(text) : JSON.parse(text);
    return (parsed ?? {}) as ReferenceServerConfig;
  } catch (err) {
    throw new ReferenceConfigError(path, [`not valid ${yaml ? 'YAML' : 'JSON'}: ${(err as Error).message}`]);
  }
}

export async function loadConfigFile(path: string): Promise<ResolvedConfig> {
  return resolveConfig(await readConfigFile(path), path);
}
