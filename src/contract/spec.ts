// The bundled contract, loaded from generated/ (the single source for every
// runtime part: validators, the check, the mock and the reference server).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package's root folder (this file is src/contract/ or dist/contract/). */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

export const specFiles = {
  yaml: fileURLToPath(new URL('../../generated/openapi.yaml', import.meta.url)),
  json: fileURLToPath(new URL('../../generated/openapi.json', import.meta.url)),
  dereferenced: fileURLToPath(new URL('../../generated/openapi.dereferenced.json', import.meta.url)),
} as const;

export type JsonSchema = Record<string, unknown>;

export interface MediaTypeObject {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value?: unknown }>;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
  example?: unknown;
  [extension: `x-${string}`]: unknown;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject>;
  [extension: `x-${string}`]: unknown;
}

export interface PathItemObject {
  parameters?: ParameterObject[];
  [method: string]: unknown;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  security?: Record<string, string[]>[];
  paths: Record<string, PathItemObject>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One operation of the spec, with its path-level parameters merged in. */
export interface Operation {
  operationId: string;
  method: HttpMethod;
  path: string;
  parameters: ParameterObject[];
  operation: OperationObject;
}

let cached: OpenApiDocument | undefined;

/** The dereferenced bundle: every $ref is inlined, ready for a JSON Schema validator. */
export function loadDereferencedSpec(): OpenApiDocument {
  cached ??= JSON.parse(readFileSync(specFiles.dereferenced, 'utf8')) as OpenApiDocument;
  return cached;
}

export function listOperations(doc: OpenApiDocument = loadDereferencedSpec()): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      const own = operation.parameters ?? [];
      const inherited = (item.parameters ?? []).filter((p) => !own.some((o) => o.name === p.name && o.in === p.in));
      operations.push({ operationId: operation.operationId, method, path, parameters: [...inherited, ...own], operation });
    }
  }
  return operations;
}
