// Backups carry storage_driver, as the api-ref's samples show, but no server returns and the contract forbids.
import { brokenServer, eachBackup } from './harness.js';

export default brokenServer({
  description: 'an undocumented field: storage_driver in a backup',
  response: (answer) => {
    eachBackup(answer.json, (b) => (b.storage_driver = 'swift'));
    return answer;
  },
  expect: { case: 'createBackup 202 full-backup', pointer: '/backup/storage_driver', keyword: 'additionalProperties' },
});
