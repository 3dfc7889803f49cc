// Deleting a full backup leaves its incremental children: the cascade the
// contract documents does not happen (a child still shows as it was).
import { type Answer, brokenServer } from './harness.js';

const children = new Map<string, { parent: string; answer: Answer }>();
const deletedParents = new Set<string>();

export default brokenServer({
  description: 'children kept after their parent is deleted',
  response: (answer, req) => {
    const backup = (answer.json as { backup?: { id?: string; parent_id?: string | null } } | undefined)?.backup;
    if (backup?.id && backup.parent_id && answer.status === 200) children.set(backup.id, { parent: backup.parent_id, answer });
    const id = /\/backups\/([^/?]+)$/.exec(req.path)?.[1];
    if (req.method === 'DELETE' && id && answer.status === 202) deletedParents.add(id);
    const child = id ? children.get(id) : undefined;
    if (req.method === 'GET' && child && answer.status === 404 && deletedParents.has(child.parent)) return child.answer;
    return undefined;
  },
  expect: { case: 'flow gone-after-delete', keyword: 'timeout' },
});
