import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { newWebhookSecret } from '../webhook-endpoints/webhook-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Caller } from '../common/principal.js';
import { TenantsRepository } from '../tenancy/tenants.repository.js';
import type { WebhookSettingsDto } from './dto/webhook-settings.dto.js';

/**
 * The tenant's Standard Webhooks signing secret (rules §6). Deliveries are signed when they are
 * attempted, so after a rotation pending retries are signed with the new secret.
 */
@Injectable()
export class WebhookSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly tenants: TenantsRepository,
  ) {}

  async get(caller: Caller): Promise<WebhookSettingsDto> {
    const { tenantId } = caller.principal;
    return { signing_secret: await this.tenants.webhookSigningSecret(this.dataSource, tenantId) };
  }

  async rotateSecret(caller: Caller): Promise<WebhookSettingsDto> {
    const { tenantId } = caller.principal;
    const secret = newWebhookSecret();
    await this.dataSource.transaction(async (manager) => {
      await this.tenants.setWebhookSigningSecret(manager, tenantId, secret);
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
