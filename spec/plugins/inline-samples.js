// Redocly plugin: lets an Example Object take its value from a JSON sample
// file, as `value: {$ref: ../samples/x.json#/pointer}`. Redocly resolves $ref
// in `example` but not in `examples[].value`, and Prism needs named
// `examples` for `Prefer: example=`. A preprocessor runs before lint, so the
// inlined values are also what the example rules validate.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function readPointer(doc, pointer) {
  if (!pointer) return doc;
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => {
      if (node === null || typeof node !== 'object' || !(key in node)) {
        throw new Error(`no ${pointer} in the sample`);
      }
      return node[key];
    }, doc);
}

function inlineSampleValues() {
  return {
    Example: {
      enter(example, ctx) {
        const ref = example.value?.$ref;
        if (typeof ref !== 'string') return;
        const [file, pointer] = ref.split('#');
        const path = resolve(dirname(ctx.location.source.absoluteRef), file);
        try {
          example.value = readPointer(JSON.parse(readFileSync(path, 'utf8')), pointer);
        } catch (err) {
          ctx.report({ message: `Cannot inline sample ${ref}: ${err.message}`, location: ctx.location.child('value') });
        }
      },
    },
  };
}

export default function inlineSamplesPlugin() {
  return {
    id: 'samples',
    preprocessors: { oas3: { 'inline-values': inlineSampleValues } },
  };
}
