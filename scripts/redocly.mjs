#!/usr/bin/env node
// `node scripts/redocly.mjs <args>` (npm run lint): the pinned Redocly CLI,
// run as the docs build runs it (src/docs/redocly.mjs).
import { redocly } from '../src/docs/redocly.mjs';

export { redocly };

if (import.meta.url === `file://${process.argv[1]}`) {
  const { code } = await redocly(process.argv.slice(2));
  process.exit(code);
}
