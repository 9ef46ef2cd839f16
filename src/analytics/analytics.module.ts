import { Global, Module } from '@nestjs/common';
import { ApiKeysRepositoriesModule } from '../api-keys/api-keys-repositories.module.js';
import { KeyDailyUsageRepository } from '../api-keys/key-daily-usage.repository.js';
import { KeyUsageService } from '../api-keys/key-usage.service.js';
import { MilestonesRepository } from '../tenancy/milestones.repository.js';
import { MilestonesService } from '../tenancy/milestones.service.js';

/**
 * Global: the auth guard records per-key usage into KeyUsageService's in-memory buffer on every
 * API-key request; the key views read it back. Keys and collections record quickstart milestones.
 */
@Global()
@Module({
  imports: [ApiKeysRepositoriesModule],
  providers: [KeyDailyUsageRepository, KeyUsageService, MilestonesRepository, MilestonesService],
  exports: [KeyUsageService, MilestonesService],
})
export class AnalyticsModule {}
