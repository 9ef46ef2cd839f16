import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeFeed } from '../database/change-feed.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { Origin } from '../common/principal.js';
import type { TenantId } from '../common/tenant-id.js';
import { PLAN_NAMES, type PlanName, type TenantStatus } from '../common/vocabulary.js';
import { TenantsRepository, type TenantSummary } from './tenants.repository.js';

export type { TenantSummary } from './tenants.repository.js';

export type Actor = { type: 'user' | 'api_key' | 'system'; id: string | null };

/**
 * Operator-level changes to a tenant: plan, custom limits, suspension. The operator CLI (and tests)
 * name the tenant by the id typed (`string`): it is looked up and locked through
 * `TenantsRepository.lockForOperator` before anything changes; PUT /portal/plan passes the caller's.
 */
@Injectable()
export class TenantAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenants: TenantsRepository,
    private readonly audit: AuditService,
    private readonly changes: ChangeFeed,
  ) {}

  list(): Promise<TenantSummary[]> {
    return this.tenants.listForOperator(this.dataSource);
  }

  /**
   * Changes the plan (audited `plan.changed` when it differs); answers the previous plan. Every
   * change here goes through the change feed, so cached key verifications of the tenant (limits,
   * status) are dropped on every instance.
   */
  async setPlan(tenantId: string, plan: string, actor: Actor, origin?: Origin): Promise<PlanName> {
    if (!(PLAN_NAMES as readonly string[]).includes(plan)) {
      throw ApiError.field('plan', `must be one of: ${PLAN_NAMES.join(', ')}`);
    }
    return this.changes.transaction(async (manager, publish) => {
      const { tenant, row } = await this.lock(manager, tenantId);
      if (row.plan !== plan) {
        await this.tenants.setPlan(manager, tenant, plan as PlanName);
        await publish({ kind: 'tenant', tenantId: tenant });
        await this.audit.record(
          {
            tenantId: tenant,
            action: 'plan.changed',
            actor,
            target: { type: 'tenant', id: tenant },
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
    await this.changes.transaction(async (manager, publish) => {
      const { tenant } = await this.lock(manager, tenantId);
      await this.tenants.setLimits(manager, tenant, limits);
      await publish({ kind: 'tenant', tenantId: tenant });
    });
  }

  /** Suspends or resumes a tenant (a suspended tenant's keys and tokens get 403 forbidden). */
  async setStatus(tenantId: string, status: TenantStatus, actor: Actor): Promise<boolean> {
    return this.changes.transaction(async (manager, publish) => {
      const { tenant, row } = await this.lock(manager, tenantId);
      if (row.status === status) return false;
      await this.tenants.setStatus(manager, tenant, status);
      await publish({ kind: 'tenant', tenantId: tenant });
      await this.audit.record(
        {
          tenantId: tenant,
          action: status === 'suspended' ? 'tenant.suspended' : 'tenant.resumed',
          actor,
          target: { type: 'tenant', id: tenant },
        },
        manager,
      );
      return true;
    });
  }

  /** The tenant the operator named, locked for this transaction (404 when there is none). */
  private async lock(
    manager: EntityManager,
    tenantId: string,
  ): Promise<{ tenant: TenantId; row: { plan: PlanName; status: TenantStatus } }> {
    const row = await this.tenants.lockForOperator(manager, tenantId);
    if (!row) throw ApiError.notFound('Tenant');
    return { tenant: row.id, row };
  }
}
