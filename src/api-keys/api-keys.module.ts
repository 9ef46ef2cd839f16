import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from './api-key.entity.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthKeysController } from './auth-keys.controller.js';
import { Environment } from './environment.entity.js';
import { KeyRotationScheduler } from './key-rotation.scheduler.js';
import { KeyRotationService } from './key-rotation.service.js';
import { Project } from './project.entity.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';
import { RotationWebhookService } from './rotation-webhooks.service.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookSettingsController } from './webhook-settings.controller.js';
import { WebhookSettingsService } from './webhook-settings.service.js';
import { WebhookUrlGuard } from './webhook-url-guard.js';

/** API keys, projects and environments, rotation (manual and scheduled) and its signed webhooks. */
@Module({
  imports: [TypeOrmModule.forFeature([Project, Environment, ApiKey, WebhookDelivery])],
  controllers: [AuthKeysController, ApiKeysController, ProjectsController, WebhookSettingsController],
  providers: [
    ProjectsService,
    ApiKeysRepository,
    ApiKeysService,
    KeyRotationService,
    KeyRotationScheduler,
    RotationWebhookService,
    WebhookUrlGuard,
    WebhookSettingsService,
  ],
  exports: [ProjectsService, ApiKeysService],
})
export class ApiKeysModule {}
