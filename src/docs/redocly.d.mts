export function redocly(
  args: string[],
  options?: { quiet?: boolean; cwd?: string; signal?: AbortSignal },
): Promise<{ code: number; output: string }>;
