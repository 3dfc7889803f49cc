// Validates bodies and parameters against the contract with Ajv, straight
// from the dereferenced spec (so there is no second, hand-written schema).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import {
  type JsonSchema,
  listOperations,
  loadDereferencedSpec,
  type OpenApiDocument,
  type Operation,
  type ParameterObject,
} from './spec.js';

/** One way in which a value breaks the contract. */
export interface Violation {
  /** JSON pointer into the validated value; '' is the value itself. */
  pointer: string;
  /** The JSON Schema keyword that failed (`type`, `enum`, `required`, ...), or `status` / `content`. */
  keyword: string;
  message: string;
  /** What the contract expects there, when it can be said briefly. */
  expected?: unknown;
  /** What the value has there (undefined when absent). */
  actual?: unknown;
  /** The failed keyword's own parameters, as Ajv gives them (`pattern`, `limit`, `allowedValues`, ...). */
  params?: Record<string, unknown>;
}

// Keywords of OpenAPI that are annotations, not assertions.
const ANNOTATIONS = [
  'example',
  'x-trove-since',
  'x-trove-until',
  'x-trove-commit',
  'x-trove-changes',
  'xml',
  'externalDocs',
  'discriminator',
];

export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true });
  for (const keyword of ANNOTATIONS) ajv.addKeyword({ keyword });
  return ajv;
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function expectedOf(error: ErrorObject): unknown {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return p.allowedValues;
    case 'type':
      return error.parentSchema?.nullable === true ? `${String(p.type)} or null` : p.type;
    case 'pattern':
      return `a string matching ${String(p.pattern)}`;
    case 'required':
      return `property "${String(p.missingProperty)}"`;
    case 'additionalProperties':
      return `no property "${String(p.additionalProperty)}"`;
    default:
      return p.limit ?? p.allowedValue ?? undefined;
  }
}

function messageOf(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `has the undocumented property "${String(p.additionalProperty)}"`;
  if (error.keyword === 'type') return `must be ${String(expectedOf(error))}`;
  return error.message ?? error.keyword;
}

export function toViolations(errors: ErrorObject[] | null | undefined, value: unknown): Violation[] {
  return (errors ?? []).map((error) => {
    const p = error.params as Record<string, unknown>;
    let pointer = error.instancePath;
    if (error.keyword === 'required') pointer += `/${String(p.missingProperty)}`;
    if (error.keyword === 'additionalProperties') pointer += `/${String(p.additionalProperty)}`;
    const violation: Violation = {
      pointer,
      keyword: error.keyword,
      message: messageOf(error),
      expected: expectedOf(error),
      params: p,
    };
    const actual = error.keyword === 'required' ? undefined : valueAt(value, pointer);
    if (actual !== undefined) violation.actual = actual;
    return violation;
  });
}

export function formatViolation(v: Violation): string {
  const at = v.pointer === '' ? '(body)' : v.pointer;
  const parts = [`${at}: ${v.message}`];
  if (v.expected !== undefined) parts.push(`expected ${JSON.stringify(v.expected)}`);
  if (v.actual !== undefined) parts.push(`actual ${JSON.stringify(v.actual)}`);
  return parts.join('; ');
}

interface TemplateMatcher {
  regex: RegExp;
  names: string[];
  operation: Operation;
}

export class ContractValidator {
  readonly doc: OpenApiDocument;
  readonly operations: Operation[];
  readonly #ajv = createAjv();
  readonly #compiled = new WeakMap<object, ValidateFunction>();
  readonly #matchers: TemplateMatcher[];

  constructor(doc: OpenApiDocument = loadDereferencedSpec()) {
    this.doc = doc;
    this.operations = listOperations(doc);
    // Literal segments first, so that a fixed path wins over a template.
    this.#matchers = this.operations
      .map((operation) => {
        const names: string[] = [];
        const source = operation.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{([^}]+)\\\}/g, (_m, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
        return { regex: new RegExp(`^${source}/?$`), names, operation };
      })
      .sort((a, b) => a.names.length - b.names.length);
  }

