import { Global, Module } from '@nestjs/common';
import { MeteringService } from './metering.service.js';
import { RateLimitService } from './rate-limit.service.js';
import { RedisService } from './redis.service.js';

@Global()
@Module({
  providers: [RedisService, RateLimitService, MeteringService],
  exports: [RedisService, RateLimitService, MeteringService],
})
export class UsageModule {}
