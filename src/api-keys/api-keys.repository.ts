import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { KeyEnvironmentKind } from '../auth/api-key-format.js';
import { queryRows } from '../common/sql.js';
import type { PlanName } from '../tenancy/tenant.entity.js';
import type { ActorType } from './api-key.entity.js';
import { ACTIVE_SQL, STATUS_SQL, type KeyStatus } from './key-policy.js';

type Db = DataSource | EntityManager;

/** An api_keys row as the views need it, with its derived status. */
export interface KeyRow {
  id: string;
  tenant_id: string;
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

/** What key rules need to know about the tenant. */
export interface TenantKeyPolicy {
  plan: PlanName;
  require_key_expiration: boolean;
  max_key_lifetime_days: number | null;
  custom_requests_per_minute: number | null;
}

export interface KeyTarget {
  projectId: string;
  environmentId: string;
  kind: KeyEnvironmentKind;
}

export interface NewKey {
  tenantId: string;
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

/** The SQL of API keys. Every method is tenant-scoped except the scheduler's claim (all tenants by design). */
@Injectable()
export class ApiKeysRepository {
  async tenantPolicy(db: Db, tenantId: string): Promise<TenantKeyPolicy> {
    const [row] = await queryRows<TenantKeyPolicy>(
      db,
      `SELECT plan, require_key_expiration, max_key_lifetime_days, custom_requests_per_minute
         FROM tenants WHERE id = $1`,
      [tenantId],
    );
    if (!row) throw new Error(`tenant ${tenantId} not found`);
    return row;
  }

  async findView(db: Db, tenantId: string, id: string): Promise<KeyRow | null> {
    const [row] = await queryRows<KeyRow>(
      db,
      `SELECT ${KEY_COLUMNS} FROM api_keys k WHERE k.id = $1 AND k.tenant_id = $2`,
      [id, tenantId],
    );
    return row ?? null;
  }

  /** The key row, locked until the end of the transaction (rotation, revocation). */
  async lockForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<KeyRow | null> {
    const [row] = await queryRows<KeyRow>(
      manager,
      `SELECT ${KEY_COLUMNS} FROM api_keys k WHERE k.id = $1 AND k.tenant_id = $2 FOR UPDATE`,
      [id, tenantId],
    );
    return row ?? null;
  }

