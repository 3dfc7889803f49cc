export function redocly(args: string[], options?: { quiet?: boolean; cwd?: string }): Promise<{ code: number; output: string }>;
