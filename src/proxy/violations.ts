// What the validating proxy reports: each violation of the contract with
// the exchange's operation, status, JSON pointer and the value found there.
// Prism lists them in its `sl-violations` header, cut at about 8 kB ("Too
// many violations! ..."); a cut list is replaced by the package's own
// validation of the response, so that no violation is lost.
import type { ContractValidator } from '../contract/validator.js';

export interface LiveViolation {
  method: string;
  path: string;
  status: number;
  operation?: string;
  /** Who broke the contract: the client's request or the server's response. */
  side: 'request' | 'response';
  /** `body`, `query`, `path`, `headers`, or '' for the message as a whole. */
  part: string;
  pointer: string;
  keyword: string;
  severity: 'error' | 'warning';
  message: string;
  /** The value at the pointer, for body violations. */
  actual?: unknown;
}

export interface ProxySummary {
  exchanges: number;
  /** Exchanges with at least one error-level violation. */
  failed: number;
  violations: LiveViolation[];
  /** Violations counted but not kept, past the proxy's limit on what it keeps. */
  dropped: number;
}

export type ExchangeViolation = Omit<LiveViolation, 'method' | 'path' | 'status' | 'operation'>;

interface PrismViolation {
  location?: unknown[];
  severity?: string;
  code?: unknown;
  message?: string;
}

const TRUNCATED = 'Too many violations! ';

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const key of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

export function isTruncated(header: string | undefined): boolean {
  return header?.startsWith(TRUNCATED) ?? false;
}

export function parsePrismViolations(header: string | undefined, responseBody: unknown): ExchangeViolation[] {
  if (!header) return [];
  let list: PrismViolation[];
  try {
    list = JSON.parse(header) as PrismViolation[];
  } catch {
    return [
      {
        side: 'response',
        part: '',
        pointer: '',
        keyword: 'sl-violations',
        severity: 'error',
        message: `unreadable sl-violations header: ${header.slice(0, 200)}`,
      },
    ];
  }
  return list.map((v) => {
    const location = (v.location ?? []).map(String);
    const side = location[0] === 'request' ? 'request' : 'response';
    const part = location[1] ?? '';
    const pointer = location
      .slice(2)
      .map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)
      .join('');
    const violation: ExchangeViolation = {
      side,
      part,
      pointer,
      keyword: String(v.code ?? ''),
      severity: v.severity === 'Error' ? 'error' : 'warning',
      message: v.message ?? '',
    };
    if (side === 'response' && part === 'body') {
      const actual = valueAt(responseBody, pointer);
      if (actual !== undefined) violation.actual = actual;
    }
    return violation;
  });
}

/** The response's violations by the package's own validator: for a list Prism cut short. */
export function responseViolations(
  validator: ContractValidator,
  operationId: string,
  status: number,
  body: unknown,
  contentType: string,
): ExchangeViolation[] {
  return validator.validateResponse(operationId, status, body, contentType).map((v) => ({
    side: 'response',
    part: v.keyword === 'status' || v.keyword === 'content' ? '' : 'body',
    pointer: v.pointer,
    keyword: v.keyword,
    severity: v.keyword === 'status' && status >= 300 ? 'warning' : 'error',
    message: v.message,
    ...(v.actual === undefined ? {} : { actual: v.actual }),
  }));
}

/** An answer whose Content-Type says JSON but whose body did not parse (`reason`, from the forwarder). */
export function invalidJson(reason: string | undefined): ExchangeViolation | undefined {
  if (reason === undefined) return undefined;
  return {
    side: 'response',
    part: 'body',
    pointer: '',
    keyword: 'json',
    severity: 'error',
    message: `the body is not valid JSON (${reason})`,
  };
}
