// Judges one response against the contract: the status the case expects,
// then the body against the full JSON Schema of the status the server really
// gave (so that a 500 instead of a 400 is one violation, not a cascade of
// schema errors about the wrong envelope). All schema work is the
// ContractValidator's.
import type { ContractValidator, Violation } from '../contract/validator.js';
import { parseJsonBody, type ResponseData } from './http.js';

export function judgeResponse(
  validator: ContractValidator,
  operationId: string,
  expectedStatus: number | undefined,
  response: ResponseData,
): Violation[] {
  const violations: Violation[] = [];
  const { responses } = validator.operation(operationId).operation;
  const documented = responses[String(response.status)] !== undefined;
  if (expectedStatus !== undefined && response.status !== expectedStatus) {
    violations.push({
      pointer: '',
      keyword: 'status',
      message: documented
        ? `answered ${response.status} where ${expectedStatus} was expected`
        : `answered ${response.status}, which is not documented for ${operationId}, where ${expectedStatus} was expected`,
      expected: expectedStatus,
      actual: response.status,
    });
  }
  if (!documented) {
    if (expectedStatus === undefined) {
      violations.push({
        pointer: '',
        keyword: 'status',
        message: `answered ${response.status}, which is not documented for ${operationId}`,
        expected: Object.keys(responses).map(Number),
        actual: response.status,
      });
    }
    return violations;
  }
  const contentType = response.headers['content-type'];
  const body = parseJsonBody(response);
  if (response.text !== '' && body === undefined && isJson(contentType)) {
    violations.push({
      pointer: '',
      keyword: 'content',
      message: 'the body is not valid JSON',
      expected: 'a JSON body',
      actual: clip(response.text),
    });
    return violations;
  }
  const hasContent = responses[String(response.status)]?.content !== undefined;
  if (hasContent && response.text === '') {
    violations.push({
      pointer: '',
      keyword: 'content',
      message: `a ${response.status} of ${operationId} has a body`,
      expected: 'a JSON body',
      actual: '',
    });
    return violations;
  }
  if (hasContent && contentType === undefined) {
    violations.push({ pointer: '', keyword: 'content', message: 'the response has no Content-Type header', expected: 'application/json' });
  }
  const value = body ?? (response.text === '' ? undefined : clip(response.text));
  violations.push(...validator.validateResponse(operationId, response.status, value, contentType ?? 'application/json'));
  return violations;
}

function isJson(contentType: string | undefined): boolean {
  return contentType === undefined || /[/+]json\b/i.test(contentType);
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
