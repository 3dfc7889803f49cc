// DELETE of a backup answers 202 and deletes nothing, ever.
import { brokenServer } from './harness.js';

export default brokenServer({
  description: 'a DELETE that is ignored',
  request: (req) =>
    req.method === 'DELETE' && /\/backups\/[^/?]+$/.test(req.path)
      ? { status: 202, headers: { 'content-type': 'application/json' }, json: undefined, text: '' }
      : undefined,
  expect: { case: 'deleteBackup 404 unknown-backup', keyword: 'status' },
});
