// Trove answers a request that breaks its schema with 400 (`badRequest`);
// its 422 (`unprocessableEntity`) means "the instance or backup is busy".
// Prism answers an invalid request with the operation's 422 when it has one,
// and only otherwise with its 400. So, for an invalid request, the mock is
// shown the operation without its 422, and answers with the spec's 400.
import { createRequire } from 'node:module';
import type { PrismHttpComponents } from '@stoplight/prism-http';

type Mocker = PrismHttpComponents['mock'];

// Prism's own mocker is not exported from the package's index.
const prismMock = (createRequire(import.meta.url)('@stoplight/prism-http/dist/mocker/index.js') as { default: Mocker }).default;

// Prism's codes for a missing token and a wrong content type, which keep their own answers (401, 415).
const KEEP_OWN_ANSWER = new Set<unknown>([401, 415]);
// DiagnosticSeverity.Error of @stoplight/types: the violations that make Prism refuse a request.
const ERROR = 0;

export const mockWithBadRequestAs400: Mocker = (options) => {
  const { resource, input } = options;
  const invalid = input.validations.some((v) => v.severity === ERROR && !KEEP_OWN_ANSWER.has(v.code));
  if (!invalid) return prismMock(options);
  const has400 = resource.responses.some((r) => r.code === '400');
  if (!has400 && resource.responses.some((r) => r.code === '404')) {
    return prismMock({ ...options, input: { ...input, validations: [] }, config: { ...options.config, code: 404 } });
  }
  if (!has400) return prismMock(options);
  return prismMock({ ...options, resource: { ...resource, responses: resource.responses.filter((r) => r.code !== '422') } });
};
