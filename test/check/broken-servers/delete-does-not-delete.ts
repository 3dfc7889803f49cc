// DELETE of an existing backup answers 202 but deletes nothing.
import { brokenServer } from './harness.js';

const WAS_DELETE = 'x-broken-server-was-delete';

export default brokenServer({
  description: 'a delete that does not delete',
  // Ask the reference server whether the backup exists, instead of deleting it.
  request: (req) =>
    req.method === 'DELETE' && /\/backups\/[^/?]+$/.test(req.path)
      ? { ...req, method: 'GET', headers: { ...req.headers, [WAS_DELETE]: '1' } }
      : undefined,
  response: (answer, req) =>
    req.headers[WAS_DELETE] && answer.status === 200
      ? { status: 202, headers: { 'content-type': 'application/json' }, json: undefined, text: '' }
      : undefined,
  expect: { case: 'flow delete-took-effect', keyword: 'timeout' },
});
