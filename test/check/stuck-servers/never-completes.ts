// A backup never leaves NEW: the reference server as it is, started with
// timings of an hour (see bounded.test.ts); nothing to rewrite.
import { brokenServer } from '../broken-servers/harness.js';

export default brokenServer({
  description: 'a backup that never completes',
  expect: { case: 'flow wait-completed', keyword: 'timeout' },
});
