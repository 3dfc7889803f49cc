// The answer to an incremental create says parent_id null, though the backup has its parent.
import { brokenServer } from './harness.js';

export default brokenServer({
  description: 'an incremental backup answered without its parent_id',
  response: (answer, req) => {
    const backup = (answer.json as { backup?: { parent_id?: unknown } } | undefined)?.backup;
    if (req.method === 'POST' && answer.status === 202 && backup?.parent_id) backup.parent_id = null;
    return answer;
  },
  expect: { case: 'flow create-incremental', pointer: '/backup/parent_id', keyword: 'state' },
});
