// incremental: true is read as 1 instead of being refused (the contract allows only 0 and 1).
import { brokenServer } from './harness.js';

export default brokenServer({
  description: 'request validation not enforced: incremental true accepted',
  request: (req) =>
    req.method === 'POST' && req.body.includes('"incremental":true')
      ? { ...req, body: req.body.replace('"incremental":true', '"incremental":1') }
      : undefined,
  expect: { case: 'createBackup 400 incremental-not-integer', pointer: '', keyword: 'status' },
});
