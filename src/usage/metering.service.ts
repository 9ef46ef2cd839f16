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
import { queryRows } from '../common/sql.js';
import { requireTenant } from '../common/tenant-scope.js';
import type { PlanName } from '../tenancy/tenant.entity.js';
import { PLANS } from './plans.js';

/** A UTC month, "YYYY-MM": the metering period (SPEC §7). */
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
    tenantId: string,
    planName: PlanName,
    at: Date = new Date(),
  ): Promise<() => Promise<void>> {
    requireTenant(tenantId);
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
    const rows = await queryRows<{ searches: string }>(
      this.dataSource,
      `INSERT INTO usage_search_counts AS t (tenant_id, period, searches) VALUES ($1, $2, 1)
       ON CONFLICT (tenant_id, period) DO UPDATE SET searches = t.searches + 1, updated_at = now()
        WHERE t.searches < $3
       RETURNING searches`,
      [tenantId, period, plan.searchesIncluded],
    );
    if (rows.length === 0) {
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
      .check(tenantId, 'searches', period, Number(rows[0].searches), plan.searchesIncluded)
      .catch((error: Error) => this.logger.warn(`usage threshold check failed: ${error.message}`));
    return async () => {
      await this.dataSource.query(
        `UPDATE usage_search_counts SET searches = searches - 1 WHERE tenant_id = $1 AND period = $2 AND searches > 0`,
        [tenantId, period],
      );
    };
  }

  /** Counts one search of a tenant. */
  countSearch(tenantId: string, at: Date = new Date()): void {
    requireTenant(tenantId);
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
      requireTenant(tenantId);
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
  async read(tenantId: string, period: string = periodOf()): Promise<UsageCounts> {
    requireTenant(tenantId);
    const [searchRows, openRows] = await Promise.all([
      queryRows<{ searches: string }>(
        this.dataSource,
        `SELECT searches FROM usage_search_counts WHERE tenant_id = $1 AND period = $2`,
        [tenantId, period],
      ),
      queryRows<{ collection: string; open_searches: string }>(
        this.dataSource,
        `SELECT collection, open_searches FROM usage_open_search_counts
          WHERE tenant_id = $1 AND period = $2 ORDER BY collection`,
        [tenantId, period],
      ),
    ]);
    const openSearches = openRows.map((r) => ({
      collection: r.collection,
      openSearches: Number(r.open_searches),
    }));
    return {
      tenantId,
      period,
      searches: Number(searchRows[0]?.searches ?? 0),
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
    const totals = await queryRows<{ tenant_id: string; period: string; searches: string }>(
      this.dataSource,
      `INSERT INTO usage_search_counts AS t (tenant_id, period, searches)
       SELECT u.* FROM unnest($1::uuid[], $2::varchar[], $3::bigint[]) AS u (tenant_id, period, searches)
         JOIN tenants ON tenants.id = u.tenant_id -- a tenant deleted meanwhile must not block the batch
       ON CONFLICT (tenant_id, period) DO UPDATE SET searches = t.searches + EXCLUDED.searches, updated_at = now()
       RETURNING t.tenant_id, t.period, t.searches`,
      [tenants, periods, deltas],
    );
    // Never fails the flush (that would count the written deltas again).
    await this.checkThresholds(totals).catch((error: Error) =>
      this.logger.warn(`usage threshold check failed: ${error.message}`),
    );
  }

  /** `usage.threshold` for buffered counters: the totals a flush wrote, against each tenant's plan. */
  private async checkThresholds(
    totals: { tenant_id: string; period: string; searches: string }[],
  ): Promise<void> {
    const lowest = Math.min(
      ...Object.values(PLANS).map((p) => (p.searchesIncluded ? p.searchesIncluded * 0.8 : Infinity)),
    );
    const near = totals.filter((r) => Number(r.searches) >= lowest);
    if (near.length === 0) return;
    const plans = await queryRows<{ id: string; plan: PlanName }>(
      this.dataSource,
      `SELECT id, plan FROM tenants WHERE id = ANY($1::uuid[])`,
      [near.map((r) => r.tenant_id)],
    );
    const planOf = new Map(plans.map((p) => [p.id, p.plan]));
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
    await this.dataSource.query(
      `INSERT INTO usage_open_search_counts AS t (tenant_id, collection, period, open_searches)
       SELECT u.* FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::bigint[])
                AS u (tenant_id, collection, period, open_searches)
         JOIN tenants ON tenants.id = u.tenant_id
       ON CONFLICT (tenant_id, collection, period)
       DO UPDATE SET open_searches = t.open_searches + EXCLUDED.open_searches, updated_at = now()`,
      [tenants, collections, periods, deltas],
    );
  }

  private restore(into: Map<string, number>, from: Map<string, number>): void {
    for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n);
  }
}
