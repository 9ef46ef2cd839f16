/**
 * Polls `probe` until it answers something other than `undefined`, `null` or `false`, and answers
 * that (so a probe may return the value it waited for). Throws `<what> not met within N ms` after
 * `timeoutMs`. For anything that happens after the request that caused it: background jobs, webhook
 * deliveries, and changes that reach a cache through the change feed (another process's NOTIFY).
 */
export async function until<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
