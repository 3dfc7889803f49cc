// Lists ignore limit and marker: every backup on one page.
import { brokenServer, listWithout } from './harness.js';

export default brokenServer({
  description: 'pagination ignored: limit and marker are dropped',
  request: (req) => listWithout(req, 'limit', 'marker'),
  expect: { case: 'flow list-pages', pointer: '/backups', keyword: 'pagination' },
});
