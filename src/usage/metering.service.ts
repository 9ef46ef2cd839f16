import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { UsageThresholds } from '../webhook-endpoints/usage-thresholds.service.js';
import type { TenantId } from '../common/tenant-id.js';
import type { PlanName } from '../common/vocabulary.js';
import { TenantsRepository } from '../tenancy/tenants.repository.js';
import { PLANS } from './plans.js';
import { UsageCountersRepository } from './usage-counters.repository.js';

/** A UTC month, "YYYY-MM": the metering period (rules §7). */
export function periodOf(at: Date = new Date()): string {
  return at.toISOString().slice(0, 7);
}

export interface UsageCounts {
  tenantId: string;
  period: string;
  /** Searches (`POST /search/*`, portal searches included) in the period. */
  searches: number;
  /** Open searches per collection of the tenant in the period, by collection name. */
  openSearches: { collection: string; openSearches: number }[];
  totalOpenSearches: number;
}

const FLUSH_INTERVAL_MS = 2000;

/**
 * Usage counters: searches per tenant per UTC month (`usage_search_counts`) and open searches per
 * (tenant, collection, month) (`usage_open_search_counts`). Counting is a map increment in memory;
 * the buffer is written every 2 s and at shutdown as one atomic upsert per table
 * (`n = n + EXCLUDED.n`), so counts are exact across instances and under concurrency. A failed
 * write keeps its deltas for the next flush.
 */
