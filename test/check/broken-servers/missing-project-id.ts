// Backups come without the required project_id.
import { brokenServer, eachBackup } from './harness.js';

export default brokenServer({
  description: 'a backup without its required project_id',
  response: (answer) => {
    eachBackup(answer.json, (b) => delete b.project_id);
    return answer;
  },
  expect: { case: 'createBackup 202 full-backup', pointer: '/backup/project_id', keyword: 'required' },
});
