import { Module } from '@nestjs/common';
import { ApiKeysRepository } from './api-keys.repository.js';
import { KeyDailyUsageRepository } from './key-daily-usage.repository.js';
import { KeyUsageService } from './key-usage.service.js';
import { ProjectsRepository } from './projects.repository.js';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository.js';

/**
 * The repositories of api_keys, projects, environments, rotation webhook deliveries and per-key daily
 * usage, and the per-key usage buffer over them, without the key services: key verification and the
 * auth guard (which records each API-key request's usage) use them without depending on the key
 * services. One KeyUsageService per application: its in-memory buffer is what the key views read back.
 */
@Module({
  providers: [
    ApiKeysRepository,
    ProjectsRepository,
    WebhookDeliveriesRepository,
    KeyDailyUsageRepository,
    KeyUsageService,
  ],
  exports: [ApiKeysRepository, ProjectsRepository, WebhookDeliveriesRepository, KeyUsageService],
})
export class ApiKeysRepositoriesModule {}
