import { Injectable } from '@nestjs/common';
import type { KeyEnvironmentKind } from './api-key-format.js';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';
import type { PlanName } from '../common/vocabulary.js';
import type { ActorType } from '../common/vocabulary.js';
import { ACTIVE_SQL, STATUS_SQL, type KeyStatus } from './key-policy.js';

/** An api_keys row as the views need it, with its derived status. */
export interface KeyRow {
  id: string;
  tenant_id: TenantId;
  project_id: string;
  environment_id: string;
  name: string;
  key_prefix: string;
  scopes: string[];
  status: KeyStatus;
  expires_at: Date | null;
  last_used_at: Date | null;
  created_at: Date;
  created_by_type: ActorType;
  created_by_id: string | null;
  revoked_at: Date | null;
  replaced_by_key_id: string | null;
  grace_expires_at: Date | null;
  rotation_interval_days: number | null;
  next_rotation_at: Date | null;
  rotation_webhook_url: string | null;
  rate_limit_rpm: number | null;
}

/** What verifying a key needs: the key and its tenant's status, plan, limits and allow-list. */
export interface KeyCredentialRow {
  id: string;
  tenant_id: string;
  project_id: string;
  environment_id: string;
  key_prefix: string;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  replaced_by_key_id: string | null;
  grace_expires_at: Date | null;
  rate_limit_rpm: number | null;
  tenant_status: string;
  plan: PlanName;
  custom_requests_per_minute: number | null;
  custom_search_per_minute: number | null;
  allowed_ip_ranges: string[];
}

/** A live key whose `expires_at` is within a week, with the notice due now. */
export interface ExpiringKeyRow {
  id: string;
  tenant_id: TenantId;
  name: string;
  key_prefix: string;
  project_id: string;
  environment_id: string;
  expires_at: Date;
  stage: '7d' | '1d';
}

export interface KeyTarget {
  projectId: string;
  environmentId: string;
  kind: KeyEnvironmentKind;
}

export interface NewKey {
  projectId: string;
  environmentId: string;
  name: string;
  keyPrefix: string;
  keyHash: string;
  scopes: string[];
  expiresAt: Date | null;
  createdBy: { type: ActorType; id: string | null };
  rotationIntervalDays: number | null;
  rotationWebhookUrl: string | null;
  rateLimitRpm: number | null;
}

export interface KeyListFilter {
  projectId?: string;
  environmentId?: string;
  /** undefined: every status but revoked; 'all': every key. */
  status?: KeyStatus | 'all';
  limit: number;
  offset: number;
}

const KEY_COLUMNS = `k.id, k.tenant_id, k.project_id, k.environment_id, k.name, k.key_prefix, k.scopes,
  ${STATUS_SQL} AS status, k.expires_at, k.last_used_at, k.created_at, k.created_by_type, k.created_by_id,
  k.revoked_at, k.replaced_by_key_id, k.grace_expires_at, k.rotation_interval_days, k.next_rotation_at,
  k.rotation_webhook_url, k.rate_limit_rpm`;

const DUE_SQL = `k.next_rotation_at <= now() AND k.revoked_at IS NULL AND k.replaced_by_key_id IS NULL
  AND (k.expires_at IS NULL OR k.expires_at > now())`;

/** One raw indexed query by HMAC (no ORM hydration on the hot path). */
const LOOKUP_SQL = `
  SELECT k.id, k.tenant_id, k.project_id, k.environment_id, k.key_prefix, k.scopes, k.expires_at,
         k.revoked_at, k.replaced_by_key_id, k.grace_expires_at, k.rate_limit_rpm, t.status AS tenant_status,
         t.plan, t.custom_requests_per_minute, t.custom_search_per_minute, t.allowed_ip_ranges
    FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
   WHERE k.key_hash = $1`;

/**
 * Every statement on `api_keys`. Tenant-scoped except the few named for what crosses tenants: key
 * verification by hash (`…AcrossTenants`), the rotation scheduler, expiry notices and the
 * `last_used_at` flush (`…ForWorker`).
 */
@Injectable()
export class ApiKeysRepository {
  /** Key verification: the key a stored HMAC names, whichever tenant holds it (the key is the credential). */
  async findByHashAcrossTenants(db: Db, keyHash: string): Promise<KeyCredentialRow | null> {
    const [row] = await queryRows<KeyCredentialRow>(db, LOOKUP_SQL, [keyHash]);
    return row ?? null;
  }

