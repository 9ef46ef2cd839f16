import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { attemptWebhook, DeliveryFailed } from '../api-keys/webhook-http.js';
import { sealingKey, unseal } from '../api-keys/webhook-crypto.js';
import { WebhookUrlGuard } from '../api-keys/webhook-url-guard.js';
import { AuditService } from '../audit/audit.service.js';
import { queryRows } from '../common/sql.js';
import { AppConfig } from '../config/app-config.js';
import { JobQueue, type JobContext } from '../jobs/job-queue.service.js';
import { Metrics } from '../metrics/metrics.service.js';
import { EVENT_WEBHOOK_QUEUE } from './tenant-events.service.js';
import { FAILING_DISABLE_AFTER_MS, TEST_EVENT_TYPE, type DisabledReason } from './webhook-events.js';

const BACKOFF_MAX_SECONDS = 3600;

interface DeliveryRow {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_type: string;
  sealed_body: string | null;
  status: string;
  url: string;
  enabled: boolean;
  signing_secret: string;
}

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
    const [delivery] = await queryRows<DeliveryRow>(
      this.dataSource,
      `SELECT d.id, d.tenant_id, d.endpoint_id, d.event_type, d.sealed_body, d.status,
              e.url, e.enabled, t.webhook_signing_secret AS signing_secret
         FROM webhook_event_deliveries d
         JOIN webhook_endpoints e ON e.id = d.endpoint_id
         JOIN tenants t ON t.id = d.tenant_id
        WHERE d.id = $1`,
      [id],
    );
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
        await manager.query(`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1`, [
          delivery.endpoint_id,
        ]);
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
      await manager.query(
        `UPDATE webhook_event_deliveries SET attempts = $2, last_status_code = $3, last_error = $4, last_attempt_at = now()
          WHERE id = $1 AND status = 'pending'`,
        [delivery.id, ctx.attempt, statusCode, message.slice(0, 2000)],
      );
      const [endpoint] = await queryRows<{ failing_since: Date }>(
        manager,
        `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, now())
          WHERE id = $1 RETURNING failing_since`,
        [delivery.endpoint_id],
      );
      if (!endpoint || Date.now() - new Date(endpoint.failing_since).getTime() < FAILING_DISABLE_AFTER_MS)
        return false;
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
    const rows = await queryRows<{ id: string }>(
      manager,
      `UPDATE webhook_event_deliveries
          SET status = $2, sealed_body = NULL, attempts = GREATEST(attempts, COALESCE($5, attempts)),
              last_status_code = COALESCE($3, last_status_code), last_error = $4,
              last_attempt_at = CASE WHEN $5::int IS NULL THEN last_attempt_at ELSE now() END, finished_at = now()
        WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, status, statusCode, error?.slice(0, 2000) ?? null, attempts ?? null],
    );
    if (rows.length > 0) this.metrics.webhookDelivery('event', status);
  }

  /** Disables the endpoint once (concurrent deliveries race: one audit) and audits why. */
  private async disable(
    manager: EntityManager,
    delivery: DeliveryRow,
    reason: DisabledReason,
    statusCode: number | null,
  ): Promise<void> {
    const rows = await queryRows<{ failing_since: Date | null }>(
      manager,
      `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, disabled_at = now(), updated_at = now()
        WHERE id = $1 AND enabled RETURNING failing_since`,
      [delivery.endpoint_id, reason],
    );
    if (rows.length === 0) return;
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
          failing_since: rows[0].failing_since ? new Date(rows[0].failing_since).toISOString() : null,
        },
      },
      manager,
    );
    this.logger.warn(`event endpoint ${delivery.endpoint_id} disabled (${reason})`);
  }
}
