// size is a string ("0.14"), as the api-ref claims, not a number.
import { brokenServer, eachBackup } from './harness.js';

export default brokenServer({
  description: 'size is a string, not a number',
  response: (answer) => {
    eachBackup(answer.json, (b) => {
      if (typeof b.size === 'number') b.size = String(b.size);
    });
    return answer;
  },
  expect: { case: 'flow wait-completed', pointer: '/backup/size', keyword: 'type' },
});
