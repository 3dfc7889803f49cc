// Null fields are left out instead of being null (locationRef and size of a new backup).
import { brokenServer, eachBackup } from './harness.js';

export default brokenServer({
  description: 'nullable fields omitted instead of null',
  response: (answer) => {
    eachBackup(answer.json, (b) => {
      for (const [key, value] of Object.entries(b)) if (value === null) delete b[key];
    });
    return answer;
  },
  expect: { case: 'createBackup 202 full-backup', pointer: '/backup/locationRef', keyword: 'required' },
});