@Injectable()
export class MeteringService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Metering');
  private searches = new Map<string, number>();
  private openSearches = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly thresholds: UsageThresholds,
    private readonly counters: UsageCountersRepository,
    private readonly tenants: TenantsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /**
   * Admits one search of a tenant and counts it; answers how to give it back if the search then
   * fails. On plans without overage (free) the monthly counter is the quota, decided by one conditional
   * upsert in the database (exact across instances): past `searches_included`, 429 `quota_exceeded`
   * until the next UTC month. Other plans count in the buffer.
   */
  async admitSearch(
    tenantId: TenantId,
    planName: PlanName,
    at: Date = new Date(),
  ): Promise<() => Promise<void>> {
    const plan = PLANS[planName];
    const period = periodOf(at);
    if (plan.allowsOverage || plan.searchesIncluded === null) {
      this.countSearch(tenantId, at);
      return async () => {
        const key = `${tenantId}|${period}`;
        const n = (this.searches.get(key) ?? 0) - 1;
        if (n > 0) this.searches.set(key, n);
        else this.searches.delete(key);
      };
    }
    const searches = await this.counters.addSearchWithin(
      this.dataSource,
      tenantId,
      period,
      plan.searchesIncluded,
    );
    if (searches === null) {
      const nextMonth = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
      throw ApiError.tooMany(
        'quota_exceeded',
        `The ${planName} plan includes ${plan.searchesIncluded} searches a month; they are used up until ${new Date(nextMonth).toISOString()}.`,
        (nextMonth - at.getTime()) / 1000,
      );
    }
    // The counter is committed: a threshold it reached is emitted now (once across instances).
    // A failure here must not fail the admitted search: the next search checks again.
    await this.thresholds
      .check(tenantId, 'searches', period, searches, plan.searchesIncluded)
      .catch((error: Error) => this.logger.warn(`usage threshold check failed: ${error.message}`));
    return () => this.counters.removeSearch(this.dataSource, tenantId, period);
  }

  /** Counts one search of a tenant. */
  countSearch(tenantId: TenantId, at: Date = new Date()): void {
    const key = `${tenantId}|${periodOf(at)}`;
    this.searches.set(key, (this.searches.get(key) ?? 0) + 1);
  }

  /** Counts one open search for each (tenant, collection) given (callers pass each pair once per search). */
  countOpenSearch(
    appearances: Iterable<{ tenantId: string; collection: string }>,
    at: Date = new Date(),
  ): void {
    const period = periodOf(at);
    for (const { tenantId, collection } of appearances) {
      const key = `${tenantId}|${collection}|${period}`;
      this.openSearches.set(key, (this.openSearches.get(key) ?? 0) + 1);
    }
  }

  /** Writes the buffered counts now (flushes never overlap). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  /** The stored counters of one tenant and period (call `flush()` first to include this instance's latest). */
  async read(tenantId: TenantId, period: string = periodOf()): Promise<UsageCounts> {
    const [searches, openRows] = await Promise.all([
      this.counters.searches(this.dataSource, tenantId, period),
      this.counters.openSearches(this.dataSource, tenantId, period),
    ]);
    const openSearches = openRows.map((r) => ({
      collection: r.collection,
      openSearches: Number(r.open_searches),
    }));
    return {
      tenantId,
      period,
      searches,
      openSearches,
      totalOpenSearches: openSearches.reduce((sum, r) => sum + r.openSearches, 0),
    };
  }

  private async write(): Promise<void> {
    const searches = this.searches;
    const openSearches = this.openSearches;
    if (searches.size === 0 && openSearches.size === 0) return;
    this.searches = new Map();
    this.openSearches = new Map();
    try {
      if (searches.size > 0) await this.writeSearches(searches);
    } catch (error) {
      this.restore(this.searches, searches);
      this.restore(this.openSearches, openSearches);
      this.logger.warn(`writing usage counters failed, kept for the next flush: ${(error as Error).message}`);
      return;
    }
    try {
      if (openSearches.size > 0) await this.writeOpenSearches(openSearches);
    } catch (error) {
      this.restore(this.openSearches, openSearches);
      this.logger.warn(
        `writing open-search counters failed, kept for the next flush: ${(error as Error).message}`,
      );
    }
  }

  private async writeSearches(counts: Map<string, number>): Promise<void> {
    const tenants: string[] = [];
    const periods: string[] = [];
    const deltas: number[] = [];
    for (const [key, n] of counts) {
      const [tenantId, period] = key.split('|');
      tenants.push(tenantId);
      periods.push(period);
      deltas.push(n);
    }
    const totals = await this.counters.addSearchesForWorker(this.dataSource, {
      tenantIds: tenants,
      periods,
      deltas,
    });
    // Never fails the flush (that would count the written deltas again).
    await this.checkThresholds(totals).catch((error: Error) =>
      this.logger.warn(`usage threshold check failed: ${error.message}`),
    );
  }

  /** `usage.threshold` for buffered counters: the totals a flush wrote, against each tenant's plan. */
  private async checkThresholds(
    totals: { tenant_id: TenantId; period: string; searches: string }[],
  ): Promise<void> {
    const lowest = Math.min(
      ...Object.values(PLANS).map((p) => (p.searchesIncluded ? p.searchesIncluded * 0.8 : Infinity)),
    );
    const near = totals.filter((r) => Number(r.searches) >= lowest);
    if (near.length === 0) return;
    const plans = await this.tenants.plansForWorker(
      this.dataSource,
      near.map((r) => r.tenant_id),
    );
    const planOf = new Map<string, PlanName>(plans.map((p) => [p.id, p.plan]));
    for (const row of near) {
      const plan = planOf.get(row.tenant_id);
      if (!plan) continue;
      await this.thresholds
        .check(row.tenant_id, 'searches', row.period, Number(row.searches), PLANS[plan].searchesIncluded)
        .catch((error: Error) => this.logger.warn(`usage threshold check failed: ${error.message}`));
    }
  }

  private async writeOpenSearches(counts: Map<string, number>): Promise<void> {
    const tenants: string[] = [];
    const collections: string[] = [];
    const periods: string[] = [];
    const deltas: number[] = [];
    for (const [key, n] of counts) {
      const [tenantId, collection, period] = key.split('|');
      tenants.push(tenantId);
      collections.push(collection);
      periods.push(period);
      deltas.push(n);
    }
    await this.counters.addOpenSearchesForWorker(this.dataSource, {
      tenantIds: tenants,
      collections,
      periods,
      deltas,
    });
  }

  private restore(into: Map<string, number>, from: Map<string, number>): void {
    for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n);
  }
}
