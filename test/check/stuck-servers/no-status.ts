// Every backup comes without its `status`: no wait for a status can ever end.
import { brokenServer, eachBackup } from '../broken-servers/harness.js';

export default brokenServer({
  description: 'backups without a status',
  response: (answer) => {
    eachBackup(answer.json, (b) => delete b.status);
    return answer;
  },
  expect: { case: 'createBackup 202 full-backup', pointer: '/backup/status', keyword: 'required' },
});
