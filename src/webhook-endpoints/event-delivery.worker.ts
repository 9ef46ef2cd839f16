import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { attemptWebhook, DeliveryFailed } from './webhook-http.js';
import { sealingKey, unseal } from './webhook-crypto.js';
import { WebhookUrlGuard } from './webhook-url-guard.js';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../config/app-config.js';
import { JobQueue, type JobContext } from '../jobs/job-queue.service.js';
import { Metrics } from '../metrics/metrics.service.js';
import {
  EventDeliveriesRepository,
  type EventDeliveryRow as DeliveryRow,
} from './event-deliveries.repository.js';
import { EVENT_WEBHOOK_QUEUE } from './tenant-events.service.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';
import { FAILING_DISABLE_AFTER_MS, TEST_EVENT_TYPE, type DisabledReason } from './webhook-events.js';

const BACKOFF_MAX_SECONDS = 3600;

/**
 * Delivers tenant events on the durable JobQueue (retries with exponential backoff across restarts),
 * Standard Webhooks-signed at each attempt with the tenant's current secret; the same `webhook-id` on
 * every retry. A 410 answer disables the endpoint at once; an endpoint whose every attempt has failed
 * for 3 days (`failing_since`, reset by any success) is disabled too. Both are audited as
 * `webhook_endpoint.disabled`; the endpoint's pending deliveries then end as failed.
 */
@Injectable()
export class EventDeliveryWorker implements OnModuleInit {
  private readonly logger = new Logger('EventWebhooks');
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly guard: WebhookUrlGuard,
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
    private readonly deliveries: EventDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
  ) {
    this.key = sealingKey(config.apiKeySalt);
  }

  onModuleInit(): void {
    this.queue.work(EVENT_WEBHOOK_QUEUE, (payload, ctx) => this.deliver(String(payload.delivery_id), ctx), {
      concurrency: 4,
      leaseSeconds: 60,
      backoffBaseSeconds: this.config.WEBHOOK_RETRY_BASE_SECONDS,
      backoffMaxSeconds: BACKOFF_MAX_SECONDS,
      onExhausted: (payload, error, manager) =>
        this.finish(manager, String(payload.delivery_id), 'failed', null, error.message),
    });
  }

  private async deliver(id: string, ctx: JobContext): Promise<void> {
    const delivery = await this.deliveries.findForWorker(this.dataSource, id);
    // Delivered, given up, or its endpoint deleted (a job redelivered after a crash): nothing to do.
    if (!delivery || delivery.status !== 'pending' || !delivery.sealed_body) return;
    if (!delivery.enabled && delivery.event_type !== TEST_EVENT_TYPE) {
      await this.dataSource.transaction((m) => this.finish(m, id, 'failed', null, 'endpoint disabled'));
      return;
    }
    const body = unseal(this.key, delivery.sealed_body, id);

    const outcome = await attemptWebhook(
      this.guard,
      delivery.url,
      delivery.signing_secret,
      id,
      body,
      ctx.signal,
    );
    if (outcome.kind === 'refused') {
      await this.dataSource.transaction((m) =>
        this.finish(m, id, 'failed', null, outcome.message, ctx.attempt),
      );
      return;
    }
    if (outcome.kind === 'failed') return this.attemptFailed(delivery, ctx, null, outcome.message);
    const status = outcome.status;
    if (status >= 200 && status < 300) {
      await this.dataSource.transaction(async (manager) => {
        await this.finish(manager, id, 'delivered', status, null, ctx.attempt);
        await this.endpoints.clearFailingForWorker(manager, delivery.endpoint_id);
      });
      return;
    }
    if (status === 410) {
      // The receiver says the endpoint is gone for good: no retry, and no further events.
      await this.dataSource.transaction(async (manager) => {
        await this.finish(manager, id, 'failed', status, 'receiver answered HTTP 410 Gone', ctx.attempt);
        await this.disable(manager, delivery, 'gone', status);
      });
      return;
    }
    return this.attemptFailed(delivery, ctx, status, `receiver answered HTTP ${status}`);
  }

  /**
   * A failed attempt: recorded on the delivery; the endpoint's failing streak starts (or goes on). A
   * streak of 3 days disables the endpoint and ends this delivery; otherwise the queue retries it.
   */
  private async attemptFailed(
    delivery: DeliveryRow,
    ctx: JobContext,
    statusCode: number | null,
    message: string,
  ): Promise<void> {
    const disabled = await this.dataSource.transaction(async (manager) => {
      await this.deliveries.recordAttemptForWorker(
        manager,
        delivery.id,
        ctx.attempt,
        statusCode,
        message.slice(0, 2000),
      );
      const failingSince = await this.endpoints.startFailingForWorker(manager, delivery.endpoint_id);
      if (!failingSince || Date.now() - failingSince.getTime() < FAILING_DISABLE_AFTER_MS) return false;
      await this.finish(manager, delivery.id, 'failed', statusCode, message, ctx.attempt);
      await this.disable(manager, delivery, 'failing', statusCode);
      return true;
    });
    if (disabled) return;
    if (ctx.attempt < ctx.maxAttempts) this.metrics.webhookDelivery('event', 'retried');
    this.logger.warn(
      `event webhook ${delivery.id} attempt ${ctx.attempt}/${ctx.maxAttempts} failed: ${message}`,
    );
    throw new DeliveryFailed(message);
  }

  /** Ends a pending delivery (its body erased); a no-op when it already ended. */
  private async finish(
    manager: EntityManager,
    id: string,
    status: 'delivered' | 'failed',
    statusCode: number | null,
    error: string | null,
    attempts?: number,
  ): Promise<void> {
    const finished = await this.deliveries.finishForWorker(
      manager,
      id,
      status,
      statusCode,
      error?.slice(0, 2000) ?? null,
      attempts ?? null,
    );
    if (finished) this.metrics.webhookDelivery('event', status);
  }

  /** Disables the endpoint once (concurrent deliveries race: one audit) and audits why. */
  private async disable(
    manager: EntityManager,
    delivery: DeliveryRow,
    reason: DisabledReason,
    statusCode: number | null,
  ): Promise<void> {
    const disabled = await this.endpoints.disableForWorker(manager, delivery.endpoint_id, reason);
    if (!disabled) return;
    this.metrics.webhookDelivery('event', 'endpoint_disabled');
    await this.audit.record(
      {
        tenantId: delivery.tenant_id,
        action: 'webhook_endpoint.disabled',
        actor: { type: 'system', id: null },
        target: { type: 'webhook_endpoint', id: delivery.endpoint_id },
        metadata: {
          reason,
          url: delivery.url,
          delivery_id: delivery.id,
          status_code: statusCode,
          failing_since: disabled.failing_since ? new Date(disabled.failing_since).toISOString() : null,
        },
      },
      manager,
    );
    this.logger.warn(`event endpoint ${delivery.endpoint_id} disabled (${reason})`);
  }
}
