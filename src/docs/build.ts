// Builds the docs site from the bundled contract: one self-contained HTML page
// (Redocly's `build-docs --inlineBundle`: Redoc and the spec inside, nothing
// from a CDN), next to the bundle itself for download.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot, specFiles } from '../contract/spec.js';
import { docsSpec } from './docs-spec.js';
import { LAYOUT_CSS } from './layout-css.js';
import { redocly } from './redocly.mjs';

export interface BuildDocsOptions {
  /** Written (created if needed): index.html, openapi.json, openapi.yaml. */
  outDir: string;
  /** Aborts the build (the Redocly process is killed). */
  signal?: AbortSignal | undefined;
}

// Redoc's settings only: the bundle is already linted and decorated.
const DOCS_CONFIG = fileURLToPath(new URL('redocly.yaml', import.meta.url));

export const SITE_FILES = ['index.html', 'openapi.json', 'openapi.yaml'] as const;

// The inline bundle still loads one remote image, Redocly's attribution logo
// (which hides itself when it fails). It is inlined, so that the page makes
// no request to the network at all.
const REMOTE_LOGOS = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="52" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11" font-weight="bold" fill="#0044d4">Redocly</text></svg>',
)}`;

export async function buildDocs(options: BuildDocsOptions): Promise<string[]> {
  const { outDir, signal } = options;
  await mkdir(outDir, { recursive: true });
  const index = join(outDir, 'index.html');
  // Redocly reads the docs' copy of the contract from a file of its own, removed after the build.
  const work = await mkdtemp(join(tmpdir(), 'trove-docs-'));
  try {
    const source = join(work, 'openapi.json');
    await writeFile(source, JSON.stringify(docsSpec(JSON.parse(await readFile(specFiles.json, 'utf8')))));
    const args = ['build-docs', source, '--inlineBundle', '-o', index, '--config', DOCS_CONFIG, '--lint-config', 'off'];
    const { code, output } = await redocly(args, { quiet: true, cwd: packageRoot, ...(signal ? { signal } : {}) });
    signal?.throwIfAborted();
    if (code !== 0) throw new Error(`Redocly could not build the docs:\n${output.trim()}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  let html = await readFile(index, 'utf8');
  for (const logo of REMOTE_LOGOS) html = html.replaceAll(logo, INLINE_LOGO);
  html = html.replace('</head>', `<style>${LAYOUT_CSS}</style></head>`);
  await writeFile(index, html);
  await copyFile(specFiles.json, join(outDir, 'openapi.json'));
  await copyFile(specFiles.yaml, join(outDir, 'openapi.yaml'));
  return SITE_FILES.map((name) => join(outDir, name));
}
