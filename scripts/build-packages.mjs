#!/usr/bin/env node
// After the build of dist/ (`npm run build:packages`): lays out the two packages this repository publishes,
// from the one build, without moving a source file.
//   packages/contract: the spec files, the generated types and the client (openapi-fetch only);
//   packages/tools:    the CLI and the reference server, with their heavy dependencies.
// Their package.json files are committed; this script checks that they agree with the root's
// (version, licence, links, dependency pins), then copies the built files beside them.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const rootPkg = read('package.json');

// What each package is made of: [from (in the repository), to (in the package)].
const SHARED = [
  ['README.md', 'README.md'],
  ['LICENSE', 'LICENSE'],
  ['CHANGELOG.md', 'CHANGELOG.md'],
  ['docs', 'docs'],
];
const CONTRACT = [
  ['dist/index.js', 'dist/index.js'],
  ['dist/index.d.ts', 'dist/index.d.ts'],
  ['dist/types.js', 'dist/types.js'],
  ['dist/types.d.ts', 'dist/types.d.ts'],
  ['dist/client', 'dist/client'],
  ['dist/keystone', 'dist/keystone'],
  ['generated/openapi.d.ts', 'generated/openapi.d.ts'],
  ['generated/openapi.yaml', 'generated/openapi.yaml'],
];
// The JSON contract is written without indentation: the same data in two thirds of the bytes.
// The dereferenced one (340 kB even so) ships with the tools, to keep the client's install small.
const CONTRACT_JSON = ['generated/openapi.json'];
const TOOLS = [
  ['dist', 'dist'],
  ['generated', 'generated'],
];
// The tools do not re-ship the client: it is the contract package's.
const TOOLS_LEFT_OUT = ['dist/client', 'dist/index.js', 'dist/index.d.ts', 'dist/types.js', 'dist/types.d.ts'];

function mismatches(name, pkg) {
  const problems = [];
  for (const key of ['version', 'license', 'homepage', 'engines']) {
    if (JSON.stringify(pkg[key]) !== JSON.stringify(rootPkg[key])) problems.push(`${name}: "${key}" differs from the root package.json`);
  }
  for (const key of ['url']) {
    if (pkg.repository?.[key] !== rootPkg.repository?.[key])
      problems.push(`${name}: "repository.${key}" differs from the root package.json`);
    if (pkg.bugs?.[key] !== rootPkg.bugs?.[key]) problems.push(`${name}: "bugs.${key}" differs from the root package.json`);
  }
  for (const [dep, range] of Object.entries(pkg.dependencies ?? {})) {
    const pinned = dep === 'trove-backups-contract' ? rootPkg.version : rootPkg.dependencies?.[dep];
    if (range !== pinned) problems.push(`${name}: dependency ${dep}@${range}, the root pins ${pinned ?? 'nothing'}`);
  }
  return problems;
}

function copy(pairs, into) {
  for (const [from, to] of pairs) {
    const source = join(root, from);
    if (from === 'docs' && !existsSync(source)) continue;
    if (!existsSync(source)) throw new Error(`${from} is missing: run the build (tsc and copy-assets) first`);
    cpSync(source, join(into, to), { recursive: true });
  }
}

// The CommonJS entries: Node 20.19+ and 22.12+ (the engines) can require() an ES module, so each
// one loads the ES module itself (one copy of every class), and its types re-export the module's.
function writeRequireEntries(dir, entries) {
  for (const entry of entries) {
    const base = entry.split('/').pop();
    writeFileSync(join(dir, `dist/${entry}.cjs`), `'use strict';\nmodule.exports = require('./${base}.js');\n`);
    writeFileSync(join(dir, `dist/${entry}.d.cts`), `export * from './${base}.js';\n`);
  }
}

function layOut(name, pairs, extra) {
  const dir = join(root, 'packages', name);
  const pkg = read(`packages/${name}/package.json`);
  for (const entry of [...pkg.files, 'README.md', 'LICENSE', 'docs']) rmSync(join(dir, entry), { recursive: true, force: true });
  copy([...SHARED, ...pairs], dir);
  extra?.(dir);
  return mismatches(`packages/${name}/package.json`, pkg);
}

const problems = [
  ...layOut('contract', CONTRACT, (dir) => {
    for (const file of CONTRACT_JSON) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), JSON.stringify(read(file)));
    }
    writeRequireEntries(dir, ['index', 'types', 'keystone/index']);
  }),
  ...layOut('tools', TOOLS, (dir) => {
    for (const path of TOOLS_LEFT_OUT) rmSync(join(dir, path), { recursive: true, force: true });
    writeRequireEntries(dir, ['server/index']);
  }),
];
if (problems.length > 0) {
  console.error(`build-packages: the package manifests are out of step:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
