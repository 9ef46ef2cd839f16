import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { WebhookEndpointsModule } from '../webhook-endpoints/webhook-endpoints.module.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepositoriesModule } from './api-keys-repositories.module.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthKeysController } from './auth-keys.controller.js';
import { KeyExpiryNotices } from './key-expiry.scheduler.js';
import { KeyRotationScheduler } from './key-rotation.scheduler.js';
import { KeyRotationService } from './key-rotation.service.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';
import { RotationWebhookService } from './rotation-webhooks.service.js';
import { WebhookSettingsController } from './webhook-settings.controller.js';
import { WebhookSettingsService } from './webhook-settings.service.js';
import { WebhookUrlGuard } from '../webhook-endpoints/webhook-url-guard.js';

/** API keys, projects and environments, rotation (manual and scheduled) and its signed webhooks, expiry notices. */
@Module({
  imports: [TenancyModule, ApiKeysRepositoriesModule, WebhookEndpointsModule],
  controllers: [AuthKeysController, ApiKeysController, ProjectsController, WebhookSettingsController],
  providers: [
    ProjectsService,
    ApiKeysService,
    KeyRotationService,
    KeyRotationScheduler,
    KeyExpiryNotices,
    RotationWebhookService,
    WebhookUrlGuard,
    WebhookSettingsService,
  ],
  exports: [ProjectsService, ApiKeysService],
})
export class ApiKeysModule {}
