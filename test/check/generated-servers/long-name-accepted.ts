// A backup name longer than the contract's 255 characters is not refused:
// the server cuts it instead. No recipe sends such a name; the generated
// invalid requests (maxLength broken) do.
import { brokenServer } from '../broken-servers/harness.js';

export default brokenServer({
  description: 'a name over 255 characters accepted (cut)',
  request: (req) => {
    if (req.method !== 'POST' || !/\/backups$/.test(req.path)) return undefined;
    try {
      const body = JSON.parse(req.body) as { backup?: { name?: unknown } };
      if (typeof body.backup?.name !== 'string' || body.backup.name.length <= 255) return undefined;
      body.backup.name = body.backup.name.slice(0, 255);
      return { ...req, body: JSON.stringify(body) };
    } catch {
      return undefined;
    }
  },
  expect: { case: 'generated invalid createBackup', pointer: '/backup/name', keyword: 'generated' },
});
