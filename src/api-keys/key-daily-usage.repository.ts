import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';

export interface KeyDayCounts {
  keyId: string;
  day: string;
  requests: number;
  rejected: number;
}

/** Every statement on `api_key_daily_usage` (retention aside). */
@Injectable()
export class KeyDailyUsageRepository {
  /**
   * The buffered counts of every tenant's keys, added in one statement (each row takes its key's
   * tenant). Keys deleted meanwhile (their project was deleted) drop out through the join.
   */
  async addForWorker(db: Db, counts: readonly KeyDayCounts[]): Promise<void> {
    await queryRows(
      db,
      `INSERT INTO api_key_daily_usage AS t (key_id, day, tenant_id, requests, rejected)
       SELECT v.key_id, v.day, k.tenant_id, v.requests, v.rejected
         FROM unnest($1::uuid[], $2::date[], $3::bigint[], $4::bigint[]) AS v(key_id, day, requests, rejected)
         JOIN api_keys k ON k.id = v.key_id
       ON CONFLICT (tenant_id, key_id, day) DO UPDATE
         SET requests = t.requests + EXCLUDED.requests, rejected = t.rejected + EXCLUDED.rejected`,
      [
        counts.map((b) => b.keyId),
        counts.map((b) => b.day),
        counts.map((b) => b.requests),
        counts.map((b) => b.rejected),
      ],
    );
  }

  /** The stored days of a key from `fromDay` (YYYY-MM-DD) on. */
  since(
    db: Db,
    tenant: TenantId,
    keyId: string,
    fromDay: string,
  ): Promise<{ day: string; requests: string; rejected: string }[]> {
    return queryRows<{ day: string; requests: string; rejected: string }>(
      db,
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, requests, rejected FROM api_key_daily_usage
        WHERE key_id = $1 AND tenant_id = $2 AND day >= $3::date`,
      [keyId, tenant, fromDay],
    );
  }
}
