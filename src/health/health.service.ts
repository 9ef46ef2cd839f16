import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VERSION } from '../common/version.js';
import type { HealthDto } from './health.dto.js';
import { HealthRegistry } from './health.registry.js';

const CHECK_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService implements OnModuleInit {
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

  async report(): Promise<HealthDto> {
    const [database, redis, queue] = await Promise.all([
      this.registry.run('database', CHECK_TIMEOUT_MS),
      this.registry.run('redis', CHECK_TIMEOUT_MS),
      this.registry.run('queue', CHECK_TIMEOUT_MS),
    ]);
    const status = database !== 'ok' ? 'error' : redis === 'down' || queue === 'down' ? 'degraded' : 'ok';
    return { status, checks: { database, redis, queue }, version: VERSION };
  }
}
