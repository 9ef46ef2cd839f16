import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { TenantId } from '../common/tenant-id.js';
import { TenantEvents } from './tenant-events.service.js';

export type ThresholdMetric = 'searches' | 'records';
/** Percentages of the plan's included amount that send `usage.threshold`. */
export const USAGE_THRESHOLDS = [80, 100] as const;

/**
 * `usage.threshold` (issue 19): once per tenant, UTC month, metric and threshold. The event's mark is
 * inserted in the same transaction as its deliveries, and its primary key lets exactly one of any
 * number of concurrent requests or instances emit it. Marks this process saw are remembered, so a
 * tenant past 80 % does not cost a database write per search.
 */
@Injectable()
export class UsageThresholds {
  /** Marks known to exist (bounded: cleared when it grows large; a cleared mark costs one no-op insert). */
  private readonly known = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: TenantEvents,
  ) {}

  /** The thresholds `used` has reached whose marks this process has not seen yet. */
  private due(
    tenantId: TenantId,
    metric: ThresholdMetric,
    period: string,
    used: number,
    included: number | null,
  ) {
    if (included === null || included <= 0) return [];
    return USAGE_THRESHOLDS.filter(
      (pct) =>
        used * 100 >= included * pct && !this.known.has(`${tenantId}|${this.mark(period, metric, pct)}`),
    );
  }

  private mark(period: string, metric: ThresholdMetric, pct: number): string {
    return `usage.threshold:${period}:${metric}:${pct}`;
  }

  /**
   * Checks `used` against the thresholds and emits what was reached for the first time. `manager`: the
   * transaction that changed the usage (records), so the event commits with it; without one, a
   * transaction of its own (searches, counted by an already committed upsert). Answers whether anything
   * was emitted (the caller wakes the delivery workers after its commit).
   */
  async check(
    tenantId: TenantId,
    metric: ThresholdMetric,
    period: string,
    used: number,
    included: number | null,
    manager?: EntityManager,
  ): Promise<boolean> {
    const due = this.due(tenantId, metric, period, used, included);
    if (due.length === 0) return false;
    const run = async (m: EntityManager) => {
      let emitted = false;
      for (const pct of due) {
        if (await this.events.once(m, tenantId, this.mark(period, metric, pct))) {
          await this.events.emit(m, tenantId, 'usage.threshold', {
            metric,
            threshold_percent: pct,
            used,
            included,
            period,
          });
          emitted = true;
        }
      }
      return emitted;
    };
    const emitted = manager ? await run(manager) : await this.dataSource.transaction(run);
    if (this.known.size > 100_000) this.known.clear();
    // Only once committed may the marks be trusted (a rolled-back transaction leaves none): the caller's
    // transaction may still fail, so with a manager they are remembered on the next check instead.
    if (!manager) for (const pct of due) this.known.add(`${tenantId}|${this.mark(period, metric, pct)}`);
    if (emitted && !manager) this.events.wake();
    return emitted;
  }
}
