// The programs of this machine that the integration tests use, found on PATH
// (no machine path is written in the tests): what each project needs, and
// whether it is there.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The one place to name a browser that is not on PATH as `chromium`. */
export const CHROMIUM_ENV = 'TROVE_BACKUPS_CHROMIUM';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The full path of `command` on PATH, if it is there and executable. */
export function onPath(command: string, path = process.env.PATH ?? ''): string | undefined {
  return path
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, command))
    .find(isExecutable);
}

/** Chromium: $TROVE_BACKUPS_CHROMIUM (if it can run), else the first of Debian's and others' names on PATH. */
export function chromiumPath(): string | undefined {
  const configured = process.env[CHROMIUM_ENV];
  if (configured) return isExecutable(configured) ? configured : undefined;
  return ['chromium', 'chromium-browser', 'google-chrome'].map((name) => onPath(name)).find(Boolean);
}

/**
 * The Python that runs the `openstack` command on PATH (its #! line): the one
 * with OpenStackClient's modules, which another python3 on PATH (a pyenv's) lacks.
 */
export function openstackPython(): string | undefined {
  const openstack = onPath('openstack');
  if (!openstack) return undefined;
  const shebang = /^#!\s*(\S+)/.exec(readFileSync(openstack, 'latin1').slice(0, 200))?.[1];
  return shebang && isExecutable(shebang) ? shebang : undefined;
}

/** Whether the `openstack` command's Python imports every module named. */
function openstackImports(...modules: string[]): boolean {
  const python = openstackPython();
  if (!python) return false;
  return spawnSync(python, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

export interface Need {
  /** What the tests use, for the messages. */
  what: string;
  present: () => boolean;
  /** The Debian packages that provide it. */
  packages: string[];
}

/**
 * What each integration project needs from the machine beyond Node and npm.
 * The real-Trove harness (test/helpers/trove-server.ts) provisions Trove itself.
 */
export const NEEDS: Record<string, Need[]> = {
  browser: [{ what: 'Chromium', present: () => chromiumPath() !== undefined, packages: ['chromium'] }],
  tools: [
    { what: 'curl', present: () => onPath('curl') !== undefined, packages: ['curl'] },
    {
      what: "OpenStackClient with python-troveclient's commands",
      present: () => openstackImports('openstackclient', 'troveclient'),
      packages: ['python3-openstackclient', 'python3-troveclient'],
    },
  ],
};

/** The needs of these projects that this machine lacks. */
export function missingNeeds(projects: string[]): { project: string; need: Need }[] {
  return projects.flatMap((project) => (NEEDS[project] ?? []).filter((need) => !need.present()).map((need) => ({ project, need })));
}
