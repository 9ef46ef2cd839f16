import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { WebhookTargetError, WebhookUrlGuard } from './webhook-url-guard.js';
import type { AuditAction } from '../audit/audit-actions.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { PaginationQueryDto } from '../common/pagination.dto.js';
import { actorOf, type Caller } from '../common/principal.js';
import type { Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';
import { TenantsRepository } from '../tenancy/tenants.repository.js';
import type {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryDto,
  WebhookDeliveryListDto,
  WebhookEndpointDto,
  WebhookEndpointListDto,
} from './dto/webhook-endpoint.dto.js';
import { TenantEvents } from './tenant-events.service.js';
import { MAX_ENDPOINTS_PER_TENANT, TEST_EVENT_TYPE } from './webhook-events.js';
import { EventDeliveriesRepository, type DeliveryLogRow } from './event-deliveries.repository.js';
import { WebhookEndpointsRepository, type EndpointRow } from './webhook-endpoints.repository.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toView(row: EndpointRow): WebhookEndpointDto {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    enabled: row.enabled,
    disabled_reason: row.disabled_reason,
    disabled_at: iso(row.disabled_at),
    failing_since: iso(row.failing_since),
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  };
}

function toDelivery(row: DeliveryLogRow): WebhookDeliveryDto {
  return {
    id: row.id,
    event_type: row.event_type,
    status: row.status,
    attempts: row.attempts,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    created_at: iso(row.created_at)!,
    last_attempt_at: iso(row.last_attempt_at),
    finished_at: iso(row.finished_at),
  };
}

/** Tenant event endpoints (rules §11): CRUD, test deliveries and delivery logs; every change audited. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: WebhookEndpointsRepository,
    private readonly guard: WebhookUrlGuard,
    private readonly events: TenantEvents,
    private readonly audit: AuditService,
    private readonly deliveryLog: EventDeliveriesRepository,
    private readonly tenants: TenantsRepository,
  ) {}

  async list(caller: Caller): Promise<WebhookEndpointListDto> {
    const rows = await this.repo.list(this.dataSource, caller.principal.tenantId);
    return { endpoints: rows.map(toView) };
  }

  async get(caller: Caller, id: string): Promise<WebhookEndpointDto> {
    return toView(await this.require(this.dataSource, caller.principal.tenantId, id));
  }

  async create(caller: Caller, dto: CreateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    const tenantId = caller.principal.tenantId;
    await this.checkUrl(dto.url);
    return this.dataSource.transaction(async (manager) => {
      // Under a lock on the tenant row: concurrent creates are counted one after the other.
      await this.tenants.lock(manager, tenantId);
      if ((await this.repo.count(manager, tenantId)) >= MAX_ENDPOINTS_PER_TENANT) {
        throw ApiError.conflict(`A tenant has at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints.`);
      }
      const row = await this.repo.insert(manager, tenantId, {
        url: dto.url,
        events: dto.events,
        enabled: dto.enabled ?? true,
      });
      await this.record(manager, caller, 'webhook_endpoint.created', row.id, {
        url: row.url,
        events: row.events,
        enabled: row.enabled,
      });
      return toView(row);
    });
  }

  async update(caller: Caller, id: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    const tenantId = caller.principal.tenantId;
    // None of these is nullable: the validation pipe refuses a JSON null with 422 before this runs.
    if (dto.url !== undefined) await this.checkUrl(dto.url);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.require(manager, tenantId, id, true);
      const row = await this.repo.update(manager, tenantId, id, dto);
      const changes: Record<string, unknown> = {};
      if (dto.url !== undefined && dto.url !== before.url) changes.url = { from: before.url, to: row.url };
      if (dto.events !== undefined && dto.events.join() !== before.events.join())
        changes.events = { from: before.events, to: row.events };
      if (dto.enabled !== undefined && dto.enabled !== before.enabled)
        changes.enabled = { from: before.enabled, to: row.enabled };
      if (Object.keys(changes).length > 0)
        await this.record(manager, caller, 'webhook_endpoint.updated', id, { changes });
      return toView(row);
    });
  }

  async delete(caller: Caller, id: string): Promise<void> {
    const tenantId = caller.principal.tenantId;
    await this.dataSource.transaction(async (manager) => {
      const before = await this.require(manager, tenantId, id, true);
      await this.repo.delete(manager, tenantId, id);
      await this.record(manager, caller, 'webhook_endpoint.deleted', id, {
        url: before.url,
        events: before.events,
      });
    });
  }

  /** Queues a signed `webhook.test` event to the endpoint (enabled or not); answers the pending delivery. */
  async test(caller: Caller, id: string): Promise<WebhookDeliveryDto> {
    const tenantId = caller.principal.tenantId;
    const deliveryId = await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.require(manager, tenantId, id);
      return this.events.deliver(manager, tenantId, endpoint.id, TEST_EVENT_TYPE, {
        type: TEST_EVENT_TYPE,
        timestamp: new Date().toISOString(),
        data: { endpoint_id: endpoint.id, message: 'A test event from Cistern.' },
      });
    });
    this.events.wake();
    return toDelivery((await this.deliveryLog.view(this.dataSource, tenantId, deliveryId))!);
  }

  async deliveries(caller: Caller, id: string, page: PaginationQueryDto): Promise<WebhookDeliveryListDto> {
    const tenantId = caller.principal.tenantId;
    await this.require(this.dataSource, tenantId, id);
    const { rows, total } = await this.deliveryLog.page(
      this.dataSource,
      tenantId,
      id,
      page.limit,
      page.offset,
    );
    return { deliveries: rows.map(toDelivery), total };
  }

  private async require(db: Db, tenantId: TenantId, id: string, lock = false): Promise<EndpointRow> {
    const row = await this.repo.find(db, tenantId, id, lock);
    if (!row) throw ApiError.notFound('Webhook endpoint');
    return row;
  }

  /** The SSRF guard of key rotation webhooks: https, no private/loopback/link-local address. */
  private async checkUrl(url: string): Promise<void> {
    try {
      await this.guard.resolve(url);
    } catch (error) {
      if (error instanceof WebhookTargetError) throw ApiError.field('url', error.message);
      throw error;
    }
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: AuditAction,
    endpointId: string,
    metadata: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        tenantId: caller.principal.tenantId,
        action,
        actor: actorOf(caller.principal),
        target: { type: 'webhook_endpoint', id: endpointId },
        origin: caller,
        metadata,
      },
      manager,
    );
  }
}
