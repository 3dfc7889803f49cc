/** A configuration of the reference server that cannot be used; `problems` says where and why. */
export class ReferenceConfigError extends Error {
  override name = 'ReferenceConfigError';
  readonly problems: string[];

  constructor(source: string, problems: string[]) {
    super(`invalid reference server configuration (${source}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}
