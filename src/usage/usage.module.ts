import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { WebhookEndpointsModule } from '../webhook-endpoints/webhook-endpoints.module.js';
import { MeteringService } from './metering.service.js';
import { RateLimitService } from './rate-limit.service.js';
import { RedisService } from './redis.service.js';
import { UsageCountersRepository } from './usage-counters.repository.js';

/** Plans' limits at run time: rate limits (Redis or memory) and the metering counters. */
@Module({
  imports: [TenancyModule, WebhookEndpointsModule],
  providers: [RedisService, RateLimitService, UsageCountersRepository, MeteringService],
  exports: [RedisService, RateLimitService, MeteringService],
})
export class UsageModule {}
