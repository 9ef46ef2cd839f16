import { retryAfterMs } from './rate-limit.js';

/**
 * Retries of `429 Too Many Requests` and `503 Service Unavailable` (rules §0: both carry `Retry-After`).
 * Bounded in count and in time; only for calls that are safe to send twice unless asked.
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). 0 turns retrying off. */
  retries?: number;
  /**
   * Longest wait before one retry, in ms (default 30,000). An answer asking for longer (a monthly quota
   * with `Retry-After` until next month) is returned as it is instead of waited for.
   */
  maxDelayMs?: number;
  /** First wait when the answer has no `Retry-After`, doubled per retry, with jitter (default 500). */
  baseDelayMs?: number;
  /**
   * Retry calls that are not idempotent too (POST, PATCH other than searches): a 429 is refused before
   * anything happens, but a 503 may come after part of the work. Default false.
   */
  nonIdempotent?: boolean;
  /** Waits `ms` (tests inject a clock). Rejects when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal | null) => Promise<void>;
  /** [0, 1) for the jitter of waits without `Retry-After` (tests inject it). */
  random?: () => number;
}

/**
 * Per call, as an extra option of any openapi-fetch call: `cistern.POST(path, { body, retry: true })`.
 * `true` retries this call whatever its method, `false` never, an object overrides the client's options.
 * (openapi-fetch copies unknown call options onto the Request, where the retrying fetch reads it.)
 */
export type RetryOption = boolean | RetryOptions;

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/**
 * POSTs that are reads: a search changes nothing but the search counter, and a refused (429) or failed
 * search is not counted (rules §7).
 */
const READ_POSTS = [
  /\/api\/v1\/search\/[^/]+$/,
  /\/api\/v1\/portal\/search\/[^/]+$/,
  /\/api\/v1\/open\/search$/,
];

export const RETRY_DEFAULTS = {
  retries: 3,
  maxDelayMs: 30_000,
  baseDelayMs: 500,
  nonIdempotent: false,
} as const;

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The operation was aborted.', 'AbortError');
}

export function defaultSleep(ms: number, signal: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Whether this request may be sent again by default. */
export function isRetryable(request: Request): boolean {
  if (IDEMPOTENT.has(request.method)) return true;
  if (request.method !== 'POST') return false;
  const path = new URL(request.url).pathname;
  return READ_POSTS.some((pattern) => pattern.test(path));
}

type Fetch = (request: Request) => Promise<Response>;

/**
 * A fetch that retries 429 and 503 answers: after `Retry-After` when the answer gives one (never
 * longer than `maxDelayMs`), else after an exponential backoff with full jitter. Each retry sends a
 * copy of the original request (bodies are replayed).
 */
export function retryingFetch(fetchImpl: Fetch, clientOptions: RetryOptions | false = {}): Fetch {
  return async (request) => {
    const perCall = (request as Request & { retry?: RetryOption }).retry;
    if (perCall === false || clientOptions === false) return fetchImpl(request);
    const options = { ...RETRY_DEFAULTS, ...clientOptions, ...(typeof perCall === 'object' ? perCall : {}) };
    const allowed = perCall === true || options.nonIdempotent || isRetryable(request);
    if (!allowed || options.retries <= 0) return fetchImpl(request);
    const sleep = options.sleep ?? defaultSleep;
    const random = options.random ?? Math.random;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= options.retries;
      const response = await fetchImpl(last ? request : request.clone());
      if (last || (response.status !== 429 && response.status !== 503)) return response;
      const asked = retryAfterMs(response);
      const wait = asked !== null ? asked : Math.floor(random() * options.baseDelayMs * 2 ** attempt);
      if (wait > options.maxDelayMs) return response;
      await response.body?.cancel().catch(() => undefined);
      await sleep(wait, request.signal);
    }
  };
}
