// A request without X-Auth-Token is served as if it came from the project's user.
import { brokenServer } from './harness.js';

export default brokenServer({
  description: 'auth not enforced',
  request: (req) =>
    req.headers['x-auth-token'] === undefined && req.path.startsWith('/v1.0/')
      ? { ...req, headers: { ...req.headers, 'x-auth-token': 'proj' } }
      : undefined,
  expect: { case: 'getBackup 401 no-token', pointer: '', keyword: 'status' },
});
