import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { queryRows } from '../common/sql.js';
import { requireTenant } from '../common/tenant-scope.js';
import type { KeyUsageDayDto, KeyUsageDto, KeyUsageSummaryDto } from './dto/key-usage.dto.js';

/** Buffered counters are written this often (and at shutdown). */
export const USAGE_FLUSH_MS = 5_000;
/** SPEC §1: `last_used_at` is written at most once a minute per key. */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;

interface Bucket {
  keyId: string;
  day: string;
  requests: number;
  rejected: number;
}

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The `days` UTC days ending today, oldest first. */
export function lastUtcDays(days: number, now: Date = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => utcDay(new Date(today - (days - 1 - i) * 86_400_000)));
}

/**
 * Per-key request counters (daily UTC buckets of requests and rate-limited rejections) and
 * `last_used_at`. The auth guard records into memory — never a database write per request — and
 * the buffer is flushed every few seconds and at shutdown with atomic upserts that ADD to the
 * stored counts, so several instances sum up exactly. `last_used_at` is written at most once a
 * minute per key and only ever moves forward.
 */
@Injectable()
export class KeyUsageService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('KeyUsage');
  private buckets = new Map<string, Bucket>();
  /** Epoch ms of each key's latest request not yet written. */
  private lastUsed = new Map<string, number>();
  /** The UTC day of the latest request and when it ends (one date formatting per day, not per request). */
  private day = '';
  private dayEndsAt = 0;
  private dayStartsAt = 0;
  /** When this process last wrote last_used_at of a key (ms). */
  private readonly lastUsedWritten = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A request of this key that the rate limiter let through (`at`: epoch ms). */
  recordRequest(keyId: string, at: number = Date.now()): void {
    this.bucket(keyId, at).requests++;
    this.lastUsed.set(keyId, at);
  }

  /** A request of this key refused by the rate limiter (429). */
  recordRejected(keyId: string, at: number = Date.now()): void {
    this.bucket(keyId, at).rejected++;
    this.lastUsed.set(keyId, at);
  }

  private dayOf(at: number): string {
    if (at >= this.dayStartsAt && at < this.dayEndsAt) return this.day;
    this.dayStartsAt = at - (at % 86_400_000);
    this.dayEndsAt = this.dayStartsAt + 86_400_000;
    this.day = utcDay(new Date(at));
    return this.day;
  }

  private bucket(keyId: string, at: number): Bucket {
    const day = this.dayOf(at);
    const id = `${keyId}|${day}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = { keyId, day, requests: 0, rejected: 0 };
      this.buckets.set(id, bucket);
    }
    return bucket;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.flush().catch(() => undefined);
    }, USAGE_FLUSH_MS);
    this.timer.unref();
  }

  /** Before the database closes: stop the timer and write what is buffered. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush().catch(() => undefined);
  }

  /** Requests that finished while the server drained; skipped if the database is already closed. */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.flush().catch(() => undefined);
  }

  /**
   * Writes everything buffered so far (the periodic flush; tests call it to read counts at once).
   * Flushes run one after another; on failure the counts go back into the buffer for the next one.
   */
  flush(): Promise<void> {
    const run = this.chain.then(() => this.flushOnce());
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async flushOnce(): Promise<void> {
    await this.flushCounts();
    await this.flushLastUsed();
  }

  private async flushCounts(): Promise<void> {
    if (this.buckets.size === 0) return;
    const batch = [...this.buckets.values()];
    this.buckets = new Map();
    try {
      // Keys deleted meanwhile (their project was deleted) drop out through the join.
      await this.dataSource.query(
        `INSERT INTO api_key_daily_usage AS t (key_id, day, tenant_id, requests, rejected)
         SELECT v.key_id, v.day, k.tenant_id, v.requests, v.rejected
           FROM unnest($1::uuid[], $2::date[], $3::bigint[], $4::bigint[]) AS v(key_id, day, requests, rejected)
           JOIN api_keys k ON k.id = v.key_id
         ON CONFLICT (tenant_id, key_id, day) DO UPDATE
           SET requests = t.requests + EXCLUDED.requests, rejected = t.rejected + EXCLUDED.rejected`,
        [
          batch.map((b) => b.keyId),
          batch.map((b) => b.day),
          batch.map((b) => b.requests),
          batch.map((b) => b.rejected),
        ],
      );
    } catch (error) {
      for (const b of batch) {
        const bucket = this.bucket(b.keyId, Date.parse(`${b.day}T12:00:00Z`));
        bucket.requests += b.requests;
        bucket.rejected += b.rejected;
      }
      this.logger.warn(`writing key usage failed, kept for the next flush: ${(error as Error).message}`);
      throw error;
    }
  }

  private async flushLastUsed(): Promise<void> {
    if (this.lastUsed.size === 0) return;
    const now = Date.now();
    const due: [string, number][] = [];
    for (const [keyId, at] of this.lastUsed) {
      const written = this.lastUsedWritten.get(keyId);
      if (written === undefined || now - written >= LAST_USED_WRITE_INTERVAL_MS) due.push([keyId, at]);
    }
    if (due.length === 0) return;
    for (const [keyId] of due) this.lastUsed.delete(keyId);
    try {
      await this.dataSource.query(
        `UPDATE api_keys k SET last_used_at = v.at
           FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at)
          WHERE k.id = v.id AND (k.last_used_at IS NULL OR k.last_used_at < v.at)`,
        [due.map(([id]) => id), due.map(([, at]) => new Date(at))],
      );
    } catch (error) {
      for (const [keyId, at] of due) {
        const newer = this.lastUsed.get(keyId);
        if (!newer || newer < at) this.lastUsed.set(keyId, at);
      }
      this.logger.warn(`writing last_used_at failed, kept for the next flush: ${(error as Error).message}`);
      throw error;
    }
    for (const [keyId] of due) this.lastUsedWritten.set(keyId, now);
    // Forget write times older than the interval: they no longer hold anything back.
    for (const [keyId, written] of this.lastUsedWritten) {
      if (now - written >= LAST_USED_WRITE_INTERVAL_MS && !this.lastUsed.has(keyId)) {
        this.lastUsedWritten.delete(keyId);
      }
    }
  }

  /** Daily counts of a key of this tenant (404 for another tenant's key). */
  async usage(tenantId: string, keyId: string, days: number): Promise<KeyUsageDto> {
    requireTenant(tenantId);
    const exists = await queryRows(
      this.dataSource,
      `SELECT 1 FROM api_keys WHERE id = $1 AND tenant_id = $2`,
      [keyId, tenantId],
    );
    if (exists.length === 0) throw ApiError.notFound('API key');
    return { key_id: keyId, days: await this.daily(tenantId, keyId, days) };
  }

  /** `include=usage`: the days and their totals (the key is known to be the tenant's). */
  async summary(tenantId: string, keyId: string, days: number): Promise<KeyUsageSummaryDto> {
    const daily = await this.daily(tenantId, keyId, days);
    return {
      days: daily,
      total_requests: daily.reduce((sum, d) => sum + d.requests, 0),
      total_rejected: daily.reduce((sum, d) => sum + d.rejected, 0),
    };
  }

  private async daily(tenantId: string, keyId: string, days: number): Promise<KeyUsageDayDto[]> {
    requireTenant(tenantId);
    const range = lastUtcDays(days);
    const rows = await queryRows<{ day: string; requests: string; rejected: string }>(
      this.dataSource,
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, requests, rejected FROM api_key_daily_usage
        WHERE key_id = $1 AND tenant_id = $2 AND day >= $3::date`,
      [keyId, tenantId, range[0]],
    );
    const byDay = new Map(rows.map((r) => [r.day, r]));
    return range.map((date) => {
      const row = byDay.get(date);
      return { date, requests: Number(row?.requests ?? 0), rejected: Number(row?.rejected ?? 0) };
    });
  }
}
