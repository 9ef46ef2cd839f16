import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MAX_USAGE_DAYS } from '../common/vocabulary.js';
import { queryRows } from '../common/sql.js';
import { AppConfig } from '../config/app-config.js';

const DAY_MS = 86_400_000;
/** Rows deleted per statement: short transactions, no long lock on a busy table. */
const BATCH = 2000;
/** Failed logins older than this are never read (the throttle window is 15 minutes). */
const LOGIN_FAILURE_RETENTION_MS = DAY_MS;
/** Finished invitations (accepted, revoked, expired) stay listed this long after they ended. */
const INVITATION_RETENTION_DAYS = 30;
/** Finished webhook deliveries (bodies already erased) stay in the delivery logs this long. */
export const WEBHOOK_DELIVERY_RETENTION_DAYS = 30;
/** Once-only event marks (usage thresholds per month, key expiry notices) are needed for about a year. */
export const EVENT_MARK_RETENTION_DAYS = 400;

/**
 * One retention rule: `select` answers the ctids of at most $2 rows to delete, given the cutoff
 * instant $1 (computed here from the injected clock, never from the database's now(): tests move
 * time by passing `now`).
 */
export interface RetentionRule {
  name: string;
  table: string;
  /** Age after which a row goes, in milliseconds. */
  maxAgeMs: (config: AppConfig) => number;
  /** `SELECT ctid FROM <table> WHERE … < $1 LIMIT $2` (rows older than the cutoff). */
  select: string;
}

/**
 * Every table that grows with traffic, and when its rows go (README "Data retention" lists the others
 * and why they stay). Feature modules add their own rules with `RetentionService.add`.
 */
const CORE_RULES: RetentionRule[] = [
  {
    name: 'jobs.completed',
    table: 'jobs',
    maxAgeMs: (c) => c.JOB_RETENTION_DAYS * DAY_MS,
    select: `SELECT ctid FROM jobs WHERE status = 'completed' AND finished_at < $1 LIMIT $2`,
  },
  {
    name: 'jobs.failed',
    table: 'jobs',
    maxAgeMs: (c) => c.JOB_FAILED_RETENTION_DAYS * DAY_MS,
    select: `SELECT ctid FROM jobs WHERE status = 'failed' AND finished_at < $1 LIMIT $2`,
  },
  {
    name: 'login_failures',
    table: 'login_failures',
    maxAgeMs: () => LOGIN_FAILURE_RETENTION_MS,
    select: `SELECT ctid FROM login_failures WHERE occurred_at < $1 LIMIT $2`,
  },
  {
    name: 'invitations.finished',
    table: 'invitations',
    maxAgeMs: () => INVITATION_RETENTION_DAYS * DAY_MS,
    // A pending invitation ends when it expires (7 days); accepted and revoked ones when that happened.
    select: `SELECT ctid FROM invitations WHERE COALESCE(accepted_at, revoked_at, expires_at) < $1 LIMIT $2`,
  },
  {
    name: 'api_key_daily_usage',
    table: 'api_key_daily_usage',
    // The longest report over these rows is GET /portal/keys/{id}/usage?days=MAX_USAGE_DAYS.
    maxAgeMs: () => (MAX_USAGE_DAYS + 1) * DAY_MS,
    select: `SELECT ctid FROM api_key_daily_usage WHERE day < ($1::timestamptz AT TIME ZONE 'UTC')::date LIMIT $2`,
  },
  {
    name: 'api_key_webhook_deliveries.finished',
    table: 'api_key_webhook_deliveries',
    maxAgeMs: () => WEBHOOK_DELIVERY_RETENTION_DAYS * DAY_MS,
    select: `SELECT ctid FROM api_key_webhook_deliveries WHERE status <> 'pending' AND finished_at < $1 LIMIT $2`,
  },
  {
    name: 'uploads.finished',
    table: 'uploads',
    maxAgeMs: (c) => c.UPLOAD_RETENTION_DAYS * DAY_MS,
    // Staged rows reference their upload (ON DELETE CASCADE): an upload still holding any is never swept.
    select: `SELECT u.ctid FROM uploads u
              WHERE u.status IN ('completed', 'failed') AND u.finished_at < $1
                AND NOT EXISTS (SELECT 1 FROM records r WHERE r.tenant_id = u.tenant_id AND r.pending_upload_id = u.id)
              LIMIT $2`,
  },
];

export type SweepReport = Record<string, number>;

/**
 * Keeps the tables that grow with traffic bounded (issue 19). Every instance sweeps every
 * RETENTION_SWEEP_MINUTES; the deletes are idempotent and claim their rows with SKIP LOCKED, so two
 * instances sweeping at once share the work instead of waiting on each other.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private readonly rules: RetentionRule[] = [...CORE_RULES];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepReport> | null = null;
  private stopped = true;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** A feature module's own rule (its table grows with traffic too). */
  add(rule: RetentionRule): void {
    if (!this.rules.some((r) => r.name === rule.name)) this.rules.push(rule);
  }

  describe(): readonly RetentionRule[] {
    return this.rules;
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    // The first sweep soon after start (not at once: the start itself is busy), then periodically.
    this.schedule(Math.min(60_000, this.config.RETENTION_SWEEP_MINUTES * 60_000));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Deletes every row past its rule's age as of `now`; answers the rows deleted per rule. */
  sweep(now: Date = new Date()): Promise<SweepReport> {
    if (!this.running) {
      this.running = this.sweepAll(now).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sweep()
        .catch((error: unknown) => {
          this.logger.warn(`retention sweep failed: ${(error as Error).message}`);
          return {};
        })
        .finally(() => this.schedule(this.config.RETENTION_SWEEP_MINUTES * 60_000));
    }, ms);
    this.timer.unref();
  }

  private async sweepAll(now: Date): Promise<SweepReport> {
    const report: SweepReport = {};
    for (const rule of this.rules) {
      const cutoff = new Date(now.getTime() - rule.maxAgeMs(this.config));
      report[rule.name] = await this.sweepRule(rule, cutoff);
    }
    const total = Object.values(report).reduce((a, b) => a + b, 0);
    if (total > 0) this.logger.log(`retention sweep deleted ${total} row(s): ${JSON.stringify(report)}`);
    return report;
  }

  private async sweepRule(rule: RetentionRule, cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const rows = await queryRows<{ n: number }>(
        this.dataSource,
        `WITH doomed AS (${rule.select} FOR UPDATE SKIP LOCKED),
              gone AS (DELETE FROM ${rule.table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM doomed)) RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [cutoff, BATCH],
      );
      const n = rows[0]?.n ?? 0;
      deleted += n;
      if (n < BATCH) return deleted;
    }
  }
}
