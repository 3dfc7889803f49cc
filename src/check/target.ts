// Is the endpoint a real server or a mock? Prism answers a `Prefer: code=`
// header with that documented status; a real server ignores the header.
// The report says which it is and why, so that nothing is decided silently.
import { type SendOptions, send } from './http.js';

export type Target = 'server' | 'mock';

export interface TargetDecision {
  target: Target;
  reason: string;
}

export async function detectTarget(root: URL, options: SendOptions = {}): Promise<TargetDecision> {
  const probe = await send(root, { method: 'GET', path: '/', headers: { Accept: 'application/json', Prefer: 'code=406' } }, options);
  if (probe.response.status === 406) {
    return {
      target: 'mock',
      reason: 'detected: GET / with `Prefer: code=406` answered 406, as a Prism mock does (a real server ignores Prefer)',
    };
  }
  return {
    target: 'server',
    reason: `detected: GET / with \`Prefer: code=406\` answered ${probe.response.status} (a mock would answer 406)`,
  };
}
