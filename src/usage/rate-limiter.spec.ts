import { describe, expect, it } from '@jest/globals';
import { InProcessRateLimiter } from './rate-limiter.js';

describe('InProcessRateLimiter', () => {
  const t0 = 60_000 * 28_333_334 + 40_000; // 40 s into a minute

  it('allows up to the limit in a window, then refuses', () => {
    const limiter = new InProcessRateLimiter();
    const results = Array.from({ length: 4 }, () => limiter.consume([{ key: 't', limit: 3 }], t0));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3].resetSeconds).toBe(20);
  });

  it('starts a fresh window each minute', () => {
    const limiter = new InProcessRateLimiter();
    limiter.consume([{ key: 't', limit: 1 }], t0);
    expect(limiter.consume([{ key: 't', limit: 1 }], t0).allowed).toBe(false);
    expect(limiter.consume([{ key: 't', limit: 1 }], t0 + 20_000).allowed).toBe(true);
  });

  it('answers the tightest of several limits and counts nothing when refused', () => {
    const limiter = new InProcessRateLimiter();
    const both = [
      { key: 'tenant', limit: 5 },
      { key: 'key', limit: 2 },
    ];
    expect(limiter.consume(both, t0).remaining).toBe(1);
    expect(limiter.consume(both, t0).remaining).toBe(0);
    expect(limiter.consume(both, t0).allowed).toBe(false);
    // the refused hit did not count against the tenant: 3 left of 5
    expect(limiter.consume([{ key: 'tenant', limit: 5 }], t0).remaining).toBe(2);
  });
});
