// The parts of a Dredd 14 transaction that the check reads and rewrites
// (Dredd ships no types). See toolchain-notes §8: with OpenAPI 3, Dredd makes
// one transaction per documented status, all with the same example request.
export interface DreddTransaction {
  name: string;
  origin: { resourceName: string; actionName: string; exampleName: string };
  request: { method: string; uri: string; headers: Record<string, string>; body: string };
  expected: { statusCode?: string; headers?: Record<string, string>; body?: string; bodySchema?: unknown };
  fullPath: string;
  skip?: boolean;
  fail?: boolean | string;
  real?: { statusCode: number; headers: Record<string, string>; body?: string };
}
