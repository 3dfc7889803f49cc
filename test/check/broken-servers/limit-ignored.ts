// Lists ignore limit and marker: every backup on one page.
import { brokenServer } from './harness.js';

export default brokenServer({
  description: 'pagination ignored: limit and marker are dropped',
  request: (req) => {
    if (req.method !== 'GET' || !/\/backups\?/.test(req.path)) return undefined;
    const url = new URL(req.path, 'http://x');
    url.searchParams.delete('limit');
    url.searchParams.delete('marker');
    return { ...req, path: url.pathname + url.search };
  },
  expect: { case: 'flow list-pages', pointer: '/backups', keyword: 'pagination' },
});
