import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';

/**
 * Every statement on `usage_search_counts` and `usage_open_search_counts`. The buffered counters of
 * every tenant are written in one statement per table (`…ForWorker`); a tenant's own counters are read
 * and decided through its `TenantId`.
 */
@Injectable()
export class UsageCountersRepository {
  /**
   * Counts one search unless the period already holds `included` (one conditional upsert: exact across
   * instances). Answers the new count, or null when the quota is used up.
   */
  async addSearchWithin(db: Db, tenant: TenantId, period: string, included: number): Promise<number | null> {
    const [row] = await queryRows<{ searches: string }>(
      db,
      `INSERT INTO usage_search_counts AS t (tenant_id, period, searches) VALUES ($1, $2, 1)
       ON CONFLICT (tenant_id, period) DO UPDATE SET searches = t.searches + 1, updated_at = now()
        WHERE t.searches < $3
       RETURNING searches`,
      [tenant, period, included],
    );
    return row ? Number(row.searches) : null;
  }

  /** Gives back one search counted by `addSearchWithin` (the search then failed). */
  async removeSearch(db: Db, tenant: TenantId, period: string): Promise<void> {
    await queryRows(
      db,
      `UPDATE usage_search_counts SET searches = searches - 1 WHERE tenant_id = $1 AND period = $2 AND searches > 0`,
      [tenant, period],
    );
  }

  async searches(db: Db, tenant: TenantId, period: string): Promise<number> {
    const [row] = await queryRows<{ searches: string }>(
      db,
      `SELECT searches FROM usage_search_counts WHERE tenant_id = $1 AND period = $2`,
      [tenant, period],
    );
    return Number(row?.searches ?? 0);
  }

  openSearches(
    db: Db,
    tenant: TenantId,
    period: string,
  ): Promise<{ collection: string; open_searches: string }[]> {
    return queryRows<{ collection: string; open_searches: string }>(
      db,
      `SELECT collection, open_searches FROM usage_open_search_counts
        WHERE tenant_id = $1 AND period = $2 ORDER BY collection`,
      [tenant, period],
    );
  }

  /** Adds buffered search counts of every tenant; answers each counter's new total. */
  addSearchesForWorker(
    db: Db,
    counts: { tenantIds: string[]; periods: string[]; deltas: number[] },
  ): Promise<{ tenant_id: TenantId; period: string; searches: string }[]> {
    return queryRows<{ tenant_id: TenantId; period: string; searches: string }>(
      db,
      `INSERT INTO usage_search_counts AS t (tenant_id, period, searches)
       SELECT u.* FROM unnest($1::uuid[], $2::varchar[], $3::bigint[]) AS u (tenant_id, period, searches)
         JOIN tenants ON tenants.id = u.tenant_id -- a tenant deleted meanwhile must not block the batch
       ON CONFLICT (tenant_id, period) DO UPDATE SET searches = t.searches + EXCLUDED.searches, updated_at = now()
       RETURNING t.tenant_id, t.period, t.searches`,
      [counts.tenantIds, counts.periods, counts.deltas],
    );
  }

  /** Adds buffered open-search counts of every (tenant, collection). */
  async addOpenSearchesForWorker(
    db: Db,
    counts: { tenantIds: string[]; collections: string[]; periods: string[]; deltas: number[] },
  ): Promise<void> {
    await queryRows(
      db,
      `INSERT INTO usage_open_search_counts AS t (tenant_id, collection, period, open_searches)
       SELECT u.* FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::bigint[])
                AS u (tenant_id, collection, period, open_searches)
         JOIN tenants ON tenants.id = u.tenant_id
       ON CONFLICT (tenant_id, collection, period)
       DO UPDATE SET open_searches = t.open_searches + EXCLUDED.open_searches, updated_at = now()`,
      [counts.tenantIds, counts.collections, counts.periods, counts.deltas],
    );
  }
}
