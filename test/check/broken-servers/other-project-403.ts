// Another project's backup gets 403 (revealing it exists) instead of 404.
import { brokenServer } from './harness.js';

export default brokenServer({
  description: "another project's backup is 403, not 404",
  request: (req) => {
    // b5555555-… is the seed's backup of project "other".
    if (req.method !== 'GET' || !req.path.startsWith('/v1.0/proj/backups/b5555555-')) return undefined;
    const json = { forbidden: { code: 403, message: 'This backup belongs to another project.' } };
    return { status: 403, headers: { 'content-type': 'application/json' }, json, text: '' };
  },
  expect: { case: 'getBackup 404 other-project-backup', pointer: '', keyword: 'status' },
});
