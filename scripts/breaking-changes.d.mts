export interface Change {
  breaking: boolean;
  rule: string;
  location: string;
  message: string;
}
export function dereference<T>(doc: T): T;
export function diffSpecs(base: unknown, head: unknown): Change[];
export function latestRelease(releasesDir: string): string | undefined;
export function gate(options: { root: string }): {
  version: string;
  release: string;
  changes: Change[];
  breaking: Change[];
  ok: boolean;
  majorRaised: boolean;
};