  list(db: Db, tenantId: string, filter: KeyListFilter): Promise<KeyRow[]> {
    const where = ['k.tenant_id = $1'];
    const params: unknown[] = [tenantId];
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
  history(db: Db, tenantId: string, id: string): Promise<KeyRow[]> {
    return queryRows<KeyRow>(
      db,
      `WITH RECURSIVE chain(id, depth) AS (
         SELECT p.id, 1 FROM api_keys p WHERE p.replaced_by_key_id = $1 AND p.tenant_id = $2
         UNION ALL
         SELECT p.id, c.depth + 1 FROM api_keys p JOIN chain c ON p.replaced_by_key_id = c.id
          WHERE p.tenant_id = $2 AND c.depth < 1000)
       SELECT ${KEY_COLUMNS} FROM chain JOIN api_keys k ON k.id = chain.id ORDER BY chain.depth`,
      [id, tenantId],
    );
  }

  async userCreator(db: Db, userId: string): Promise<{ email: string; display_name: string | null } | null> {
    const [row] = await queryRows<{ email: string; display_name: string | null }>(
      db,
      `SELECT email, display_name FROM users WHERE id = $1`,
      [userId],
    );
    return row ?? null;
  }

  async keyCreator(
    db: Db,
    tenantId: string,
    keyId: string,
  ): Promise<{ name: string; key_prefix: string } | null> {
    const [row] = await queryRows<{ name: string; key_prefix: string }>(
      db,
      `SELECT name, key_prefix FROM api_keys WHERE id = $1 AND tenant_id = $2`,
      [keyId, tenantId],
    );
    return row ?? null;
  }

  async projectExists(db: Db, tenantId: string, projectId: string): Promise<boolean> {
    const rows = await queryRows(db, `SELECT 1 FROM projects WHERE id = $1 AND tenant_id = $2`, [
      projectId,
      tenantId,
    ]);
    return rows.length > 0;
  }

  async environment(
    db: Db,
    tenantId: string,
    environmentId: string,
  ): Promise<{ id: string; project_id: string; kind: KeyEnvironmentKind } | null> {
    const [row] = await queryRows<{ id: string; project_id: string; kind: KeyEnvironmentKind }>(
      db,
      `SELECT id, project_id, kind FROM environments WHERE id = $1 AND tenant_id = $2`,
      [environmentId, tenantId],
    );
    return row ?? null;
  }

  /**
   * Locks the project row for the rest of the transaction (FOR NO KEY UPDATE: creates in one project
   * take turns, so the active-key count cannot be overshot, while inserts elsewhere are not blocked).
   * `projectId` null: the tenant's `default` project.
   */
  async lockProject(
    manager: EntityManager,
    tenantId: string,
    projectId: string | null,
  ): Promise<string | null> {
    const [row] = await queryRows<{ id: string }>(
      manager,
      projectId
        ? `SELECT id FROM projects WHERE id = $2 AND tenant_id = $1 FOR NO KEY UPDATE`
        : `SELECT id FROM projects WHERE tenant_id = $1 AND name = 'default' FOR NO KEY UPDATE`,
      projectId ? [tenantId, projectId] : [tenantId],
    );
    return row?.id ?? null;
  }

  /** The environment keys of a project get by default: `production`, else the first live one, else the first. */
  async defaultEnvironment(
    db: Db,
    projectId: string,
  ): Promise<{ id: string; kind: KeyEnvironmentKind } | null> {
    const [row] = await queryRows<{ id: string; kind: KeyEnvironmentKind }>(
      db,
      `SELECT id, kind FROM environments WHERE project_id = $1
        ORDER BY (name = 'production') DESC, (kind = 'live') DESC, created_at, id LIMIT 1`,
      [projectId],
    );
    return row ?? null;
  }

  async environmentKind(db: Db, environmentId: string): Promise<KeyEnvironmentKind> {
    const [row] = await queryRows<{ kind: KeyEnvironmentKind }>(
      db,
      `SELECT kind FROM environments WHERE id = $1`,
      [environmentId],
    );
    if (!row) throw new Error(`environment ${environmentId} not found`);
    return row.kind;
  }

  async countActive(db: Db, projectId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM api_keys k WHERE k.project_id = $1 AND ${ACTIVE_SQL}`,
      [projectId],
    );
    return row.n;
  }

  async insert(manager: EntityManager, key: NewKey): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      manager,
      `INSERT INTO api_keys (tenant_id, project_id, environment_id, name, key_prefix, key_hash, scopes, expires_at,
                             created_by_type, created_by_id, rotation_interval_days, next_rotation_at,
                             rotation_webhook_url, rate_limit_rpm)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::int,
               CASE WHEN $11::int IS NULL THEN NULL ELSE now() + make_interval(days => $11::int) END, $12, $13)
       RETURNING id`,
      [
        key.tenantId,
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
    manager: EntityManager,
    tenantId: string,
    id: string,
    successorId: string,
    graceSeconds: number,
  ): Promise<boolean> {
    const rows = await queryRows(
      manager,
      `UPDATE api_keys
          SET replaced_by_key_id = $3,
              grace_expires_at = CASE WHEN $4::int > 0 THEN now() + make_interval(secs => $4::int) END,
              revoked_at = CASE WHEN $4::int = 0 THEN now() END,
              next_rotation_at = NULL
        WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL AND replaced_by_key_id IS NULL
        RETURNING id`,
      [id, tenantId, successorId, graceSeconds],
    );
    return rows.length === 1;
  }

  async revoke(manager: EntityManager, tenantId: string, id: string): Promise<boolean> {
    const rows = await queryRows(
      manager,
      `UPDATE api_keys SET revoked_at = now(), next_rotation_at = NULL
        WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL RETURNING id`,
      [id, tenantId],
    );
    return rows.length === 1;
  }

  /** Cheap probe before opening a transaction: is any key of any tenant due for rotation? */
  async anyDue(db: Db): Promise<boolean> {
    const rows = await queryRows(db, `SELECT 1 FROM api_keys k WHERE ${DUE_SQL} LIMIT 1`);
    return rows.length > 0;
  }

  /**
   * Claims one due key for this transaction. SKIP LOCKED: instances polling at once each take a
   * different key, and a key being rotated elsewhere is skipped (then no longer due once committed).
   */
  async claimDue(manager: EntityManager): Promise<KeyRow | null> {
    const [row] = await queryRows<KeyRow>(
      manager,
      `SELECT ${KEY_COLUMNS} FROM api_keys k WHERE ${DUE_SQL}
        ORDER BY k.next_rotation_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return row ?? null;
  }
}
