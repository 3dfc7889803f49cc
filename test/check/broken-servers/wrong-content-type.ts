// JSON answers labelled text/plain.
import { brokenServer } from './harness.js';

export default brokenServer({
  description: 'JSON bodies sent as text/plain',
  response: (answer) =>
    answer.json === undefined ? undefined : { ...answer, headers: { ...answer.headers, 'content-type': 'text/plain' } },
  expect: { case: 'listVersions 200 versions', pointer: '', keyword: 'content' },
});
