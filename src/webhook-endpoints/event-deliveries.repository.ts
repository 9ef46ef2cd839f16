import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';

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

/** A delivery as its worker needs it: its endpoint and the tenant's signing secret. */
export interface EventDeliveryRow {
  id: string;
  tenant_id: TenantId;
  endpoint_id: string;
  event_type: string;
  sealed_body: string | null;
  status: string;
  url: string;
  enabled: boolean;
  signing_secret: string;
}

const LOG_COLUMNS = `id, event_type, status, attempts, last_status_code, last_error, created_at, last_attempt_at, finished_at`;

/**
 * Every statement on `webhook_event_deliveries` (retention aside). The worker finds a delivery by the
 * id its job carries, whatever its tenant (`…ForWorker`).
 */
@Injectable()
export class EventDeliveriesRepository {
  async insert(
    db: Db,
    tenant: TenantId,
    values: { id: string; endpointId: string; type: string; sealedBody: string },
  ): Promise<void> {
    await queryRows(
      db,
      `INSERT INTO webhook_event_deliveries (id, tenant_id, endpoint_id, event_type, sealed_body) VALUES ($1, $2, $3, $4, $5)`,
      [values.id, tenant, values.endpointId, values.type, values.sealedBody],
    );
  }

  async page(
    db: Db,
    tenant: TenantId,
    endpointId: string,
    limit: number,
    offset: number,
  ): Promise<{ rows: DeliveryLogRow[]; total: number }> {
    // One after the other: inside a transaction (PGlite: a single session) queries take turns anyway.
    const rows = await queryRows<DeliveryLogRow>(
      db,
      `SELECT ${LOG_COLUMNS} FROM webhook_event_deliveries WHERE tenant_id = $1 AND endpoint_id = $2
        ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [tenant, endpointId, limit, offset],
    );
    const [count] = await queryRows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM webhook_event_deliveries WHERE tenant_id = $1 AND endpoint_id = $2`,
      [tenant, endpointId],
    );
    return { rows, total: count.n };
  }

  async view(db: Db, tenant: TenantId, id: string): Promise<DeliveryLogRow | null> {
    const [row] = await queryRows<DeliveryLogRow>(
      db,
      `SELECT ${LOG_COLUMNS} FROM webhook_event_deliveries WHERE tenant_id = $1 AND id = $2`,
      [tenant, id],
    );
    return row ?? null;
  }

  async findForWorker(db: Db, id: string): Promise<EventDeliveryRow | null> {
    const [row] = await queryRows<EventDeliveryRow>(
      db,
      `SELECT d.id, d.tenant_id, d.endpoint_id, d.event_type, d.sealed_body, d.status,
              e.url, e.enabled, t.webhook_signing_secret AS signing_secret
         FROM webhook_event_deliveries d
         JOIN webhook_endpoints e ON e.id = d.endpoint_id
         JOIN tenants t ON t.id = d.tenant_id
        WHERE d.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async recordAttemptForWorker(
    db: Db,
    id: string,
    attempts: number,
    statusCode: number | null,
    error: string,
  ): Promise<void> {
    await queryRows(
      db,
      `UPDATE webhook_event_deliveries SET attempts = $2, last_status_code = $3, last_error = $4, last_attempt_at = now()
        WHERE id = $1 AND status = 'pending'`,
      [id, attempts, statusCode, error],
    );
  }

  /** Ends a pending delivery (its body erased); false when it had already ended. */
  async finishForWorker(
    db: Db,
    id: string,
    status: 'delivered' | 'failed',
    statusCode: number | null,
    error: string | null,
    attempts: number | null,
  ): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      `UPDATE webhook_event_deliveries
          SET status = $2, sealed_body = NULL, attempts = GREATEST(attempts, COALESCE($5, attempts)),
              last_status_code = COALESCE($3, last_status_code), last_error = $4,
              last_attempt_at = CASE WHEN $5::int IS NULL THEN last_attempt_at ELSE now() END, finished_at = now()
        WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, status, statusCode, error, attempts],
    );
    return rows.length > 0;
  }
}
