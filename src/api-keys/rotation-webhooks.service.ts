import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { TenantId } from '../common/tenant-id.js';
import { AppConfig } from '../config/app-config.js';
import { Metrics } from '../metrics/metrics.service.js';
import { JobQueue, type JobContext } from '../jobs/job-queue.service.js';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository.js';
import { seal, sealingKey, unseal } from '../webhook-endpoints/webhook-crypto.js';
import { attemptWebhook, DeliveryFailed } from '../webhook-endpoints/webhook-http.js';
import { WebhookUrlGuard } from '../webhook-endpoints/webhook-url-guard.js';

export const ROTATION_WEBHOOK_QUEUE = 'api-key-rotation-webhook';
/** Tries per delivery: with the default 15 s base, retries span about two hours (the old key has 24 h). */
export const WEBHOOK_MAX_ATTEMPTS = 10;
const WEBHOOK_BACKOFF_MAX_SECONDS = 3600;

export interface RotationEvent {
  tenantId: TenantId;
  oldKeyId: string;
  newKeyId: string;
  url: string;
  /** The raw new key: only ever stored sealed. */
  key: string;
  keyPrefix: string;
  graceExpiresAt: Date;
}

/** What the audit of a delivery names. */
interface DeliveryRef {
  id: string;
  tenant_id: TenantId;
  old_key_id: string;
  new_key_id: string;
  url: string;
}

/**
 * Delivery of the `api_key.rotated` event of scheduled rotations (rules §4), on the durable JobQueue:
 * retried with exponential backoff across restarts, Standard Webhooks-signed at each attempt with
 * the tenant's current secret (same `webhook-id`, fresh timestamp and signature). The body holds the
 * raw new key, so it is sealed at rest and erased once delivered or given up.
 *
 * Audit: every failed attempt records `api_key.webhook_failed` with `final: false` and when the
 * next try is due; the last one (attempts exhausted, or a target refused by the SSRF guard, which
 * no retry can fix) records it with `final: true`.
 */
@Injectable()
export class RotationWebhookService implements OnModuleInit {
  private readonly logger = new Logger('RotationWebhooks');
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly audit: AuditService,
    private readonly guard: WebhookUrlGuard,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {
    this.key = sealingKey(config.apiKeySalt);
  }

  onModuleInit(): void {
    this.queue.work(ROTATION_WEBHOOK_QUEUE, (payload, ctx) => this.deliver(payload, ctx), {
      concurrency: 4,
      leaseSeconds: 60,
      backoffBaseSeconds: this.config.WEBHOOK_RETRY_BASE_SECONDS,
      backoffMaxSeconds: WEBHOOK_BACKOFF_MAX_SECONDS,
      onExhausted: (payload, error, manager) => this.exhausted(payload, error, manager),
    });
  }

  /** Inside the rotation's transaction: the delivery exists if and only if the rotation commits. */
  async enqueue(manager: EntityManager, event: RotationEvent): Promise<string> {
    const id = randomUUID();
    const body = JSON.stringify({
      type: 'api_key.rotated',
      data: {
        old_key_id: event.oldKeyId,
        new_key_id: event.newKeyId,
        key: event.key,
        key_prefix: event.keyPrefix,
        grace_expires_at: event.graceExpiresAt.toISOString(),
      },
    });
    await this.deliveries.insert(manager, event.tenantId, {
      id,
      oldKeyId: event.oldKeyId,
      newKeyId: event.newKeyId,
      url: event.url,
      sealedBody: seal(this.key, body, id),
    });
    await this.queue.enqueue(
      ROTATION_WEBHOOK_QUEUE,
      { delivery_id: id },
      { manager, maxAttempts: WEBHOOK_MAX_ATTEMPTS, singletonKey: id },
    );
    return id;
  }

  /** Starts the workers' next poll now (after the enqueuing transaction committed). */
  wake(): void {
    this.queue.wake();
  }

