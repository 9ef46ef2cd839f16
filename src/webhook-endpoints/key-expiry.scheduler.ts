import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { AppConfig } from '../config/app-config.js';
import { TenantEvents } from './tenant-events.service.js';

/** Keys looked at per tick at most. */
const MAX_PER_TICK = 500;

interface ExpiringKey {
  id: string;
  tenant_id: string;
  name: string;
  key_prefix: string;
  project_id: string;
  environment_id: string;
  expires_at: Date;
  stage: '7d' | '1d';
}

/**
 * `api_key.expiring` (issue 19): 7 days and 1 day before a live key's `expires_at`. Every instance
 * looks every KEY_ROTATION_POLL_SECONDS; the notice's mark (`api_key.expiring:<key>:7d|1d`) is inserted
 * with its deliveries, so each notice is sent once whichever instance sees it first. A key already
 * inside its last day gets only the 1-day notice.
 */
@Injectable()
export class KeyExpiryNotices implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('KeyExpiryNotices');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private stopped = true;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: TenantEvents,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Sends the notices due at `now`; answers how many notices were sent. */
  runOnce(now: Date = new Date()): Promise<number> {
    if (!this.running) {
      this.running = this.tick(now).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch((error: unknown) => {
          this.logger.warn(`expiry notices failed: ${(error as Error).message}`);
          return 0;
        })
        .finally(() => this.schedule());
    }, this.config.KEY_ROTATION_POLL_SECONDS * 1000);
    this.timer.unref();
  }

  private async tick(now: Date): Promise<number> {
    const keys = await queryRows<ExpiringKey>(
      this.dataSource,
      `SELECT k.id, k.tenant_id, k.name, k.key_prefix, k.project_id, k.environment_id, k.expires_at, s.stage
         FROM api_keys k
         CROSS JOIN LATERAL (SELECT CASE WHEN k.expires_at <= $1::timestamptz + interval '1 day' THEN '1d' ELSE '7d' END AS stage) s
        WHERE k.revoked_at IS NULL AND k.replaced_by_key_id IS NULL
          AND k.expires_at > $1 AND k.expires_at <= $1::timestamptz + interval '7 days'
          AND NOT EXISTS (SELECT 1 FROM webhook_event_marks m
                           WHERE m.tenant_id = k.tenant_id AND m.mark = 'api_key.expiring:' || k.id::text || ':' || s.stage)
        ORDER BY k.expires_at LIMIT $2`,
      [now, MAX_PER_TICK],
    );
    let sent = 0;
    for (const key of keys) {
      const emitted = await this.dataSource.transaction(async (manager) => {
        if (!(await this.events.once(manager, key.tenant_id, `api_key.expiring:${key.id}:${key.stage}`)))
          return false;
        await this.events.emit(manager, key.tenant_id, 'api_key.expiring', {
          key_id: key.id,
          name: key.name,
          key_prefix: key.key_prefix,
          project_id: key.project_id,
          environment_id: key.environment_id,
          expires_at: new Date(key.expires_at).toISOString(),
          days_before: key.stage === '1d' ? 1 : 7,
        });
        return true;
      });
      if (emitted) sent++;
    }
    if (sent > 0) this.events.wake();
    return sent;
  }
}
