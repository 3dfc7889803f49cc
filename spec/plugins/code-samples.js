// Redocly plugin: puts the code samples of spec/code-samples/<operationId>/
// on their operation as `x-codeSamples` (shown by Redoc), so that each sample
// is a file of its own that the tests can run and type-check. A decorator
// runs when bundling, so generated/openapi.{yaml,json} carry the samples.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const samplesDir = fileURLToPath(new URL('../code-samples/', import.meta.url));

/**
 * The sample files of an operation, in the order Redoc shows them. Redoc
 * tells samples apart by `label`, and shows only the labels listed in
 * `openapi.codeSamples.languages` of redocly.yaml.
 */
export const SAMPLE_FILES = [
  { file: 'curl.sh', lang: 'bash', label: 'curl' },
  { file: 'client.ts', lang: 'typescript', label: 'TypeScript client' },
  { file: 'openstack.sh', lang: 'bash', label: 'OpenStack CLI' },
];

function injectCodeSamples() {
  return {
    Operation: {
      leave(operation) {
        if (typeof operation.operationId !== 'string') return;
        const samples = SAMPLE_FILES.flatMap(({ file, lang, label }) => {
          const path = `${samplesDir}${operation.operationId}/${file}`;
          return existsSync(path) ? [{ lang, label, source: readFileSync(path, 'utf8').trimEnd() }] : [];
        });
        if (samples.length > 0) operation['x-codeSamples'] = samples;
      },
    },
  };
}

export default function codeSamplesPlugin() {
  return {
    id: 'code-samples',
    decorators: { oas3: { inject: injectCodeSamples } },
  };
}
