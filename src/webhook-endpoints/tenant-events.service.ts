import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { seal, sealingKey } from './webhook-crypto.js';
import type { TenantId } from '../common/tenant-id.js';
import { AppConfig } from '../config/app-config.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { EventDeliveriesRepository } from './event-deliveries.repository.js';
import { EventMarksRepository } from './event-marks.repository.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';
import type { WebhookEventType } from './webhook-events.js';

export const EVENT_WEBHOOK_QUEUE = 'tenant-event-webhook';
/** Tries per delivery: with the default 15 s base doubling up to an hour, retries span about 8 hours. */
export const EVENT_WEBHOOK_MAX_ATTEMPTS = 12;

export interface EmitOptions {
  /**
   * `api_key.rotated`: the key's own `rotation_webhook_url`. An endpoint at that very URL is not sent a
   * second copy: the key's rotation webhook already delivers this event there, raw key included.
   */
  rotationWebhookUrl?: string | null;
}

/**
 * Emits tenant events (issue 19): one delivery per enabled endpoint subscribed to the event, written
 * and enqueued in the caller's transaction, so an event exists if and only if what caused it commits
 * (and PGlite's single session is never asked for a second connection inside a transaction).
 */
@Injectable()
export class TenantEvents {
  private readonly key: Buffer;

  constructor(
    private readonly queue: JobQueue,
    config: AppConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: EventDeliveriesRepository,
    private readonly marks: EventMarksRepository,
  ) {
    this.key = sealingKey(config.apiKeySalt);
  }

  /**
   * Records a once-only event mark; answers true for exactly one caller across requests and
   * instances (the primary key decides), false when it was already recorded.
   */
  once(manager: EntityManager, tenant: TenantId, mark: string): Promise<boolean> {
    return this.marks.insertOnce(manager, tenant, mark);
  }

  /** Answers the ids of the deliveries created (none when no endpoint listens). */
  async emit(
    manager: EntityManager,
    tenantId: TenantId,
    type: WebhookEventType,
    data: Record<string, unknown>,
    options: EmitOptions = {},
  ): Promise<string[]> {
    const endpoints = await this.endpoints.subscribedTo(manager, tenantId, type);
    const ids: string[] = [];
    const timestamp = new Date().toISOString();
    for (const endpoint of endpoints) {
      if (options.rotationWebhookUrl && endpoint.url === options.rotationWebhookUrl) continue;
      ids.push(await this.deliver(manager, tenantId, endpoint.id, type, { type, timestamp, data }));
    }
    return ids;
  }

  /** One delivery of `body` to one endpoint (also the test event), enqueued in the caller's transaction. */
  async deliver(
    manager: EntityManager,
    tenantId: TenantId,
    endpointId: string,
    type: string,
    body: Record<string, unknown>,
  ): Promise<string> {
    const id = randomUUID();
    await this.deliveries.insert(manager, tenantId, {
      id,
      endpointId,
      type,
      sealedBody: seal(this.key, JSON.stringify(body), id),
    });
    await this.queue.enqueue(
      EVENT_WEBHOOK_QUEUE,
      { delivery_id: id },
      { manager, maxAttempts: EVENT_WEBHOOK_MAX_ATTEMPTS, singletonKey: id },
    );
    return id;
  }

  /** Starts the workers' next poll now (after the emitting transaction committed). */
  wake(): void {
    this.queue.wake();
  }
}
