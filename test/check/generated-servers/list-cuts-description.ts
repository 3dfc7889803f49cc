// The backup list cuts descriptions to 20 characters, so a backup shows
// other fields in the list than in show. The flow finds its backups in the
// lists by ID only; the generated sequences compare show and list.
import { brokenServer } from '../broken-servers/harness.js';

export default brokenServer({
  description: 'the list cuts descriptions to 20 characters',
  response: (answer, req) => {
    const backups = (answer.json as { backups?: { description?: unknown }[] } | undefined)?.backups;
    if (req.method !== 'GET' || !Array.isArray(backups)) return undefined;
    for (const b of backups) if (typeof b.description === 'string') b.description = b.description.slice(0, 20);
    return answer;
  },
  expect: { case: 'generated sequences createBackup', keyword: 'stateful' },
});
