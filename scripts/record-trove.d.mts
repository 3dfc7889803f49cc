export const PROJECT: string;
export const OTHER_PROJECT: string;
export const INSTANCE: string;
export const OTHER_INSTANCE: string;
export const SEED: { full: string; incremental: string; failed: string; legacy: string; deletable: string };
export interface RecordedExchange {
  name: string;
  request: { method: string; path: string; headers: Record<string, string>; body?: unknown };
  response: { status: number; headers: Record<string, string | null>; body: unknown };
}
export function recordAll(base: string, options?: { release?: string }): AsyncGenerator<RecordedExchange>;
