/** The `X-RateLimit-*` headers of an API-key answer (rules §7): the limit with the least left. */
export interface RateLimit {
  /** Requests (or searches) allowed in the current one-minute window. */
  limit: number;
  /** What is left of it. */
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

function headerNumber(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** The rate-limit headers of an answer, or null when it carries none (public routes, refusals before limiting). */
export function rateLimitOf(response: Response): RateLimit | null {
  const limit = headerNumber(response.headers, 'x-ratelimit-limit');
  const remaining = headerNumber(response.headers, 'x-ratelimit-remaining');
  const resetSeconds = headerNumber(response.headers, 'x-ratelimit-reset');
  if (limit === null || remaining === null || resetSeconds === null) return null;
  return { limit, remaining, resetSeconds };
}

/**
 * `Retry-After` in milliseconds (delta-seconds or an HTTP date), or null when absent or unreadable.
 * `now` is injectable for tests.
 */
export function retryAfterMs(response: Response, now: number = Date.now()): number | null {
  const value = response.headers.get('retry-after');
  if (value === null || value.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
