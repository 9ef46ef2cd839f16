import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { Metrics } from '../metrics/metrics.service.js';
import { LoginFailuresRepository } from './login-failures.repository.js';

export const LOGIN_MAX_FAILURES = 10;
const WINDOW_MINUTES = 15;

/**
 * rules §3: at most 10 failed logins per email+IP per 15 minutes, shared by every instance.
 * Each attempt reserves a row before the password is checked, counting and reserving under a
 * transaction-scoped advisory lock on the pair: concurrent attempts are decided one at a time by the
 * database, so exactly 10 get through. A success clears the pair; a failure keeps its row.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
    private readonly failures: LoginFailuresRepository,
  ) {}

  async reserve(email: string, ip: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.failures.lockPair(manager, email, ip);
      const window = await this.failures.window(manager, email, ip, WINDOW_MINUTES);
      if (window.n >= LOGIN_MAX_FAILURES) {
        this.metrics.rateLimitRejected('login');
        throw ApiError.tooMany('rate_limited', 'Too many failed logins; try again later.', window.retry);
      }
      await this.failures.insert(manager, email, ip);
    });
  }

  /** A successful login clears the pair's failures (and its own reservation). */
  async succeeded(email: string, ip: string): Promise<void> {
    await this.failures.clear(this.dataSource, email, ip);
  }

  /** A failed login keeps its reservation; old rows of the pair are dropped. */
  async failed(email: string, ip: string): Promise<void> {
    await this.failures.deleteOlderThan(this.dataSource, email, ip, WINDOW_MINUTES);
  }
}
