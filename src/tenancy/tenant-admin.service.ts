import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeFeed } from '../database/change-feed.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { Origin } from '../common/principal.js';
import { queryRows } from '../common/sql.js';
import { requireTenant } from '../common/tenant-scope.js';
import { PLAN_NAMES, type PlanName, type TenantStatus } from './tenant.entity.js';

export interface TenantSummary {
  id: string;
  name: string;
  plan: PlanName;
  status: TenantStatus;
  custom_requests_per_minute: number | null;
  custom_search_per_minute: number | null;
  members: number;
  created_at: Date;
}

export type Actor = { type: 'user' | 'api_key' | 'system'; id: string | null };

/** Operator-level changes to a tenant: plan, custom limits, suspension (CLI and PUT /portal/plan). */
@Injectable()
export class TenantAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly changes: ChangeFeed,
  ) {}

  list(): Promise<TenantSummary[]> {
    return queryRows<TenantSummary>(
      this.dataSource,
      `SELECT t.id, t.name, t.plan, t.status, t.custom_requests_per_minute, t.custom_search_per_minute,
              (SELECT count(*)::int FROM memberships m WHERE m.tenant_id = t.id) AS members, t.created_at
         FROM tenants t ORDER BY t.created_at, t.id`,
    );
  }

  /**
   * Changes the plan (audited `plan.changed` when it differs); answers the previous plan. Every
   * change here goes through the change feed, so cached key verifications of the tenant (limits,
   * status) are dropped on every instance.
   */
  async setPlan(tenantId: string, plan: string, actor: Actor, origin?: Origin): Promise<PlanName> {
    requireTenant(tenantId);
    if (!(PLAN_NAMES as readonly string[]).includes(plan)) {
      throw ApiError.field('plan', `must be one of: ${PLAN_NAMES.join(', ')}`);
    }
    return this.changes.transaction(async (manager, publish) => {
      const [row] = await queryRows<{ plan: PlanName }>(
        manager,
        `SELECT plan FROM tenants WHERE id = $1 FOR UPDATE`,
        [tenantId],
      );
      if (!row) throw ApiError.notFound('Tenant');
      if (row.plan !== plan) {
        await manager.query(`UPDATE tenants SET plan = $2, updated_at = now() WHERE id = $1`, [
          tenantId,
          plan,
        ]);
        await publish({ kind: 'tenant', tenantId });
        await this.audit.record(
          {
            tenantId,
            action: 'plan.changed',
            actor,
            target: { type: 'tenant', id: tenantId },
            origin,
            metadata: { from: row.plan, to: plan },
          },
          manager,
        );
      }
      return row.plan;
    });
  }

  /** Operator limits over the plan's (null restores the plan's). */
  async setLimits(
    tenantId: string,
    limits: { requestsPerMinute?: number | null; searchPerMinute?: number | null },
  ): Promise<void> {
    requireTenant(tenantId);
    await this.changes.transaction(async (manager, publish) => {
      const rows = await queryRows<{ id: string }>(
        manager,
        `UPDATE tenants
            SET custom_requests_per_minute = CASE WHEN $2::boolean THEN $3::int ELSE custom_requests_per_minute END,
                custom_search_per_minute = CASE WHEN $4::boolean THEN $5::int ELSE custom_search_per_minute END,
                updated_at = now()
          WHERE id = $1 RETURNING id`,
        [
          tenantId,
          limits.requestsPerMinute !== undefined,
          limits.requestsPerMinute ?? null,
          limits.searchPerMinute !== undefined,
          limits.searchPerMinute ?? null,
        ],
      );
      if (rows.length === 0) throw ApiError.notFound('Tenant');
      await publish({ kind: 'tenant', tenantId });
    });
  }

  /** Suspends or resumes a tenant (a suspended tenant's keys and tokens get 403 forbidden). */
  async setStatus(tenantId: string, status: TenantStatus, actor: Actor): Promise<boolean> {
    requireTenant(tenantId);
    return this.changes.transaction(async (manager, publish) => {
      const [row] = await queryRows<{ status: TenantStatus }>(
        manager,
        `SELECT status FROM tenants WHERE id = $1 FOR UPDATE`,
        [tenantId],
      );
      if (!row) throw ApiError.notFound('Tenant');
      if (row.status === status) return false;
      await manager.query(`UPDATE tenants SET status = $2, updated_at = now() WHERE id = $1`, [
        tenantId,
        status,
      ]);
      await publish({ kind: 'tenant', tenantId });
      await this.audit.record(
        {
          tenantId,
          action: status === 'suspended' ? 'tenant.suspended' : 'tenant.resumed',
          actor,
          target: { type: 'tenant', id: tenantId },
        },
        manager,
      );
      return true;
    });
  }
}
