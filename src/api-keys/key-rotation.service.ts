import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeFeed } from '../database/change-feed.service.js';
import { generateApiKey, hashApiKey, keyPrefix } from './api-key-format.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import { AppConfig } from '../config/app-config.js';
import type { ActorType } from '../common/vocabulary.js';
import { ApiKeysRepository, type KeyRow } from './api-keys.repository.js';
import { ProjectsRepository } from './projects.repository.js';
import { AUTO_ROTATION_GRACE_SECONDS } from './key-policy.js';
import { RotationWebhookService } from './rotation-webhooks.service.js';
import { TenantEvents } from '../webhook-endpoints/tenant-events.service.js';

export interface Rotation {
  successor: KeyRow;
  old: KeyRow;
  /** The successor's raw key. */
  key: string;
}

/** Rotation itself, shared by the three doors and the scheduler. */
@Injectable()
export class KeyRotationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ApiKeysRepository,
    private readonly audit: AuditService,
    private readonly webhooks: RotationWebhookService,
    private readonly config: AppConfig,
    private readonly changes: ChangeFeed,
    private readonly events: TenantEvents,
    private readonly projects: ProjectsRepository,
  ) {}

  /**
   * Rotates a key the caller has locked (FOR UPDATE) in this transaction: a successor with the same
   * name, scopes, expiry, project, environment, rotation settings and rate limit, and the old key
   * marked replaced — revoked at once (grace 0) or valid until now + grace.
   */
  async rotateLocked(
    manager: EntityManager,
    old: KeyRow,
    graceSeconds: number,
    actor: { type: ActorType; id: string | null },
  ): Promise<Rotation> {
    const kind = await this.projects.environmentKind(manager, old.tenant_id, old.environment_id);
    const key = generateApiKey(kind);
    const successorId = await this.repo.insert(manager, old.tenant_id, {
      projectId: old.project_id,
      environmentId: old.environment_id,
      name: old.name,
      keyPrefix: keyPrefix(key),
      keyHash: hashApiKey(this.config.apiKeySalt, key),
      scopes: old.scopes,
      expiresAt: old.expires_at,
      createdBy: actor,
      rotationIntervalDays: old.rotation_interval_days,
      rotationWebhookUrl: old.rotation_webhook_url,
      rateLimitRpm: old.rate_limit_rpm,
    });
    if (!(await this.repo.markReplaced(manager, old.tenant_id, old.id, successorId, graceSeconds))) {
      throw ApiError.conflict('This key has already been revoked or replaced.');
    }
    const [successor, updated] = await Promise.all([
      this.repo.findView(manager, old.tenant_id, successorId),
      this.repo.findView(manager, old.tenant_id, old.id),
    ]);
    return { successor: successor!, old: updated!, key };
  }

  /**
   * One unit of the scheduler's work: claims one due key (SKIP LOCKED, so across instances exactly
   * one rotates it), rotates it with a 24 h grace, audits `api_key.auto_rotated` and enqueues the
   * signed webhook — all in one transaction. Answers false when nothing is due.
   */
  async rotateNextDue(): Promise<boolean> {
    if (!(await this.repo.anyDueForWorker(this.dataSource))) return false;
    const rotated = await this.changes.transaction(async (manager, publish) => {
      const due = await this.repo.claimDueForWorker(manager);
      if (!due) return null;
      const rotation = await this.rotateLocked(manager, due, AUTO_ROTATION_GRACE_SECONDS, {
        type: 'system',
        id: null,
      });
      await publish({ kind: 'key', keyId: due.id });
      const webhook = due.rotation_webhook_url
        ? await this.webhooks.enqueue(manager, {
            tenantId: due.tenant_id,
            oldKeyId: due.id,
            newKeyId: rotation.successor.id,
            url: due.rotation_webhook_url,
            key: rotation.key,
            keyPrefix: rotation.successor.key_prefix,
            graceExpiresAt: rotation.old.grace_expires_at!,
          })
        : null;
      // The tenant's event endpoints hear of it too, without the raw key (rules §11).
      await this.events.emit(
        manager,
        due.tenant_id,
        'api_key.rotated',
        {
          old_key_id: due.id,
          new_key_id: rotation.successor.id,
          key_prefix: rotation.successor.key_prefix,
          grace_expires_at: rotation.old.grace_expires_at?.toISOString() ?? null,
        },
        { rotationWebhookUrl: due.rotation_webhook_url },
      );
      await this.audit.record(
        {
          tenantId: due.tenant_id,
          action: 'api_key.auto_rotated',
          actor: { type: 'system', id: null },
          target: { type: 'api_key', id: due.id },
          metadata: {
            new_key_id: rotation.successor.id,
            key_prefix: rotation.successor.key_prefix,
            grace_period_seconds: AUTO_ROTATION_GRACE_SECONDS,
            grace_expires_at: rotation.old.grace_expires_at?.toISOString() ?? null,
            webhook_delivery_id: webhook,
          },
        },
        manager,
      );
      return rotation;
    });
    if (rotated) this.webhooks.wake();
    // null: every due key is being rotated by another instance right now; the next tick looks again.
    return rotated !== null;
  }
}
