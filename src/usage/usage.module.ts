import { Global, Module } from '@nestjs/common';
import { MeteringService } from './metering.service.js';
import { RateLimitService } from './rate-limit.service.js';
import { RedisService } from './redis.service.js';
import { UsageCountersRepository } from './usage-counters.repository.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';

@Global()
@Module({
  imports: [TenancyModule],
  providers: [RedisService, RateLimitService, UsageCountersRepository, MeteringService],
  exports: [RedisService, RateLimitService, MeteringService],
})
export class UsageModule {}
