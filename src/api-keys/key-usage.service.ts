import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiKeysRepository } from './api-keys.repository.js';
import type { TenantId } from '../common/tenant-id.js';
import type { KeyUsageDayDto, KeyUsageSummaryDto } from './dto/key-usage.dto.js';
import { KeyDailyUsageRepository } from './key-daily-usage.repository.js';

/** Buffered counters are written this often (and at shutdown). */
export const USAGE_FLUSH_MS = 5_000;
/** rules §1: `last_used_at` is written at most once a minute per key. */
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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly days: KeyDailyUsageRepository,
    private readonly keys: ApiKeysRepository,
  ) {}

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
      await this.days.addForWorker(this.dataSource, batch);
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
      await this.keys.touchLastUsedForWorker(
        this.dataSource,
        due.map(([id]) => id),
        due.map(([, at]) => new Date(at)),
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

  /** `include=usage`: the days and their totals (the key is known to be the tenant's). */
  async summary(tenant: TenantId, keyId: string, days: number): Promise<KeyUsageSummaryDto> {
    const daily = await this.daily(tenant, keyId, days);
    return {
      days: daily,
      total_requests: daily.reduce((sum, d) => sum + d.requests, 0),
      total_rejected: daily.reduce((sum, d) => sum + d.rejected, 0),
    };
  }

  /** Daily counts of a key the caller knows to be the tenant's, oldest first. */
  async daily(tenant: TenantId, keyId: string, days: number): Promise<KeyUsageDayDto[]> {
    const range = lastUtcDays(days);
    const rows = await this.days.since(this.dataSource, tenant, keyId, range[0]);
    const byDay = new Map(rows.map((r) => [r.day, r]));
    return range.map((date) => {
      const row = byDay.get(date);
      return { date, requests: Number(row?.requests ?? 0), rejected: Number(row?.rejected ?? 0) };
    });
  }
}
