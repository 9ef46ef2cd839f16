import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';
import type { PlanName, TenantStatus } from '../common/vocabulary.js';

/** The plan and operator limits of a tenant: what usage, keys and limits are computed from. */
export interface TenantLimitsRow {
  plan: PlanName;
  custom_requests_per_minute: number | null;
  custom_search_per_minute: number | null;
}

/** What key rules need to know about the tenant. */
export interface TenantKeyPolicy {
  plan: PlanName;
  require_key_expiration: boolean;
  max_key_lifetime_days: number | null;
  custom_requests_per_minute: number | null;
}

export interface SecuritySettingsRow {
  require_key_expiration: boolean;
  max_key_lifetime_days: number | null;
  allowed_ip_ranges: string[];
  session_ttl_minutes: number;
}

export type SecuritySettingsField = keyof SecuritySettingsRow;

export interface NewTenantRow {
  id: TenantId;
  name: string;
  plan: PlanName;
  session_ttl_minutes: number;
}

export interface TenantSummary {
  id: TenantId;
  name: string;
  plan: PlanName;
  status: TenantStatus;
  custom_requests_per_minute: number | null;
  custom_search_per_minute: number | null;
  members: number;
  created_at: Date;
}

const SETTINGS_COLUMNS = `require_key_expiration, max_key_lifetime_days, allowed_ip_ranges, session_ttl_minutes`;

/**
 * Every statement on `tenants`. A tenant's own row is read through its `TenantId`; the operator CLI
 * names a tenant by a typed id, through the `…ForOperator` methods.
 */
@Injectable()
export class TenantsRepository {
  /** Signup: the tenant the new account owns. */
  async insert(db: Db, values: { name: string; webhookSigningSecret: string }): Promise<NewTenantRow> {
    const [row] = await queryRows<NewTenantRow>(
      db,
      `INSERT INTO tenants (name, plan, webhook_signing_secret) VALUES ($1, 'free', $2)
       RETURNING id, name, plan, session_ttl_minutes`,
      [values.name, values.webhookSigningSecret],
    );
    return row;
  }

  async limits(db: Db, tenant: TenantId): Promise<TenantLimitsRow | null> {
    const [row] = await queryRows<TenantLimitsRow>(
      db,
      `SELECT plan, custom_requests_per_minute, custom_search_per_minute FROM tenants WHERE id = $1`,
      [tenant],
    );
    return row ?? null;
  }

  async keyPolicy(db: Db, tenant: TenantId): Promise<TenantKeyPolicy> {
    const [row] = await queryRows<TenantKeyPolicy>(
      db,
      `SELECT plan, require_key_expiration, max_key_lifetime_days, custom_requests_per_minute
         FROM tenants WHERE id = $1`,
      [tenant],
    );
    if (!row) throw new Error(`tenant ${tenant} not found`);
    return row;
  }

  /** The tenants of these ids and their plans (buffered usage counters, flushed for every tenant at once). */
  plansForWorker(db: Db, tenantIds: readonly string[]): Promise<{ id: TenantId; plan: PlanName }[]> {
    return queryRows<{ id: TenantId; plan: PlanName }>(
      db,
      `SELECT id, plan FROM tenants WHERE id = ANY($1::uuid[])`,
      [tenantIds],
    );
  }

  /** `lock`: FOR UPDATE, for a change of the settings decided on what they are now. */
  async securitySettings(db: Db, tenant: TenantId, lock = false): Promise<SecuritySettingsRow | null> {
    const [row] = await queryRows<SecuritySettingsRow>(
      db,
      `SELECT ${SETTINGS_COLUMNS} FROM tenants WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [tenant],
    );
    return row ?? null;
  }

  async updateSecuritySettings(
    db: Db,
    tenant: TenantId,
    values: Partial<SecuritySettingsRow>,
  ): Promise<SecuritySettingsRow> {
    const fields = Object.keys(values) as SecuritySettingsField[];
    const [row] = await queryRows<SecuritySettingsRow>(
      db,
      `UPDATE tenants SET ${fields.map((f, i) => `${f} = $${i + 2}`).join(', ')}, updated_at = now()
        WHERE id = $1 RETURNING ${SETTINGS_COLUMNS}`,
      [tenant, ...fields.map((f) => values[f])],
    );
    return row;
  }

  async webhookSigningSecret(db: Db, tenant: TenantId): Promise<string> {
    const [row] = await queryRows<{ webhook_signing_secret: string }>(
      db,
      `SELECT webhook_signing_secret FROM tenants WHERE id = $1`,
      [tenant],
    );
    return row.webhook_signing_secret;
  }

  async setWebhookSigningSecret(db: Db, tenant: TenantId, secret: string): Promise<void> {
    await queryRows(db, `UPDATE tenants SET webhook_signing_secret = $2, updated_at = now() WHERE id = $1`, [
      tenant,
      secret,
    ]);
  }

  /** Locks the tenant row until the end of the transaction (changes counted per tenant take turns). */
  async lock(db: Db, tenant: TenantId): Promise<void> {
    await queryRows(db, `SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE`, [tenant]);
  }

  async setPlan(db: Db, tenant: TenantId, plan: PlanName): Promise<void> {
    await queryRows(db, `UPDATE tenants SET plan = $2, updated_at = now() WHERE id = $1`, [tenant, plan]);
  }

  async setStatus(db: Db, tenant: TenantId, status: TenantStatus): Promise<void> {
    await queryRows(db, `UPDATE tenants SET status = $2, updated_at = now() WHERE id = $1`, [tenant, status]);
  }

  /** The operator CLI: every tenant with its member count. */
  listForOperator(db: Db): Promise<TenantSummary[]> {
    return queryRows<TenantSummary>(
      db,
      `SELECT t.id, t.name, t.plan, t.status, t.custom_requests_per_minute, t.custom_search_per_minute,
              (SELECT count(*)::int FROM memberships m WHERE m.tenant_id = t.id) AS members, t.created_at
         FROM tenants t ORDER BY t.created_at, t.id`,
    );
  }

  /**
   * The operator names a tenant by the id it typed: answers that tenant (its id now a `TenantId`),
   * locked until the end of the transaction, or null when there is none.
   */
  async lockForOperator(
    db: Db,
    tenantId: string,
  ): Promise<{ id: TenantId; plan: PlanName; status: TenantStatus } | null> {
    const [row] = await queryRows<{ id: TenantId; plan: PlanName; status: TenantStatus }>(
      db,
      `SELECT id, plan, status FROM tenants WHERE id = $1 FOR UPDATE`,
      [tenantId],
    );
    return row ?? null;
  }

  /** Operator limits over the plan's: `undefined` leaves a limit as it is, null restores the plan's. */
  async setLimits(
    db: Db,
    tenant: TenantId,
    limits: { requestsPerMinute?: number | null; searchPerMinute?: number | null },
  ): Promise<void> {
    await queryRows(
      db,
      `UPDATE tenants
          SET custom_requests_per_minute = CASE WHEN $2::boolean THEN $3::int ELSE custom_requests_per_minute END,
              custom_search_per_minute = CASE WHEN $4::boolean THEN $5::int ELSE custom_search_per_minute END,
              updated_at = now()
        WHERE id = $1`,
      [
        tenant,
        limits.requestsPerMinute !== undefined,
        limits.requestsPerMinute ?? null,
        limits.searchPerMinute !== undefined,
        limits.searchPerMinute ?? null,
      ],
    );
  }
}
