// How the raw fuzz tests judge an answer of an API server (the reference
// server, the mock, the proxy): never a 5xx, and a body that conforms to
// the contract. An empty body is only allowed where Node's HTTP parser
// refused the request itself (400, 413, 414, 431, 505) or the contract
// gives none (202, HEAD).
import { expect } from 'vitest';
import { ContractValidator } from '../../src/contract/validator.js';
import { contractViolations } from '../server/exchange.js';
import type { RawAnswer, RawCase } from './raw-fuzz.js';

const PROTOCOL_ERRORS = new Set([400, 413, 414, 431, 505]);
const contract = new ContractValidator();

export interface JudgeOptions {
  /** 5xx statuses the server documents for itself (the proxy's 502 and 504). */
  allowed5xx?: ReadonlySet<number>;
  /** Judge the body only for requests to an operation of the contract (the proxy: Prism normalises other paths before forwarding). */
  operationsOnly?: boolean;
}

export function judgeApiAnswer(sent: RawCase, answers: RawAnswer[], seed: number, options: JudgeOptions = {}): void {
  const allowed5xx = options.allowed5xx ?? new Set<number>();
  const what = `FUZZ_SEED=${seed}: ${JSON.stringify(sent.bytes.subarray(0, 300).toString('latin1'))}`;
  for (const answer of answers) {
    if (answer.status >= 500) expect(allowed5xx.has(answer.status), `${answer.status} ${answer.text.slice(0, 200)} for ${what}`).toBe(true);
  }
  const [first] = answers;
  if (!sent.large) expect(first, `no answer for ${what}`).toBeDefined();
  if (!first || first.status >= 500) return;
  if (first.text === '') {
    const fine = PROTOCOL_ERRORS.has(first.status) || first.status === 202 || sent.method.toUpperCase() === 'HEAD';
    expect(fine, `an empty ${first.status} for ${what}`).toBe(true);
    return;
  }
  let body: unknown = first.text;
  try {
    body = JSON.parse(first.text);
  } catch {
    // judged as text: it will not match any schema
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(first.headers)) headers.set(k, v.replace(/[^\t\x20-\x7e]/g, '?'));
  const path = sent.target.startsWith('/') ? sent.target : sent.target.replace(/^[a-z]+:\/\/[^/]*/i, '') || '/';
  if (options.operationsOnly && !contract.match(sent.method.toUpperCase(), path.split(/[?#]/)[0]!)) return;
  const violations = contractViolations(sent.method.toUpperCase(), path, { status: first.status, headers, body, text: first.text });
  expect(violations, `${first.status} ${first.text.slice(0, 300)} for ${what}`).toEqual([]);
}
