import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { newWebhookSecret } from '../auth/accounts.service.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Caller } from '../common/principal.js';
import { queryRows } from '../common/sql.js';
import { requireTenant } from '../common/tenant-scope.js';
import type { WebhookSettingsDto } from './dto/webhook-settings.dto.js';

/**
 * The tenant's Standard Webhooks signing secret (SPEC §6). Deliveries are signed when they are
 * attempted, so after a rotation pending retries are signed with the new secret.
 */
@Injectable()
export class WebhookSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(caller: Caller): Promise<WebhookSettingsDto> {
    const { tenantId } = caller.principal;
    requireTenant(tenantId);
    const [row] = await queryRows<{ webhook_signing_secret: string }>(
      this.dataSource,
      `SELECT webhook_signing_secret FROM tenants WHERE id = $1`,
      [tenantId],
    );
    return { signing_secret: row.webhook_signing_secret };
  }

  async rotateSecret(caller: Caller): Promise<WebhookSettingsDto> {
    const { tenantId } = caller.principal;
    requireTenant(tenantId);
    const secret = newWebhookSecret();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE tenants SET webhook_signing_secret = $2, updated_at = now() WHERE id = $1`,
        [tenantId, secret],
      );
      await this.audit.record(
        {
          tenantId,
          action: 'settings.webhook_secret_rotated',
          actor: actorOf(caller.principal),
          target: { type: 'tenant', id: tenantId },
          origin: caller,
          metadata: {},
        },
        manager,
      );
    });
    return { signing_secret: secret };
  }
}
