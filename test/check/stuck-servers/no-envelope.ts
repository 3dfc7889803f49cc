// A backup is answered bare, without its {"backup": ...} envelope.
import { brokenServer } from '../broken-servers/harness.js';

export default brokenServer({
  description: 'a backup without its envelope',
  response: (answer) => {
    const body = answer.json as { backup?: unknown } | undefined;
    return body?.backup && typeof body.backup === 'object' ? { ...answer, json: body.backup } : answer;
  },
  expect: { case: 'getBackup 200 existing-backup', pointer: '/backup', keyword: 'required' },
});
