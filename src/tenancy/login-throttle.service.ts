import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { queryRows } from '../common/sql.js';

export const LOGIN_MAX_FAILURES = 10;
const WINDOW_MINUTES = 15;

/**
 * SPEC §3: at most 10 failed logins per email+IP per 15 minutes, shared by every instance.
 * Each attempt reserves a row before the password is checked, then counts: the database decides,
 * so concurrent attempts cannot slip past the limit. A success clears the pair; a failure keeps its row.
 */
@Injectable()
export class LoginThrottle {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async reserve(email: string, ip: string): Promise<string> {
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO login_failures (email, ip) VALUES ($1, $2) RETURNING id`,
      [email, ip],
    );
    const id = inserted[0].id;
    const [window] = await queryRows<{ n: number; retry: number }>(
      this.dataSource,
      `SELECT count(*)::int AS n, extract(epoch FROM min(occurred_at) + interval '${WINDOW_MINUTES} minutes' - now())::float AS retry
         FROM login_failures
        WHERE email = $1 AND ip = $2 AND occurred_at > now() - interval '${WINDOW_MINUTES} minutes'`,
      [email, ip],
    );
    if (window.n > LOGIN_MAX_FAILURES) {
      await this.dataSource.query(`DELETE FROM login_failures WHERE id = $1`, [id]);
      throw ApiError.tooMany('rate_limited', 'Too many failed logins; try again later.', window.retry);
    }
    return id;
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
