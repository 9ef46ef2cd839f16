import { Module } from '@nestjs/common';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ProjectsRepository } from './projects.repository.js';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository.js';

/**
 * The repositories of api_keys, projects, environments and rotation webhook deliveries, without the
 * services: key verification (auth), per-key usage (analytics) and expiry notices (webhook-endpoints)
 * read and write keys without depending on the key services that depend on them.
 */
@Module({
  providers: [ApiKeysRepository, ProjectsRepository, WebhookDeliveriesRepository],
  exports: [ApiKeysRepository, ProjectsRepository, WebhookDeliveriesRepository],
})
export class ApiKeysRepositoriesModule {}