  operation(operationId: string): Operation {
    const found = this.operations.find((o) => o.operationId === operationId);
    if (!found) throw new Error(`no operation "${operationId}" in the contract`);
    return found;
  }

  /** The operation that serves this method and URL path, with its path parameters. */
  match(method: string, pathname: string): { operation: Operation; params: Record<string, string> } | undefined {
    const lower = method.toLowerCase();
    for (const m of this.#matchers) {
      if (m.operation.method !== lower) continue;
      const found = m.regex.exec(pathname);
      if (!found) continue;
      const params: Record<string, string> = {};
      m.names.forEach((name, i) => {
        params[name] = decodeSegment(found[i + 1] ?? '');
      });
      return { operation: m.operation, params };
    }
    return undefined;
  }

  validateSchema(schema: JsonSchema, value: unknown): Violation[] {
    let validate = this.#compiled.get(schema);
    if (!validate) {
      validate = this.#ajv.compile(schema);
      this.#compiled.set(schema, validate);
    }
    return validate(value) ? [] : toViolations(validate.errors, value);
  }

  /** Checks a response: its status is documented, and its body matches that status's schema. */
  validateResponse(operationId: string, status: number, body: unknown, contentType = 'application/json'): Violation[] {
    const { operation } = this.operation(operationId);
    const response = operation.responses[String(status)];
    if (!response) {
      return [
        {
          pointer: '',
          keyword: 'status',
          message: `status ${status} is not documented for ${operationId}`,
          expected: Object.keys(operation.responses).map(Number),
          actual: status,
        },
      ];
    }
    if (!response.content) {
      const empty = body === undefined || body === null || body === '';
      return empty
        ? []
        : [
            {
              pointer: '',
              keyword: 'content',
              message: `a ${status} of ${operationId} has no body`,
              expected: 'an empty body',
              actual: body,
            },
          ];
    }
    const media = response.content[contentType.split(';')[0]!.trim()];
    if (!media?.schema) {
      return [
        {
          pointer: '',
          keyword: 'content',
          message: `content type ${contentType} is not documented for ${status}`,
          expected: Object.keys(response.content),
          actual: contentType,
        },
      ];
    }
    return this.validateSchema(media.schema, body);
  }

  /** Checks a request body against the operation's request schema. */
  validateRequestBody(operationId: string, body: unknown): Violation[] {
    const { operation } = this.operation(operationId);
    const schema = operation.requestBody?.content['application/json']?.schema;
    if (!schema) throw new Error(`${operationId} takes no request body`);
    return this.validateSchema(schema, body);
  }

  /**
   * Checks path and query parameters (as the strings they arrive as), with
   * the types the spec gives them. Unknown query parameters are ignored, as
   * Trove does.
   */
  validateParameters(operationId: string, values: { path?: Record<string, string>; query?: URLSearchParams }): Violation[] {
    const { parameters } = this.operation(operationId);
    const violations: Violation[] = [];
    for (const p of parameters) {
      const raw = p.in === 'path' ? values.path?.[p.name] : p.in === 'query' ? (values.query?.get(p.name) ?? undefined) : undefined;
      const pointer = `/${p.in}/${p.name}`;
      if (raw === undefined) {
        if (p.required) violations.push({ pointer, keyword: 'required', message: `the ${p.in} parameter ${p.name} is required` });
        continue;
      }
      const value = coerce(p, raw);
      for (const v of this.validateSchema(p.schema ?? {}, value)) {
        violations.push({ ...v, pointer: pointer + v.pointer, message: `${p.in} parameter ${p.name} ${v.message}`, actual: raw });
      }
    }
    return violations;
  }
}

// A segment with broken percent-encoding is kept as sent: it names nothing,
// which the operation answers (404), rather than a crash of the caller.
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function coerce(p: ParameterObject, raw: string): unknown {
  const type = p.schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}
