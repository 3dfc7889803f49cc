// A valid request for each operation of the contract, made of its own
// examples: path parameters from their `example`, the body from the first
// named example of the request.
import type { Operation } from '../../src/contract/spec.js';

export interface ExampleRequest {
  method: string;
  path: string;
  body?: string;
  headers: Record<string, string>;
}

export function exampleRequest(op: Operation, headers: Record<string, string> = {}): ExampleRequest {
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const param = op.parameters.find((p) => p.in === 'path' && p.name === name);
    if (param?.example === undefined) throw new Error(`${op.operationId}: path parameter ${name} has no example`);
    return encodeURIComponent(String(param.example));
  });
  const media = op.operation.requestBody?.content['application/json'];
  const first = media ? Object.values(media.examples ?? {})[0] : undefined;
  const json = first ? { 'Content-Type': 'application/json' } : {};
  const request: ExampleRequest = { method: op.method.toUpperCase(), path, headers: { 'X-Auth-Token': 'any', ...json, ...headers } };
  if (first) request.body = JSON.stringify(first.value);
  return request;
}

export interface Answer {
  status: number;
  contentType: string;
  body: unknown;
  violations: string | null;
}

export async function send(base: string, request: ExampleRequest): Promise<Answer> {
  const res = await fetch(`${base}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    contentType,
    body: text === '' ? undefined : contentType.includes('json') ? (JSON.parse(text) as unknown) : text,
    violations: res.headers.get('sl-violations'),
  };
}