  private async deliver(payload: Record<string, unknown>, ctx: JobContext): Promise<void> {
    const id = String(payload.delivery_id);
    const delivery = await this.deliveries.findForWorker(this.dataSource, id);
    // Already delivered or given up (a redelivered job after a crash): nothing to do.
    if (!delivery || delivery.status !== 'pending' || !delivery.sealed_body) return;
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
      await this.dataSource.transaction((manager) =>
        this.finalFailure(manager, delivery, ctx.attempt, null, outcome.message),
      );
      return;
    }
    if (outcome.kind === 'failed') return this.attemptFailed(delivery, ctx, null, outcome.message);
    const status = outcome.status;
    if (status < 200 || status >= 300)
      return this.attemptFailed(delivery, ctx, status, `receiver answered HTTP ${status}`);

    this.metrics.webhookDelivery('rotation', 'delivered');
    await this.deliveries.markDeliveredForWorker(this.dataSource, id, ctx.attempt, status);
  }

  /** Records a failed attempt (audited unless it is the last one, which `exhausted` records) and throws to retry. */
  private async attemptFailed(
    delivery: DeliveryRef,
    ctx: JobContext,
    statusCode: number | null,
    message: string,
  ): Promise<never> {
    const final = ctx.attempt >= ctx.maxAttempts;
    if (!final) this.metrics.webhookDelivery('rotation', 'retried');
    await this.dataSource.transaction(async (manager) => {
      await this.deliveries.recordAttemptForWorker(
        manager,
        delivery.id,
        ctx.attempt,
        statusCode,
        message.slice(0, 2000),
      );
      if (!final) {
        await this.audit.record(
          {
            tenantId: delivery.tenant_id,
            action: 'api_key.webhook_failed',
            actor: { type: 'system', id: null },
            target: { type: 'api_key', id: delivery.new_key_id },
            metadata: {
              delivery_id: delivery.id,
              old_key_id: delivery.old_key_id,
              url: delivery.url,
              attempt: ctx.attempt,
              max_attempts: ctx.maxAttempts,
              final: false,
              status_code: statusCode,
              error: message.slice(0, 500),
            },
          },
          manager,
        );
      }
    });
    this.logger.warn(`webhook ${delivery.id} attempt ${ctx.attempt}/${ctx.maxAttempts} failed: ${message}`);
    throw new DeliveryFailed(message);
  }

  /** The queue gave up (attempts exhausted): in its transaction, erase the body and audit. */
  private async exhausted(
    payload: Record<string, unknown>,
    error: Error,
    manager: EntityManager,
  ): Promise<void> {
    const delivery = await this.deliveries.findForWorker(manager, String(payload.delivery_id));
    if (!delivery || delivery.status !== 'pending') return;
    const attempts = delivery.attempts;
    await this.finalFailure(manager, delivery, attempts, null, error.message);
  }

  private async finalFailure(
    manager: EntityManager,
    delivery: DeliveryRef,
    attempts: number,
    statusCode: number | null,
    message: string,
  ): Promise<void> {
    const failed = await this.deliveries.markFailedForWorker(
      manager,
      delivery.id,
      attempts,
      statusCode,
      message.slice(0, 2000),
    );
    if (!failed) return;
    this.metrics.webhookDelivery('rotation', 'failed');
    await this.audit.record(
      {
        tenantId: delivery.tenant_id,
        action: 'api_key.webhook_failed',
        actor: { type: 'system', id: null },
        target: { type: 'api_key', id: delivery.new_key_id },
        metadata: {
          delivery_id: delivery.id,
          old_key_id: delivery.old_key_id,
          url: delivery.url,
          attempt: attempts,
          max_attempts: WEBHOOK_MAX_ATTEMPTS,
          final: true,
          status_code: failed.last_status_code,
          error: message.slice(0, 500),
        },
      },
      manager,
    );
    this.logger.warn(`webhook ${delivery.id} given up after ${attempts} attempt(s): ${message}`);
  }
}
