// Polls until a condition holds or time runs out. The interval grows from
// 50 ms to 1 s: quick against a fast server, and gentle with a real one
// (Trove rate-limits to 200 requests a minute per method by default).
export async function pollUntil<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  let interval = 50;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() + interval > until) return undefined;
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(1000, Math.round(interval * 1.5));
  }
}
