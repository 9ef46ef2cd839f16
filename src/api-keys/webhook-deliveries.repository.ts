import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';

/** A rotation webhook delivery as its worker needs it, with the tenant's signing secret. */
export interface RotationDeliveryRow {
  id: string;
  tenant_id: TenantId;
  old_key_id: string;
  new_key_id: string;
  url: string;
  sealed_body: string | null;
  status: string;
  attempts: number;
  signing_secret: string;
}

/**
 * Every statement on `api_key_webhook_deliveries` (retention aside). The worker finds a delivery by
 * the id its job carries, whatever its tenant (`…ForWorker`).
 */
@Injectable()
export class WebhookDeliveriesRepository {
  async insert(
    db: Db,
    tenant: TenantId,
    values: { id: string; oldKeyId: string; newKeyId: string; url: string; sealedBody: string },
  ): Promise<void> {
    await queryRows(
      db,
      `INSERT INTO api_key_webhook_deliveries (id, tenant_id, old_key_id, new_key_id, url, sealed_body)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [values.id, tenant, values.oldKeyId, values.newKeyId, values.url, values.sealedBody],
    );
  }

  async findForWorker(db: Db, id: string): Promise<RotationDeliveryRow | null> {
    const [row] = await queryRows<RotationDeliveryRow>(
      db,
      `SELECT d.id, d.tenant_id, d.old_key_id, d.new_key_id, d.url, d.sealed_body, d.status, d.attempts,
              t.webhook_signing_secret AS signing_secret
         FROM api_key_webhook_deliveries d JOIN tenants t ON t.id = d.tenant_id
        WHERE d.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Delivered: the body (holding the raw key) is erased. */
  async markDeliveredForWorker(db: Db, id: string, attempts: number, statusCode: number): Promise<void> {
    await queryRows(
      db,
      `UPDATE api_key_webhook_deliveries
          SET status = 'delivered', sealed_body = NULL, attempts = $2, last_status_code = $3, last_error = NULL, finished_at = now()
        WHERE id = $1 AND status = 'pending'`,
      [id, attempts, statusCode],
    );
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
      `UPDATE api_key_webhook_deliveries SET attempts = $2, last_status_code = $3, last_error = $4
        WHERE id = $1 AND status = 'pending'`,
      [id, attempts, statusCode, error],
    );
  }

  /** Given up: the body is erased. Answers the last status code, or undefined when it had already ended. */
  async markFailedForWorker(
    db: Db,
    id: string,
    attempts: number,
    statusCode: number | null,
    error: string,
  ): Promise<{ last_status_code: number | null } | undefined> {
    const [row] = await queryRows<{ last_status_code: number | null }>(
      db,
      `UPDATE api_key_webhook_deliveries
          SET status = 'failed', sealed_body = NULL, attempts = GREATEST(attempts, $2),
              last_status_code = COALESCE($3, last_status_code), last_error = $4, finished_at = now()
        WHERE id = $1 AND status = 'pending' RETURNING last_status_code`,
      [id, attempts, statusCode, error],
    );
    return row;
  }
}
