// A backup that does not exist (or no longer does) is answered 200, with a
// made-up backup of that ID: a deletion can never be seen.
import { brokenServer } from '../broken-servers/harness.js';

const madeUp = (id: string) => ({
  backup: {
    id,
    name: 'ghost',
    description: null,
    locationRef: null,
    instance_id: null,
    created: '2026-01-01T00:00:00',
    updated: '2026-01-01T00:00:00',
    size: null,
    status: 'COMPLETED',
    parent_id: null,
    project_id: 'proj',
    datastore: null,
  },
});

export default brokenServer({
  description: '200 for a backup that does not exist',
  response: (answer, req) => {
    const id = /\/backups\/([^/?]+)$/.exec(req.path)?.[1];
    return req.method === 'GET' && id && answer.status === 404
      ? { status: 200, headers: { 'content-type': 'application/json' }, json: madeUp(id), text: '' }
      : undefined;
  },
  expect: { case: 'getBackup 404 unknown-backup', keyword: 'status' },
});
