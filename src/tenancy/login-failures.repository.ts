import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';

/**
 * Every statement on `login_failures` (retention aside: src/jobs/retention.service.ts). Rows are keyed
 * by email and client address, before anyone is known to belong to a tenant.
 */
@Injectable()
export class LoginFailuresRepository {
  /** Serialises the attempts of one email+IP pair until the end of the transaction. */
  async lockPair(db: Db, email: string, ip: string): Promise<void> {
    await queryRows(db, `SELECT pg_advisory_xact_lock(hashtext($1))`, [`login:${email}|${ip}`]);
  }

  /** Failures of the pair in the last `minutes`, and seconds until the oldest of them leaves the window. */
  async window(db: Db, email: string, ip: string, minutes: number): Promise<{ n: number; retry: number }> {
    const [row] = await queryRows<{ n: number; retry: number }>(
      db,
      `SELECT count(*)::int AS n,
              extract(epoch FROM min(occurred_at) + make_interval(mins => $3) - now())::float AS retry
         FROM login_failures
        WHERE email = $1 AND ip = $2 AND occurred_at > now() - make_interval(mins => $3)`,
      [email, ip, minutes],
    );
    return row;
  }

  async insert(db: Db, email: string, ip: string): Promise<void> {
    await queryRows(db, `INSERT INTO login_failures (email, ip) VALUES ($1, $2)`, [email, ip]);
  }

  async clear(db: Db, email: string, ip: string): Promise<void> {
    await queryRows(db, `DELETE FROM login_failures WHERE email = $1 AND ip = $2`, [email, ip]);
  }

  async deleteOlderThan(db: Db, email: string, ip: string, minutes: number): Promise<void> {
    await queryRows(
      db,
      `DELETE FROM login_failures WHERE email = $1 AND ip = $2 AND occurred_at <= now() - make_interval(mins => $3)`,
      [email, ip, minutes],
    );
  }
}
