import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../common/principal.js';
import { RateLimitService } from '../usage/rate-limit.service.js';

/** API-key searches count against the tenant's searches per minute too (rules §7); runs after the auth guard. */
@Injectable()
export class SearchRateLimitGuard implements CanActivate {
  constructor(private readonly rateLimits: RateLimitService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    if (request.principal?.type === 'api_key') {
      await this.rateLimits.consumeSearch(
        request.principal,
        http.getResponse<FastifyReply>(),
        request.rateLimit,
      );
    }
    return true;
  }
}
