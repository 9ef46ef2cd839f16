import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { HealthRegistry } from '../health/health.registry.js';

/**
 * The optional Redis connection (REDIS_URL), used only to share state between instances. Commands
 * fail fast while it is down (no offline queue, short timeout) so callers can fall back; the client
 * keeps reconnecting in the background.
 */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: Redis | null;

  constructor(
    config: AppConfig,
    private readonly health: HealthRegistry,
  ) {
    this.client = config.REDIS_URL
      ? new Redis(config.REDIS_URL, {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS,
          connectTimeout: 2000,
          retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
          lazyConnect: false,
        })
      : null;
    let down = false;
    this.client?.on('error', (error: Error) => {
      if (!down) this.logger.warn(`Redis unavailable: ${error.message}`);
      down = true;
    });
    this.client?.on('ready', () => {
      if (down) this.logger.log('Redis available again');
      down = false;
    });
  }

  onModuleInit(): void {
    if (!this.client) return;
    const client = this.client;
    this.health.register('redis', async () => ((await client.ping()) === 'PONG' ? 'ok' : 'down'));
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.client) return;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}
