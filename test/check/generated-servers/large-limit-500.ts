// A page limit above 50 makes the list fail with 500. The recipes and the
// flow ask for small pages; the generated valid requests draw any limit the
// schema allows.
import { brokenServer } from '../broken-servers/harness.js';

export default brokenServer({
  description: 'limit > 50 answers 500',
  request: (req) => {
    const limit = /[?&]limit=(\d+)/.exec(req.path)?.[1];
    return req.method === 'GET' && /\/backups(\?|$)/.test(req.path) && limit !== undefined && Number(limit) > 50
      ? { status: 500, headers: { 'content-type': 'application/json' }, json: { instanceFault: { code: 500, message: 'boom' } }, text: '' }
      : undefined;
  },
  expect: { case: 'generated valid listBackups', keyword: 'generated' },
});
