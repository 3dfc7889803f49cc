// clouds.yaml and secure.yaml, found where openstacksdk's config loader
// looks: OS_CLIENT_CONFIG_FILE (OS_CLIENT_SECURE_FILE), then the current
// directory, the user's config directory (~/.config/openstack) and the
// site's (/etc/xdg/openstack, /etc/openstack); the first file found is used.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KeystoneConfigError } from './errors.js';

export interface ConfigPlaces {
  env?: Record<string, string | undefined>;
  cwd?: string;
  home?: string;
}

export type CloudEntry = Record<string, unknown> & { auth?: Record<string, unknown> };

// A clouds.yaml is a few kilobytes; a larger file is a mistake, not something to parse.
const MAX_FILE_BYTES = 1024 * 1024;

export function searchDirectories({ env = process.env, cwd = process.cwd(), home = homedir() }: ConfigPlaces = {}): string[] {
  const userConfig = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'openstack');
  const siteConfig = join((env.XDG_CONFIG_DIRS || '/etc/xdg').split(':')[0] as string, 'openstack');
  return [...new Set([cwd, userConfig, join(home, '.config', 'openstack'), siteConfig, '/etc/openstack'])];
}

function candidates(base: string, override: string | undefined, places: ConfigPlaces): string[] {
  const files = searchDirectories(places).flatMap((d) => ['.yaml', '.yml', '.json'].map((s) => join(d, `${base}${s}`)));
  return override ? [override, ...files] : files;
}

// yaml is an optional peer of the contract package: a client that logs in with
// options or OS_* variables does not pay for a YAML parser (it is larger than
// the rest of the package). It is loaded only when a clouds file is read.
function parseYaml(text: string, path: string): unknown {
  let yaml: { parse: (text: string) => unknown };
  try {
    yaml = createRequire(import.meta.url)('yaml') as typeof yaml;
  } catch {
    throw new KeystoneConfigError(`reading ${path} needs the yaml package: npm install yaml`);
  }
  return yaml.parse(text);
}

function readFirst(paths: string[]): { path: string; content: Record<string, unknown> } | undefined {
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES)
      throw new KeystoneConfigError(`${path} is ${size} bytes; a clouds file over ${MAX_FILE_BYTES} bytes is refused`);
    let content: unknown;
    try {
      content = parseYaml(readFileSync(path, 'utf8'), path);
    } catch (error) {
      if (error instanceof KeystoneConfigError) throw error;
      throw new KeystoneConfigError(`${path} is not valid YAML or JSON: ${(error as Error).message}`);
    }
    if (content === null || content === undefined) content = {};
    if (typeof content !== 'object' || Array.isArray(content))
      throw new KeystoneConfigError(`${path} must hold a mapping with a "clouds" key`);
    return { path, content: content as Record<string, unknown> };
  }
  return undefined;
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const old = out[key];
    const both = [old, value].every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    out[key] = both ? merge(old as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return out;
}

/** The named cloud of clouds.yaml, with its secure.yaml part merged in. */
export function loadCloud(name: string, places: ConfigPlaces = {}): { entry: CloudEntry; files: string[] } {
  const env = places.env ?? process.env;
  const clouds = readFirst(candidates('clouds', env.OS_CLIENT_CONFIG_FILE, places));
  const secure = readFirst(candidates('secure', env.OS_CLIENT_SECURE_FILE, places));
  const files = [clouds?.path, secure?.path].filter((p): p is string => p !== undefined);
  if (!clouds) {
    throw new KeystoneConfigError(
      `cloud "${name}" asked for, but no clouds.yaml was found (looked in ${searchDirectories(places).join(', ')})`,
    );
  }
  const entryOf = (file: { content: Record<string, unknown> } | undefined) => {
    const all = file?.content.clouds;
    return typeof all === 'object' && all !== null
      ? ((all as Record<string, unknown>)[name] as Record<string, unknown> | undefined)
      : undefined;
  };
  const found = entryOf(clouds);
  if (typeof found !== 'object' || found === null) {
    const names = Object.keys((clouds.content.clouds as object | undefined) ?? {}).join(', ') || 'none';
    throw new KeystoneConfigError(`${clouds.path} has no cloud "${name}" (it has: ${names})`);
  }
  const extra = entryOf(secure);
  return { entry: (extra ? merge(found, extra) : found) as CloudEntry, files };
}
