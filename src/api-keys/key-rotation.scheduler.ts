import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { KeyRotationService } from './key-rotation.service.js';

/** Keys rotated per tick at most, so one tick never runs unbounded. */
const MAX_PER_TICK = 100;

/**
 * Scheduled rotation (rules §4). Runs on every instance, every KEY_ROTATION_POLL_SECONDS; the
 * database decides who rotates what (each key is claimed FOR UPDATE SKIP LOCKED in the rotating
 * transaction), so several instances never rotate one key twice.
 */
@Injectable()
export class KeyRotationScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('KeyRotationScheduler');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private stopped = true;
  private lastError: string | null = null;

  constructor(
    private readonly rotation: KeyRotationService,
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

  /** Rotates every due key now (one tick); answers how many were rotated. */
  runOnce(): Promise<number> {
    if (!this.running) {
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch(() => 0)
        .finally(() => this.schedule());
    }, this.config.KEY_ROTATION_POLL_SECONDS * 1000);
    this.timer.unref();
  }

  private async tick(): Promise<number> {
    let rotated = 0;
    try {
      while (!this.stopped && rotated < MAX_PER_TICK && (await this.rotation.rotateNextDue())) rotated++;
      this.lastError = null;
    } catch (error) {
      const message = (error as Error).message;
      if (message !== this.lastError) this.logger.error(`scheduled rotation failed: ${message}`);
      this.lastError = message;
    }
    if (rotated > 0) this.logger.log(`rotated ${rotated} key(s) on schedule`);
    return rotated;
  }
}
