import { Global, Module } from '@nestjs/common';
import { KeyUsageService } from './key-usage.service.js';
import { MilestonesService } from './milestones.service.js';

/**
 * Global: the auth guard records per-key usage into KeyUsageService's in-memory buffer on every
 * API-key request; the key views read it back. Keys and collections record quickstart milestones.
 */
@Global()
@Module({ providers: [KeyUsageService, MilestonesService], exports: [KeyUsageService, MilestonesService] })
export class AnalyticsModule {}
