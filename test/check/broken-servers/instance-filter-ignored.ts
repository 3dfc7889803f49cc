// GET /backups ignores its instance_id filter.
import { brokenServer, listWithout } from './harness.js';

export default brokenServer({
  description: 'the instance_id filter of the backup list is ignored',
  request: (req) => listWithout(req, 'instance_id'),
  expect: { case: 'flow list-pages-filtered', keyword: 'state' },
});