  async findView(db: Db, tenant: TenantId, id: string): Promise<KeyRow | null> {
    const [row] = await queryRows<KeyRow>(
      db,
      `SELECT ${KEY_COLUMNS} FROM api_keys k WHERE k.id = $1 AND k.tenant_id = $2`,
      [id, tenant],
    );
    return row ?? null;
  }

  /** The key row, locked until the end of the transaction (rotation, revocation). */
  async lockForUpdate(db: Db, tenant: TenantId, id: string): Promise<KeyRow | null> {
    const [row] = await queryRows<KeyRow>(
      db,
      `SELECT ${KEY_COLUMNS} FROM api_keys k WHERE k.id = $1 AND k.tenant_id = $2 FOR UPDATE`,
      [id, tenant],
    );
    return row ?? null;
  }

  list(db: Db, tenant: TenantId, filter: KeyListFilter): Promise<KeyRow[]> {
    const where = ['k.tenant_id = $1'];
    const params: unknown[] = [tenant];
    if (filter.projectId) {
      params.push(filter.projectId);
      where.push(`k.project_id = $${params.length}`);
    }
    if (filter.environmentId) {
      params.push(filter.environmentId);
      where.push(`k.environment_id = $${params.length}`);
    }
    if (filter.status === undefined) {
      where.push(`${STATUS_SQL} <> 'revoked'`);
    } else if (filter.status !== 'all') {
      params.push(filter.status);
      where.push(`${STATUS_SQL} = $${params.length}`);
    }
    params.push(filter.limit, filter.offset);
    return queryRows<KeyRow>(
      db,
      `SELECT ${KEY_COLUMNS} FROM api_keys k WHERE ${where.join(' AND ')}
        ORDER BY k.created_at DESC, k.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
  }

  /** The keys `id` replaced, newest first (the rotation chain back to the original key). */
  history(db: Db, tenant: TenantId, id: string): Promise<KeyRow[]> {
    return queryRows<KeyRow>(
      db,
      `WITH RECURSIVE chain(id, depth) AS (
         SELECT p.id, 1 FROM api_keys p WHERE p.replaced_by_key_id = $1 AND p.tenant_id = $2
         UNION ALL
         SELECT p.id, c.depth + 1 FROM api_keys p JOIN chain c ON p.replaced_by_key_id = c.id
          WHERE p.tenant_id = $2 AND c.depth < 1000)
       SELECT ${KEY_COLUMNS} FROM chain JOIN api_keys k ON k.id = chain.id ORDER BY chain.depth`,
      [id, tenant],
    );
  }

  async keyCreator(
    db: Db,
    tenant: TenantId,
    keyId: string,
  ): Promise<{ name: string; key_prefix: string } | null> {
    const [row] = await queryRows<{ name: string; key_prefix: string }>(
      db,
      `SELECT name, key_prefix FROM api_keys WHERE id = $1 AND tenant_id = $2`,
      [keyId, tenant],
    );
    return row ?? null;
  }

  async exists(db: Db, tenant: TenantId, id: string): Promise<boolean> {
    const rows = await queryRows(db, `SELECT 1 FROM api_keys WHERE id = $1 AND tenant_id = $2`, [id, tenant]);
    return rows.length > 0;
  }

  async countActive(db: Db, tenant: TenantId, projectId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM api_keys k WHERE k.project_id = $1 AND k.tenant_id = $2 AND ${ACTIVE_SQL}`,
      [projectId, tenant],
    );
    return row.n;
  }

