// A finished backup is "DONE", a value outside the status enum.
import { brokenServer, eachBackup } from './harness.js';

export default brokenServer({
  description: 'status DONE instead of COMPLETED',
  response: (answer) => {
    eachBackup(answer.json, (b) => {
      if (b.status === 'COMPLETED') b.status = 'DONE';
    });
    return answer;
  },
  expect: { case: 'flow wait-completed', pointer: '/backup/status', keyword: 'enum' },
});
