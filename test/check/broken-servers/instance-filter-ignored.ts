// GET /backups ignores its instance_id filter.
import { brokenServer } from './harness.js';

export default brokenServer({
  description: 'the instance_id filter of the backup list is ignored',
  request: (req) => {
    if (req.method !== 'GET' || !/\/backups\?/.test(req.path)) return undefined;
    const url = new URL(req.path, 'http://x');
    url.searchParams.delete('instance_id');
    return { ...req, path: url.pathname + url.search };
  },
  expect: { case: 'flow list-pages-filtered', keyword: 'state' },
});