  /** Keys of a project that still work: active, or in rotation grace (a project holding one stays). */
  async countWorking(db: Db, tenant: TenantId, projectId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM api_keys k
        WHERE k.project_id = $1 AND k.tenant_id = $2 AND k.revoked_at IS NULL
          AND (k.expires_at IS NULL OR k.expires_at > now())
          AND (k.replaced_by_key_id IS NULL OR k.grace_expires_at > now())`,
      [projectId, tenant],
    );
    return row.n;
  }

  async insert(db: Db, tenant: TenantId, key: NewKey): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      db,
      `INSERT INTO api_keys (tenant_id, project_id, environment_id, name, key_prefix, key_hash, scopes, expires_at,
                             created_by_type, created_by_id, rotation_interval_days, next_rotation_at,
                             rotation_webhook_url, rate_limit_rpm)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::int,
               CASE WHEN $11::int IS NULL THEN NULL ELSE now() + make_interval(days => $11::int) END, $12, $13)
       RETURNING id`,
      [
        tenant,
        key.projectId,
        key.environmentId,
        key.name,
        key.keyPrefix,
        key.keyHash,
        key.scopes,
        key.expiresAt,
        key.createdBy.type,
        key.createdBy.id,
        key.rotationIntervalDays,
        key.rotationWebhookUrl,
        key.rateLimitRpm,
      ],
    );
    return row.id;
  }

  /**
   * Marks `id` as replaced by `successorId` — only if it still is neither revoked nor replaced (the
   * conditional update decides racing rotations). Grace 0 revokes it at once.
   */
  async markReplaced(
    db: Db,
    tenant: TenantId,
    id: string,
    successorId: string,
    graceSeconds: number,
  ): Promise<boolean> {
    const rows = await queryRows(
      db,
      `UPDATE api_keys
          SET replaced_by_key_id = $3,
              grace_expires_at = CASE WHEN $4::int > 0 THEN now() + make_interval(secs => $4::int) END,
              revoked_at = CASE WHEN $4::int = 0 THEN now() END,
              next_rotation_at = NULL
        WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL AND replaced_by_key_id IS NULL
        RETURNING id`,
      [id, tenant, successorId, graceSeconds],
    );
    return rows.length === 1;
  }

  async revoke(db: Db, tenant: TenantId, id: string): Promise<boolean> {
    const rows = await queryRows(
      db,
      `UPDATE api_keys SET revoked_at = now(), next_rotation_at = NULL
        WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL RETURNING id`,
      [id, tenant],
    );
    return rows.length === 1;
  }

  /** Cheap probe before opening a transaction: is any key of any tenant due for rotation? */
  async anyDueForWorker(db: Db): Promise<boolean> {
    const rows = await queryRows(db, `SELECT 1 FROM api_keys k WHERE ${DUE_SQL} LIMIT 1`);
    return rows.length > 0;
  }

  /**
   * Claims one due key for this transaction. SKIP LOCKED: instances polling at once each take a
   * different key, and a key being rotated elsewhere is skipped (then no longer due once committed).
   */
  async claimDueForWorker(db: Db): Promise<KeyRow | null> {
    const [row] = await queryRows<KeyRow>(
      db,
      `SELECT ${KEY_COLUMNS} FROM api_keys k WHERE ${DUE_SQL}
        ORDER BY k.next_rotation_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return row ?? null;
  }

  /** The `last_used_at` flush: one statement for the keys of every tenant used since the last one. */
  async touchLastUsedForWorker(db: Db, ids: readonly string[], usedAt: readonly Date[]): Promise<void> {
    await queryRows(
      db,
      `UPDATE api_keys k SET last_used_at = v.at
         FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at)
        WHERE k.id = v.id AND (k.last_used_at IS NULL OR k.last_used_at < v.at)`,
      [ids, usedAt],
    );
  }

  /**
   * Expiry notices (every tenant's keys): live keys whose `expires_at` is within 7 days of `now` and
   * whose notice for that stage has no mark yet, soonest first.
   */
  expiringForWorker(db: Db, now: Date, limit: number): Promise<ExpiringKeyRow[]> {
    return queryRows<ExpiringKeyRow>(
      db,
      `SELECT k.id, k.tenant_id, k.name, k.key_prefix, k.project_id, k.environment_id, k.expires_at, s.stage
         FROM api_keys k
         CROSS JOIN LATERAL (SELECT CASE WHEN k.expires_at <= $1::timestamptz + interval '1 day' THEN '1d' ELSE '7d' END AS stage) s
        WHERE k.revoked_at IS NULL AND k.replaced_by_key_id IS NULL
          AND k.expires_at > $1 AND k.expires_at <= $1::timestamptz + interval '7 days'
          AND NOT EXISTS (SELECT 1 FROM webhook_event_marks m
                           WHERE m.tenant_id = k.tenant_id AND m.mark = 'api_key.expiring:' || k.id::text || ':' || s.stage)
        ORDER BY k.expires_at LIMIT $2`,
      [now, limit],
    );
  }
}
