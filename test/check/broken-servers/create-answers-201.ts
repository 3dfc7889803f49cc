// Create answers 201 Created instead of the documented 202 Accepted.
import { brokenServer } from './harness.js';

export default brokenServer({
  description: 'createBackup answers 201 instead of 202',
  response: (answer, req) =>
    req.method === 'POST' && req.path.endsWith('/backups') && answer.status === 202 ? { ...answer, status: 201 } : undefined,
  expect: { case: 'createBackup 202 full-backup', pointer: '', keyword: 'status' },
});
