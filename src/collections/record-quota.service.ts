import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import type { TenantId } from '../common/tenant-id.js';
import { PLANS } from '../usage/plans.js';
import { UsageThresholds } from '../webhook-endpoints/usage-thresholds.service.js';
import { CollectionsService } from './collections.service.js';
import { RecordsRepository, type ReplacingScope } from './records.repository.js';

/**
 * The record cap of capped plans (rules §5, §7): a tenant never holds more records than
 * `records_included`. Decided inside the writing transaction under a per-tenant advisory lock, so
 * concurrent uploads and writes of one tenant are counted one after the other and never overshoot.
 */
@Injectable()
export class RecordQuota {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly collections: CollectionsService,
    private readonly records: RecordsRepository,
    private readonly thresholds: UsageThresholds,
  ) {}

  /** The tenant's record cap (null: its plan has none). */
  async capOf(tenantId: TenantId): Promise<number | null> {
    const plan = PLANS[await this.collections.planOf(this.dataSource, tenantId)];
    return plan.recordsCapped ? plan.recordsIncluded : null;
  }

  /**
   * How many of `wanted` new records may be added now (all of them on uncapped plans). Call inside
   * the transaction that writes them; the lock is held until it ends. `replacing`: the replace upload
   * asking, whose record type's live records are about to be swapped out (see `countForQuota`).
   */
  async allowance(
    manager: EntityManager,
    tenantId: TenantId,
    wanted: number,
    replacing?: ReplacingScope,
    /** Settles before the lock is taken (a parallel chunk waits for the one before it: no lock cycle). */
    before?: Promise<unknown>,
  ): Promise<{ allowed: number; cap: number | null }> {
    if (wanted <= 0) return { allowed: 0, cap: null };
    const plan = PLANS[await this.collections.planOf(manager, tenantId)];
    if (!plan.recordsCapped || plan.recordsIncluded === null) return { allowed: wanted, cap: null };
    if (before) await before;
    await this.records.lockQuota(manager, tenantId);
    const used = await this.records.countForQuota(manager, tenantId, replacing);
    const allowed = Math.max(0, Math.min(wanted, plan.recordsIncluded - used));
    // `usage.threshold` for records, in the writing transaction: it commits with the records.
    await this.thresholds.check(
      tenantId,
      'records',
      new Date().toISOString().slice(0, 7),
      used + allowed,
      plan.recordsIncluded,
      manager,
    );
    return { allowed, cap: plan.recordsIncluded };
  }

  /** For a single write: throws 403 `plan_limit_reached` when the record would go over the cap. */
  async requireRoom(manager: EntityManager, tenantId: TenantId): Promise<void> {
    const { allowed, cap } = await this.allowance(manager, tenantId, 1);
    if (allowed < 1) throw planLimit(cap);
  }
}

export function planLimitMessage(cap: number | null): string {
  return `plan_limit_reached: the plan's record cap of ${cap ?? 'its'} records is reached`;
}

function planLimit(cap: number | null): ApiError {
  return ApiError.forbidden(
    `The plan's record cap of ${cap} records is reached; delete records or change the plan.`,
    'plan_limit_reached',
    { limit: cap },
  );
}
