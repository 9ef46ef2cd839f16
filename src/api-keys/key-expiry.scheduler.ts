import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiKeysRepository } from './api-keys.repository.js';
import { AppConfig } from '../config/app-config.js';
import { TenantEvents } from '../webhook-endpoints/tenant-events.service.js';

/** Keys looked at per tick at most. */
const MAX_PER_TICK = 500;

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
    private readonly keys: ApiKeysRepository,
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
    const keys = await this.keys.expiringForWorker(this.dataSource, now, MAX_PER_TICK);
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
