import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { Metrics } from '../metrics/metrics.service.js';
import { queryRows } from '../common/sql.js';

export const LOGIN_MAX_FAILURES = 10;
const WINDOW_MINUTES = 15;

/**
 * SPEC §3: at most 10 failed logins per email+IP per 15 minutes, shared by every instance.
 * Each attempt reserves a row before the password is checked, counting and reserving under a
 * transaction-scoped advisory lock on the pair: concurrent attempts are decided one at a time by the
 * database, so exactly 10 get through. A success clears the pair; a failure keeps its row.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  async reserve(email: string, ip: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`login:${email}|${ip}`]);
      const [window] = await queryRows<{ n: number; retry: number }>(
        manager,
        `SELECT count(*)::int AS n, extract(epoch FROM min(occurred_at) + interval '${WINDOW_MINUTES} minutes' - now())::float AS retry
           FROM login_failures
          WHERE email = $1 AND ip = $2 AND occurred_at > now() - interval '${WINDOW_MINUTES} minutes'`,
        [email, ip],
      );
      if (window.n >= LOGIN_MAX_FAILURES) {
        this.metrics.rateLimitRejected('login');
        throw ApiError.tooMany('rate_limited', 'Too many failed logins; try again later.', window.retry);
      }
      await manager.query(`INSERT INTO login_failures (email, ip) VALUES ($1, $2)`, [email, ip]);
    });
  }

  /** A successful login clears the pair's failures (and its own reservation). */
  async succeeded(email: string, ip: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE email = $1 AND ip = $2`, [email, ip]);
  }

  /** A failed login keeps its reservation; old rows of the pair are dropped. */
  async failed(email: string, ip: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM login_failures WHERE email = $1 AND ip = $2 AND occurred_at <= now() - interval '${WINDOW_MINUTES} minutes'`,
      [email, ip],
    );
  }
}
