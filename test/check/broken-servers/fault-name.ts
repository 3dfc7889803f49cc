// 404s come in a fault envelope named notFound, which the contract does not know (Trove's is itemNotFound).
import { brokenServer } from './harness.js';

export default brokenServer({
  description: 'an undocumented fault name: notFound instead of itemNotFound',
  response: (answer) => {
    const body = answer.json as { itemNotFound?: unknown; notFound?: unknown } | undefined;
    if (answer.status === 404 && body?.itemNotFound) {
      body.notFound = body.itemNotFound;
      delete body.itemNotFound;
    }
    return answer;
  },
  expect: { case: 'getBackup 404 unknown-backup', pointer: '/notFound', keyword: 'additionalProperties' },
});
