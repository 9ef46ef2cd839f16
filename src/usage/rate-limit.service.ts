import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../common/api-error.js';
import type { KeyPrincipal } from '../common/principal.js';
import { InProcessRateLimiter } from './rate-limiter.js';

/** Open search (no credential): searches per client IP per minute. */
export const OPEN_SEARCH_PER_MINUTE = 30;

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * SPEC §7 request limits for API-key calls: per tenant per minute, and per key when the key has its
 * own `rate_limit`. Sets the X-RateLimit-* headers; refuses with 429 `rate_limited` + Retry-After.
 */
@Injectable()
export class RateLimitService {
  private readonly local = new InProcessRateLimiter();

  consumeRequest(principal: KeyPrincipal, reply: FastifyReply): RateLimitState {
    const tenantLimit = principal.limits.requestsPerMinute;
    const limits = [{ key: `rpm:t:${principal.tenantId}`, limit: tenantLimit }];
    if (principal.rateLimitRpm !== null)
      limits.push({ key: `rpm:k:${principal.keyId}`, limit: principal.rateLimitRpm });
    const window = this.local.consume(limits);
    const limit =
      principal.rateLimitRpm !== null ? Math.min(principal.rateLimitRpm, tenantLimit) : tenantLimit;
    reply.header('x-ratelimit-limit', limit);
    reply.header('x-ratelimit-remaining', window.remaining);
    reply.header('x-ratelimit-reset', window.resetSeconds);
    if (!window.allowed) {
      throw ApiError.tooMany(
        'rate_limited',
        `Rate limit of ${limit} requests per minute exceeded.`,
        window.resetSeconds,
      );
    }
    return { limit, remaining: window.remaining, resetSeconds: window.resetSeconds };
  }

  /**
   * The per-client-IP limit of open search (`POST /open/search`, no credential): sets the
   * X-RateLimit-* headers; refuses with 429 `rate_limited` + Retry-After.
   */
  consumeOpenSearch(ip: string, reply: FastifyReply): RateLimitState {
    const limit = OPEN_SEARCH_PER_MINUTE;
    const window = this.local.consume([{ key: `open:ip:${ip}`, limit }]);
    reply.header('x-ratelimit-limit', limit);
    reply.header('x-ratelimit-remaining', window.remaining);
    reply.header('x-ratelimit-reset', window.resetSeconds);
    if (!window.allowed) {
      throw ApiError.tooMany(
        'rate_limited',
        `Open search allows ${limit} searches per minute per client address.`,
        window.resetSeconds,
      );
    }
    return { limit, remaining: window.remaining, resetSeconds: window.resetSeconds };
  }
}
