// Timestamps carry a zone designator (2024-01-01T10:00:00Z), which Trove never sends.
import { brokenServer, eachBackup } from './harness.js';

export default brokenServer({
  description: 'a timestamp in another format (with a Z)',
  response: (answer) => {
    eachBackup(answer.json, (b) => {
      if (typeof b.created === 'string') b.created = `${b.created}Z`;
    });
    return answer;
  },
  expect: { case: 'createBackup 202 full-backup', pointer: '/backup/created', keyword: 'pattern' },
});
