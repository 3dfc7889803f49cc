// The client's ESM build for browsers and Node, minified and gzipped with
// openapi-fetch, stays within its budget.

import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/files.js';

const BUDGET = 8 * 1024;

describe('the client bundle', () => {
  it(`is at most ${BUDGET} bytes minified and gzipped, openapi-fetch included, with no Node built-in`, async () => {
    const result = await build({
      entryPoints: [join(root, 'src/client/index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('node_modules/openapi-fetch/'))).toBe(true);
    expect(inputs.filter((i) => i.startsWith('node:'))).toEqual([]);
    const gzipped = gzipSync(code, { level: 9 }).length;
    console.log(`client bundle: ${code.length} B minified, ${gzipped} B gzipped (budget ${BUDGET} B)`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET);
  });
});
