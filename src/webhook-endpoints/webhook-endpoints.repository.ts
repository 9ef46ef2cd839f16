import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';
import type { DisabledReason, WebhookEventType } from './webhook-events.js';

export interface EndpointRow {
  id: string;
  tenant_id: TenantId;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  disabled_reason: DisabledReason | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
}

const ENDPOINT_COLUMNS = `id, tenant_id, url, events, enabled, disabled_reason, disabled_at, failing_since, created_at, updated_at`;

/**
 * Every statement on `webhook_endpoints`: tenant-scoped, except what the delivery worker records on
 * the endpoint of the delivery its job names (`…ForWorker`).
 */
@Injectable()
export class WebhookEndpointsRepository {
  list(db: Db, tenant: TenantId): Promise<EndpointRow[]> {
    return queryRows<EndpointRow>(
      db,
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 ORDER BY created_at, id`,
      [tenant],
    );
  }

  async find(db: Db, tenant: TenantId, id: string, lock = false): Promise<EndpointRow | null> {
    const [row] = await queryRows<EndpointRow>(
      db,
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [tenant, id],
    );
    return row ?? null;
  }

  async count(db: Db, tenant: TenantId): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM webhook_endpoints WHERE tenant_id = $1`,
      [tenant],
    );
    return row.n;
  }

  /** The enabled endpoints subscribed to an event type, oldest first. */
  subscribedTo(db: Db, tenant: TenantId, type: WebhookEventType): Promise<{ id: string; url: string }[]> {
    return queryRows<{ id: string; url: string }>(
      db,
      `SELECT id, url FROM webhook_endpoints WHERE tenant_id = $1 AND enabled AND $2 = ANY(events) ORDER BY created_at`,
      [tenant, type],
    );
  }

  async insert(
    db: Db,
    tenant: TenantId,
    values: { url: string; events: WebhookEventType[]; enabled: boolean },
  ): Promise<EndpointRow> {
    const [row] = await queryRows<EndpointRow>(
      db,
      `INSERT INTO webhook_endpoints (tenant_id, url, events, enabled) VALUES ($1, $2, $3, $4) RETURNING ${ENDPOINT_COLUMNS}`,
      [tenant, values.url, values.events, values.enabled],
    );
    return row;
  }

  /** Applies the given fields; enabling clears Cistern's reason for disabling and the failure streak. */
  async update(
    db: Db,
    tenant: TenantId,
    id: string,
    values: { url?: string; events?: WebhookEventType[]; enabled?: boolean },
  ): Promise<EndpointRow> {
    const [row] = await queryRows<EndpointRow>(
      db,
      `UPDATE webhook_endpoints
          SET url = COALESCE($3, url), events = COALESCE($4, events),
              enabled = COALESCE($5, enabled),
              disabled_reason = CASE WHEN $5::boolean IS NULL THEN disabled_reason ELSE NULL END,
              disabled_at = CASE WHEN $5::boolean IS NULL OR $5::boolean = enabled THEN disabled_at
                                 WHEN $5::boolean THEN NULL ELSE now() END,
              failing_since = CASE WHEN $5::boolean THEN NULL ELSE failing_since END,
              updated_at = now()
        WHERE tenant_id = $1 AND id = $2 RETURNING ${ENDPOINT_COLUMNS}`,
      [tenant, id, values.url ?? null, values.events ?? null, values.enabled ?? null],
    );
    return row;
  }

  async delete(db: Db, tenant: TenantId, id: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      `DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 RETURNING id`,
      [tenant, id],
    );
    return rows.length === 1;
  }

  /** A delivery succeeded: the endpoint's failure streak ends. */
  async clearFailingForWorker(db: Db, id: string): Promise<void> {
    await queryRows(db, `UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1`, [id]);
  }

  /** A delivery failed: the streak starts (or goes on); answers when it started, or null when the endpoint is gone. */
  async startFailingForWorker(db: Db, id: string): Promise<Date | null> {
    const [row] = await queryRows<{ failing_since: Date }>(
      db,
      `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, now())
        WHERE id = $1 RETURNING failing_since`,
      [id],
    );
    return row ? new Date(row.failing_since) : null;
  }

  /** Disables the endpoint once (concurrent deliveries race: one wins); answers the streak's start, or undefined. */
  async disableForWorker(
    db: Db,
    id: string,
    reason: DisabledReason,
  ): Promise<{ failing_since: Date | null } | undefined> {
    const [row] = await queryRows<{ failing_since: Date | null }>(
      db,
      `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, disabled_at = now(), updated_at = now()
        WHERE id = $1 AND enabled RETURNING failing_since`,
      [id, reason],
    );
    return row;
  }
}
