import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Metrics } from '../metrics/metrics.service.js';
import { ApiError } from '../common/api-error.js';
import type { KeyPrincipal } from '../common/principal.js';
import { InProcessRateLimiter, type WindowState } from './rate-limiter.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';
import { RedisService } from './redis.service.js';

/** Open search (no credential): searches per client IP per minute. */
export const OPEN_SEARCH_PER_MINUTE = 30;

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

type Limits = readonly { key: string; limit: number }[];

interface RequestLimits {
  limits: Limits;
  /** The lowest of them: what the X-RateLimit-Limit header says. */
  limit: number;
  what: string;
}

/** Sets the X-RateLimit-* headers; refuses with 429 `rate_limited` + Retry-After when the window is spent. */
function settle(
  window: WindowState,
  limit: number,
  reply: FastifyReply,
  what: string,
  refused: () => void,
): RateLimitState {
  void reply.header('x-ratelimit-limit', limit);
  void reply.header('x-ratelimit-remaining', window.remaining);
  void reply.header('x-ratelimit-reset', window.resetSeconds);
  if (!window.allowed) {
    refused();
    throw ApiError.tooMany('rate_limited', `Rate limit of ${what} exceeded.`, window.resetSeconds);
  }
  return { limit, remaining: window.remaining, resetSeconds: window.resetSeconds };
}

/**
 * rules §7 limits for API-key calls: per tenant per minute, and per key when the key has its own
 * `rate_limit`. Counted in Redis when REDIS_URL is set (one limit for all instances), otherwise in
 * this process; when Redis fails the API keeps answering on the in-process counts. Sets the
 * X-RateLimit-* headers and refuses with 429 `rate_limited` + Retry-After.
 */
@Injectable()
export class RateLimitService {
  private readonly logger = new Logger('RateLimit');
  private readonly local = new InProcessRateLimiter();
  private readonly shared: RedisRateLimiter | null;
  private lastFallbackLog = 0;
  private readonly requestLimits = new WeakMap<KeyPrincipal, RequestLimits>();

  private readonly requestRefused = () => this.metrics.rateLimitRejected('requests');
  private readonly openSearchRefused = () => this.metrics.rateLimitRejected('open_search');

  constructor(
    redis: RedisService,
    private readonly metrics: Metrics,
  ) {
    this.shared = redis.client ? new RedisRateLimiter(redis.client) : null;
  }

  /** In this process: synchronous. With Redis: a promise, falling back to this process on failure. */
  private consume(limits: Limits): WindowState | Promise<WindowState> {
    return this.shared ? this.consumeShared(this.shared, limits) : this.local.consume(limits);
  }

  private async consumeShared(shared: RedisRateLimiter, limits: Limits): Promise<WindowState> {
    try {
      return await shared.consume(limits);
    } catch (error) {
      if (Date.now() - this.lastFallbackLog > 30_000) {
        this.lastFallbackLog = Date.now();
        this.logger.warn(`Redis rate limiting failed, counting in this process: ${(error as Error).message}`);
      }
      return this.local.consume(limits);
    }
  }

  /** The request limits of a key, built once per principal (principals live in the verification cache). */
  private requestLimitsOf(principal: KeyPrincipal): RequestLimits {
    let plan = this.requestLimits.get(principal);
    if (!plan) {
      const tenantLimit = principal.limits.requestsPerMinute;
      const limits = [{ key: `rpm:t:${principal.tenantId}`, limit: tenantLimit }];
      if (principal.rateLimitRpm !== null)
        limits.push({ key: `rpm:k:${principal.keyId}`, limit: principal.rateLimitRpm });
      const limit =
        principal.rateLimitRpm !== null ? Math.min(principal.rateLimitRpm, tenantLimit) : tenantLimit;
      plan = { limits, limit, what: `${limit} requests per minute` };
      this.requestLimits.set(principal, plan);
    }
    return plan;
  }

  /** Synchronous without Redis (the guard then answers without a promise). */
  consumeRequest(principal: KeyPrincipal, reply: FastifyReply): RateLimitState | Promise<RateLimitState> {
    const { limits, limit, what } = this.requestLimitsOf(principal);
    const window = this.consume(limits);
    return window instanceof Promise
      ? window.then((w) => settle(w, limit, reply, what, this.requestRefused))
      : settle(window, limit, reply, what, this.requestRefused);
  }

  /**
   * Searches per minute (rules §7), on top of the request limit the guard already counted. The
   * X-RateLimit-* headers then describe whichever of the two limits has less left.
   */
  async consumeSearch(
    principal: KeyPrincipal,
    reply: FastifyReply,
    request?: RateLimitState,
  ): Promise<RateLimitState> {
    const limit = principal.limits.searchPerMinute;
    const window = await this.consume([{ key: `spm:t:${principal.tenantId}`, limit }]);
    if (!request || window.remaining < request.remaining || !window.allowed) {
      void reply.header('x-ratelimit-limit', limit);
      void reply.header('x-ratelimit-remaining', window.remaining);
      void reply.header('x-ratelimit-reset', window.resetSeconds);
    }
    if (!window.allowed) {
      this.metrics.rateLimitRejected('searches');
      throw ApiError.tooMany(
        'rate_limited',
        `Rate limit of ${limit} searches per minute exceeded.`,
        window.resetSeconds,
      );
    }
    return { limit, remaining: window.remaining, resetSeconds: window.resetSeconds };
  }

  private async enforce(
    limits: Limits,
    limit: number,
    reply: FastifyReply,
    what: string,
  ): Promise<RateLimitState> {
    return settle(await this.consume(limits), limit, reply, what, this.openSearchRefused);
  }

  /**
   * The per-client-IP limit of open search (`POST /open/search`, no credential): sets the
   * X-RateLimit-* headers; refuses with 429 `rate_limited` + Retry-After.
   */
  consumeOpenSearch(ip: string, reply: FastifyReply): Promise<RateLimitState> {
    const limit = OPEN_SEARCH_PER_MINUTE;
    return this.enforce(
      [{ key: `open:ip:${ip}`, limit }],
      limit,
      reply,
      `${limit} open searches per minute per client address`,
    );
  }
}
