import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitService } from '../usage/rate-limit.service.js';

/** Open search has no credential: it is limited per client IP instead (rules §5). */
@Injectable()
export class OpenSearchRateLimitGuard implements CanActivate {
  constructor(private readonly rateLimits: RateLimitService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    await this.rateLimits.consumeOpenSearch(
      http.getRequest<FastifyRequest>().ip,
      http.getResponse<FastifyReply>(),
    );
    return true;
  }
}
