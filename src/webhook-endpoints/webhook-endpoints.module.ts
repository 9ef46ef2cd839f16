import { Module, type OnModuleInit } from '@nestjs/common';
import { WebhookUrlGuard } from './webhook-url-guard.js';
import {
  EVENT_MARK_RETENTION_DAYS,
  RetentionService,
  WEBHOOK_DELIVERY_RETENTION_DAYS,
} from '../jobs/retention.service.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { EventDeliveriesRepository } from './event-deliveries.repository.js';
import { EventMarksRepository } from './event-marks.repository.js';
import { EventDeliveryWorker } from './event-delivery.worker.js';
import { TenantEvents } from './tenant-events.service.js';
import { UsageThresholds } from './usage-thresholds.service.js';
import { WebhookEndpointsController } from './webhook-endpoints.controller.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

const DAY_MS = 86_400_000;

/**
 * Tenant event webhooks (rules §11): uploads, metering, the record quota and keys (rotation, expiry
 * notices) emit events through TenantEvents / UsageThresholds inside their own transactions. Also the
 * webhook plumbing they share with the key rotation webhooks (signing, the URL guard, the HTTP post).
 */
@Module({
  imports: [TenancyModule],
  controllers: [WebhookEndpointsController],
  providers: [
    WebhookEndpointsRepository,
    EventDeliveriesRepository,
    EventMarksRepository,
    WebhookEndpointsService,
    TenantEvents,
    UsageThresholds,
    EventDeliveryWorker,
    WebhookUrlGuard,
  ],
  exports: [TenantEvents, UsageThresholds],
})
export class WebhookEndpointsModule implements OnModuleInit {
  constructor(private readonly retention: RetentionService) {}

  onModuleInit(): void {
    this.retention.add({
      name: 'webhook_event_deliveries.finished',
      table: 'webhook_event_deliveries',
      maxAgeMs: () => WEBHOOK_DELIVERY_RETENTION_DAYS * DAY_MS,
      select: `SELECT ctid FROM webhook_event_deliveries WHERE status <> 'pending' AND finished_at < $1 LIMIT $2`,
    });
    this.retention.add({
      name: 'webhook_event_marks',
      table: 'webhook_event_marks',
      maxAgeMs: () => EVENT_MARK_RETENTION_DAYS * DAY_MS,
      select: `SELECT ctid FROM webhook_event_marks WHERE created_at < $1 LIMIT $2`,
    });
  }
}
