export interface WindowState {
  allowed: boolean;
  /** Requests left in the window after this one (0 when refused). */
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/**
 * Fixed one-minute windows counted in this process. `consume` counts a hit against every limit
 * given and refuses (counting nothing) when any is exhausted.
 */
export class InProcessRateLimiter {
  private readonly counters = new Map<string, { window: number; count: number }>();
  private currentWindow = 0;

  consume(limits: readonly { key: string; limit: number }[], now = Date.now()): WindowState {
    const window = Math.floor(now / 60_000);
    if (window !== this.currentWindow) {
      this.currentWindow = window;
      for (const [key, counter] of this.counters) if (counter.window < window) this.counters.delete(key);
    }
    const resetSeconds = Math.ceil(((window + 1) * 60_000 - now) / 1000);
    let remaining = Infinity;
    for (const { key, limit } of limits) {
      let counter = this.counters.get(key);
      if (!counter || counter.window !== window) {
        counter = { window, count: 0 };
        this.counters.set(key, counter);
      }
      remaining = Math.min(remaining, limit - counter.count);
    }
    if (remaining <= 0) return { allowed: false, remaining: 0, resetSeconds };
    for (const { key } of limits) this.counters.get(key)!.count++;
    return { allowed: true, remaining: remaining - 1, resetSeconds };
  }
}
