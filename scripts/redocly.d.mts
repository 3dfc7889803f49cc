export { redocly } from '../src/docs/redocly.mjs';
