// Known deviations: the documented, user-supplied list of the ways a server
// is known to break the contract. A case whose every violation a listed
// deviation excuses is reported as a "known deviation" (neither pass nor
// fail); any other violation fails. The format is described in docs/check.md
// ("Known deviations") and by DEVIATIONS_SCHEMA below.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ContractValidator, formatViolation, type Violation } from '../contract/validator.js';
import { CheckInputError } from './errors.js';

export interface KnownDeviation {
  /** A short unique name, shown in the report. */
  id: string;
  /** The operationId, a list of them, or "*" for every operation. */
  operation: string | string[];
  /** The documented status the case expects. */
  status: number;
  /** Only this variant of the case (or flow step); every variant when absent. */
  variant?: string;
  /** Excuses the server answering this status instead. */
  actualStatus?: number;
  /** Excuses a body violation at this JSON pointer (a segment that is `*` matches any one segment) ... */
  pointer?: string;
  /** ... or of this JSON Schema keyword (both must match when both are given). */
  keyword?: string;
  /** Why the server does this: shown in the report. */
  reason: string;
}

export interface DeviationList {
  description?: string;
  deviations: KnownDeviation[];
}

const DEVIATIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['deviations'],
  properties: {
    $schema: { type: 'string' },
    description: { type: 'string' },
    deviations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'operation', 'status', 'reason'],
        anyOf: [{ required: ['actualStatus'] }, { required: ['pointer'] }, { required: ['keyword'] }],
        properties: {
          id: { type: 'string', minLength: 1 },
          operation: {
            anyOf: [
              { type: 'string', minLength: 1 },
              { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
            ],
          },
          status: { type: 'integer', minimum: 100, maximum: 599 },
          variant: { type: 'string', minLength: 1 },
          actualStatus: { type: 'integer', minimum: 100, maximum: 599 },
          pointer: { type: 'string', pattern: '^(/.*)?$' },
          keyword: { type: 'string', minLength: 1 },
          reason: { type: 'string', minLength: 1 },
        },
      },
    },
  },
};

/** The lists that ship with the package, by name (`--known-deviations trove-18`, `trove-23`, `trove-26`). */
export const BUNDLED_DEVIATIONS: Record<string, string> = {
  'trove-18': fileURLToPath(new URL('./known-deviations/trove-18.json', import.meta.url)),
  'trove-23': fileURLToPath(new URL('./known-deviations/trove-23.json', import.meta.url)),
  'trove-26': fileURLToPath(new URL('./known-deviations/trove-26.json', import.meta.url)),
  'trove-18-keystone': fileURLToPath(new URL('./known-deviations/trove-18-keystone.json', import.meta.url)),
};

export function resolveDeviationsFile(nameOrPath: string): string {
  return BUNDLED_DEVIATIONS[nameOrPath] ?? nameOrPath;
}

/** Reads and checks a deviations file; a bad file is the user's mistake (CheckInputError). */
export function loadDeviations(nameOrPath: string, validator: ContractValidator): DeviationList {
  const file = resolveDeviationsFile(nameOrPath);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CheckInputError(`cannot read the known-deviations file ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CheckInputError(`the known-deviations file ${file} is not JSON: ${(err as Error).message}`);
  }
  const problems = validator.validateSchema(DEVIATIONS_SCHEMA, data);
  if (problems.length > 0) {
    throw new CheckInputError(
      `the known-deviations file ${file} is not valid:\n${problems.map((p) => `  ${formatViolation(p)}`).join('\n')}`,
    );
  }
  const list = data as DeviationList;
  const operations = new Set(validator.operations.map((o) => o.operationId));
  const seen = new Set<string>();
  for (const d of list.deviations) {
    if (seen.has(d.id)) throw new CheckInputError(`the known-deviations file ${file} names "${d.id}" twice`);
    seen.add(d.id);
    for (const op of [d.operation].flat()) {
      if (op !== '*' && !operations.has(op)) {
        throw new CheckInputError(
          `the known deviation "${d.id}" names the operation "${op}", which is not in the contract (${[...operations].join(', ')})`,
        );
      }
    }
  }
  return list;
}

export interface CaseKey {
  operation: string;
  status?: number;
  variant?: string;
}

function appliesTo(d: KnownDeviation, key: CaseKey): boolean {
  const ops = [d.operation].flat();
  return (
    (ops.includes('*') || ops.includes(key.operation)) && d.status === key.status && (d.variant === undefined || d.variant === key.variant)
  );
}

function excuses(d: KnownDeviation, v: Violation): boolean {
  if (v.keyword === 'status') return d.actualStatus !== undefined && d.actualStatus === v.actual;
  if (d.pointer === undefined && d.keyword === undefined) return false;
  return (d.pointer === undefined || pointerMatches(d.pointer, v.pointer)) && (d.keyword === undefined || d.keyword === v.keyword);
}

/** A pointer pattern matches a pointer segment by segment; `*` matches any one segment. */
export function pointerMatches(pattern: string, pointer: string): boolean {
  const want = pattern.split('/');
  const have = pointer.split('/');
  return want.length === have.length && want.every((segment, i) => segment === '*' || segment === have[i]);
}

/**
 * The deviation that excuses every violation of a case, if one does. One
 * deviation must cover them all: two unrelated known bugs in one answer
 * would be a coincidence worth a look.
 */
export function findDeviation(list: DeviationList | undefined, key: CaseKey, violations: Violation[]): KnownDeviation | undefined {
  if (!list || violations.length === 0) return undefined;
  return list.deviations.find((d) => appliesTo(d, key) && violations.every((v) => excuses(d, v)));
}
