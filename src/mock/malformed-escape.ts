// Prism's input validator reads path parameters with decodeURIComponent and
// no try: a malformed percent-escape (`/backups/%ZZ`) throws a URIError out
// of Prism's request pipeline, which leaves the request without an answer
// and the process with an unhandled rejection (the CLI then exits). Wrapped,
// the escape is one more violation of the request, answered like the others.
import { createRequire } from 'node:module';
import type { PrismHttpComponents } from '@stoplight/prism-http';

type ValidateInput = PrismHttpComponents['validateInput'];
// Prism's own validator is not exported from the package's index.
const { validateInput } = createRequire(import.meta.url)('@stoplight/prism-http/dist/validator/index.js') as {
  validateInput: ValidateInput;
};
// DiagnosticSeverity.Error of @stoplight/types.
const ERROR = 0;

export const validateInputSafely: ValidateInput = (options) => {
  try {
    return validateInput(options);
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
    // fp-ts's Left, as Prism's own validators return it.
    return {
      _tag: 'Left',
      left: [{ path: ['path'], code: 'format', message: 'has a malformed percent-escape (%XX)', severity: ERROR }],
    } as unknown as ReturnType<ValidateInput>;
  }
};
