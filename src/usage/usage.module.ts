import { Global, Module } from '@nestjs/common';
import { MeteringService } from './metering.service.js';
import { RateLimitService } from './rate-limit.service.js';

@Global()
@Module({ providers: [RateLimitService, MeteringService], exports: [RateLimitService, MeteringService] })
export class UsageModule {}
