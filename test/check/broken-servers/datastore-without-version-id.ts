// The datastore object of a backup lacks its required version_id.
import { brokenServer, eachBackup } from './harness.js';

export default brokenServer({
  description: 'datastore with a missing key (version_id)',
  response: (answer) => {
    eachBackup(answer.json, (b) => {
      if (b.datastore && typeof b.datastore === 'object') delete (b.datastore as Record<string, unknown>).version_id;
    });
    return answer;
  },
  expect: { case: 'createBackup 202 full-backup', pointer: '/backup/datastore/version_id', keyword: 'required' },
});
