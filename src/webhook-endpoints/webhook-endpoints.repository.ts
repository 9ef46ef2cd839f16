import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { requireTenant } from '../common/tenant-scope.js';
import type { DisabledReason, WebhookEventType } from './webhook-events.js';

export interface EndpointRow {
  id: string;
  tenant_id: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  disabled_reason: DisabledReason | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface DeliveryLogRow {
  id: string;
  event_type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  last_attempt_at: Date | null;
  finished_at: Date | null;
}

const ENDPOINT_COLUMNS = `id, tenant_id, url, events, enabled, disabled_reason, disabled_at, failing_since, created_at, updated_at`;

/** SQL of webhook endpoints and their delivery logs; every query is scoped to one tenant. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(tenantId: string): Promise<EndpointRow[]> {
    requireTenant(tenantId);
    return queryRows<EndpointRow>(
      this.dataSource,
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 ORDER BY created_at, id`,
      [tenantId],
    );
  }

  async find(
    db: DataSource | EntityManager,
    tenantId: string,
    id: string,
    lock = false,
  ): Promise<EndpointRow | null> {
    requireTenant(tenantId);
    const [row] = await queryRows<EndpointRow>(
      db,
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [tenantId, id],
    );
    return row ?? null;
  }

  /** Counts the tenant's endpoints under a lock on the tenant row: concurrent creates are counted one after the other. */
  async lockAndCount(manager: EntityManager, tenantId: string): Promise<number> {
    requireTenant(tenantId);
    await manager.query(`SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE`, [tenantId]);
    const [row] = await queryRows<{ n: number }>(
      manager,
      `SELECT count(*)::int AS n FROM webhook_endpoints WHERE tenant_id = $1`,
      [tenantId],
    );
    return row.n;
  }

  async insert(
    manager: EntityManager,
    tenantId: string,
    values: { url: string; events: WebhookEventType[]; enabled: boolean },
  ): Promise<EndpointRow> {
    const [row] = await queryRows<EndpointRow>(
      manager,
      `INSERT INTO webhook_endpoints (tenant_id, url, events, enabled) VALUES ($1, $2, $3, $4) RETURNING ${ENDPOINT_COLUMNS}`,
      [tenantId, values.url, values.events, values.enabled],
    );
    return row;
  }

  /** Applies the given fields; enabling clears Cistern's reason for disabling and the failure streak. */
  async update(
    manager: EntityManager,
    tenantId: string,
    id: string,
    values: { url?: string; events?: WebhookEventType[]; enabled?: boolean },
  ): Promise<EndpointRow> {
    const [row] = await queryRows<EndpointRow>(
      manager,
      `UPDATE webhook_endpoints
          SET url = COALESCE($3, url), events = COALESCE($4, events),
              enabled = COALESCE($5, enabled),
              disabled_reason = CASE WHEN $5::boolean IS NULL THEN disabled_reason ELSE NULL END,
              disabled_at = CASE WHEN $5::boolean IS NULL OR $5::boolean = enabled THEN disabled_at
                                 WHEN $5::boolean THEN NULL ELSE now() END,
              failing_since = CASE WHEN $5::boolean THEN NULL ELSE failing_since END,
              updated_at = now()
        WHERE tenant_id = $1 AND id = $2 RETURNING ${ENDPOINT_COLUMNS}`,
      [tenantId, id, values.url ?? null, values.events ?? null, values.enabled ?? null],
    );
    return row;
  }

  async delete(manager: EntityManager, tenantId: string, id: string): Promise<boolean> {
    requireTenant(tenantId);
    const rows = await queryRows<{ id: string }>(
      manager,
      `DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 RETURNING id`,
      [tenantId, id],
    );
    return rows.length === 1;
  }

  async deliveries(
    tenantId: string,
    endpointId: string,
    limit: number,
    offset: number,
  ): Promise<{ rows: DeliveryLogRow[]; total: number }> {
    requireTenant(tenantId);
    const [rows, [count]] = await Promise.all([
      queryRows<DeliveryLogRow>(
        this.dataSource,
        `SELECT id, event_type, status, attempts, last_status_code, last_error, created_at, last_attempt_at, finished_at
           FROM webhook_event_deliveries WHERE tenant_id = $1 AND endpoint_id = $2
          ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
        [tenantId, endpointId, limit, offset],
      ),
      queryRows<{ n: number }>(
        this.dataSource,
        `SELECT count(*)::int AS n FROM webhook_event_deliveries WHERE tenant_id = $1 AND endpoint_id = $2`,
        [tenantId, endpointId],
      ),
    ]);
    return { rows, total: count.n };
  }

  async deliveryView(tenantId: string, id: string): Promise<DeliveryLogRow> {
    const [row] = await queryRows<DeliveryLogRow>(
      this.dataSource,
      `SELECT id, event_type, status, attempts, last_status_code, last_error, created_at, last_attempt_at, finished_at
         FROM webhook_event_deliveries WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    return row;
  }
}
