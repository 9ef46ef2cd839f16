import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CollectionsService } from '../collections/collections.service.js';
import { ApiError } from '../common/api-error.js';
import type { Caller } from '../common/principal.js';
import type { TenantId } from '../common/tenant-id.js';
import { TenantAdminService } from '../tenancy/tenant-admin.service.js';
import type { PlanName } from '../common/vocabulary.js';
import { TenantsRepository } from '../tenancy/tenants.repository.js';
import { usageAmounts } from '../usage/billing.js';
import type { UsageDto } from './dto/usage.dto.js';
import { MeteringService, periodOf } from '../usage/metering.service.js';
import { PLANS } from '../usage/plans.js';

/** rules §7 usage: plan, counters of a period, the overage arithmetic, the effective limits. */
@Injectable()
export class UsageReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metering: MeteringService,
    private readonly collections: CollectionsService,
    private readonly admin: TenantAdminService,
    private readonly tenants: TenantsRepository,
  ) {}

  async usage(tenantId: TenantId, period: string = periodOf()): Promise<UsageDto> {
    const tenant = await this.tenants.limits(this.dataSource, tenantId);
    if (!tenant) throw ApiError.notFound('Tenant');
    await this.metering.flush(); // this instance's latest counts; other instances flush every 2 s
    const [counts, records] = await Promise.all([
      this.metering.read(tenantId, period),
      this.collections.totalRecords(tenantId),
    ]);
    const plan = PLANS[tenant.plan];
    const amounts = usageAmounts(tenant.plan, records, counts.searches);
    return {
      tenant_id: tenantId,
      plan: tenant.plan,
      period,
      records: amounts.records,
      searches: amounts.searches,
      rate_limit: {
        requests_per_minute: tenant.custom_requests_per_minute ?? plan.requestsPerMinute,
        search_per_minute: tenant.custom_search_per_minute ?? plan.searchPerMinute,
        max_collections: plan.maxCollections,
      },
      allows_overage: plan.allowsOverage,
      estimated_overage_total: amounts.estimated_overage_total,
    };
  }

  /** PUT /portal/plan (owner): changes the plan, audited `plan.changed`; answers the usage on the new plan. */
  async changePlan(caller: Caller, plan: PlanName): Promise<UsageDto> {
    const { principal } = caller;
    if (principal.type !== 'user') throw ApiError.forbidden('Only a portal session can change the plan.');
    await this.admin.setPlan(principal.tenantId, plan, { type: 'user', id: principal.userId }, caller);
    return this.usage(principal.tenantId);
  }
}
