import type { Redis } from 'ioredis';
import type { WindowState } from './rate-limiter.js';

/**
 * Fixed one-minute windows counted in Redis, shared by every instance. One script checks every
 * limit and counts the hit against all of them atomically (or counts nothing when one is exhausted).
 */
const SCRIPT = `
local remaining = nil
for i = 1, #KEYS do
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  local left = tonumber(ARGV[i + 1]) - used
  if remaining == nil or left < remaining then remaining = left end
end
if remaining <= 0 then return {0, 0} end
for i = 1, #KEYS do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
end
return {1, remaining - 1}`;

export class RedisRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'cistern:rl',
  ) {
    redis.defineCommand('cisternConsume', { lua: SCRIPT });
  }

  async consume(limits: readonly { key: string; limit: number }[], now = Date.now()): Promise<WindowState> {
    const window = Math.floor(now / 60_000);
    const keys = limits.map((l) => `${this.prefix}:${window}:${l.key}`);
    const client = this.redis as Redis & {
      cisternConsume(n: number, ...args: (string | number)[]): Promise<[number, number]>;
    };
    const [allowed, remaining] = await client.cisternConsume(
      keys.length,
      ...keys,
      61_000,
      ...limits.map((l) => l.limit),
    );
    return {
      allowed: allowed === 1,
      remaining,
      resetSeconds: Math.ceil(((window + 1) * 60_000 - now) / 1000),
    };
  }
}
