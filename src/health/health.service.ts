import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VERSION } from '../common/version.js';
import type { HealthDto } from './health.dto.js';
import { HealthRegistry } from './health.registry.js';

const CHECK_TIMEOUT_MS = 2000;
const REPORT_MAX_AGE_MS = 1000;

@Injectable()
export class HealthService implements OnModuleInit {
  private last: { at: number; report: Promise<HealthDto> } | null = null;

  constructor(
    private readonly registry: HealthRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register('database', async () => {
      await this.dataSource.query('SELECT 1');
      return 'ok';
    });
  }

  /**
   * Dependency checks run at most once per second: concurrent and repeated probes share the last
   * result (so load balancers polling /health cannot load the database), which is at most 1 s old.
   */
  report(): Promise<HealthDto> {
    const now = Date.now();
    if (!this.last || now - this.last.at > REPORT_MAX_AGE_MS) {
      const pending = this.check();
      this.last = { at: now, report: pending };
      pending.catch(() => (this.last = null));
    }
    return this.last.report;
  }

  private async check(): Promise<HealthDto> {
    const [database, redis, queue, queueDetails] = await Promise.all([
      this.registry.run('database', CHECK_TIMEOUT_MS),
      this.registry.run('redis', CHECK_TIMEOUT_MS),
      this.registry.run('queue', CHECK_TIMEOUT_MS),
      this.registry.readDetails('queue', CHECK_TIMEOUT_MS),
    ]);
    const status = database !== 'ok' ? 'error' : redis === 'down' || queue === 'down' ? 'degraded' : 'ok';
    return {
      status,
      checks: { database, redis, queue },
      details: { queue: queueDetails },
      version: VERSION,
    };
  }
}
