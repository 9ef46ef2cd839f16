import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';

export interface ClaimedJobRow {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

export interface QueueCountsRow {
  queue: string;
  pending: number;
  running: number;
  oldest: Date | null;
}

/**
 * Every statement on `jobs` (retention aside: src/jobs/retention.service.ts). Jobs belong to no tenant
 * (no `tenant_id`): a job's payload names what it works on.
 */
@Injectable()
export class JobsRepository {
  /** Answers the new job's id, or null when a pending or running job holds the same singleton key. */
  async insert(
    db: Db,
    job: {
      queue: string;
      payload: Record<string, unknown>;
      runAt: Date | null;
      maxAttempts: number;
      singletonKey: string | null;
    },
  ): Promise<string | null> {
    const [row] = await queryRows<{ id: string }>(
      db,
      `INSERT INTO jobs (queue, payload, run_at, max_attempts, singleton_key)
       VALUES ($1, $2::jsonb, COALESCE($3, now()), $4, $5)
       ON CONFLICT (queue, singleton_key) WHERE singleton_key IS NOT NULL AND status IN ('pending', 'running') DO NOTHING
       RETURNING id`,
      [job.queue, JSON.stringify(job.payload), job.runAt, job.maxAttempts, job.singletonKey],
    );
    return row?.id ?? null;
  }

  /** One indexed read (the partial index of pending/running jobs): never the finished rows. */
  countsByQueue(db: Db, now: Date): Promise<QueueCountsRow[]> {
    return queryRows<QueueCountsRow>(
      db,
      `SELECT queue,
              count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'running')::int AS running,
              min(run_at) FILTER (WHERE status = 'pending' AND run_at <= $1) AS oldest
         FROM jobs WHERE status IN ('pending', 'running') GROUP BY queue ORDER BY queue`,
      [now],
    );
  }

  /**
   * Claims up to `limit` due jobs of a queue (pending and due, or running with an expired lease) for
   * `leaseSeconds`. SKIP LOCKED: instances polling at once each take different jobs.
   */
  claim(db: Db, queue: string, limit: number, leaseSeconds: number): Promise<ClaimedJobRow[]> {
    return queryRows<ClaimedJobRow>(
      db,
      `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = now() + make_interval(secs => $3), updated_at = now()
        WHERE id IN (
          SELECT id FROM jobs
           WHERE queue = $1
             AND ((status = 'pending' AND run_at <= now()) OR (status = 'running' AND locked_until < now()))
           ORDER BY run_at, id
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
        RETURNING id, queue, payload, attempts, max_attempts`,
      [queue, limit, leaseSeconds],
    );
  }

  async extendLease(db: Db, id: string, leaseSeconds: number | undefined): Promise<void> {
    await queryRows(
      db,
      `UPDATE jobs SET locked_until = now() + make_interval(secs => $2) WHERE id = $1 AND status = 'running'`,
      [id, leaseSeconds],
    );
  }

  async complete(db: Db, id: string): Promise<void> {
    await queryRows(
      db,
      `UPDATE jobs SET status = 'completed', locked_until = NULL, finished_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** Interrupted by shutdown: the attempt is given back. */
  async release(db: Db, id: string): Promise<void> {
    await queryRows(
      db,
      `UPDATE jobs SET status = 'pending', attempts = GREATEST(attempts - 1, 0), locked_until = NULL, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  async fail(db: Db, id: string, error: string): Promise<void> {
    await queryRows(
      db,
      `UPDATE jobs SET status = 'failed', last_error = $2, locked_until = NULL, finished_at = now(), updated_at = now() WHERE id = $1`,
      [id, error],
    );
  }

  async retryLater(db: Db, id: string, error: string, delaySeconds: number): Promise<void> {
    await queryRows(
      db,
      `UPDATE jobs SET status = 'pending', last_error = $2, locked_until = NULL, run_at = now() + make_interval(secs => $3), updated_at = now() WHERE id = $1`,
      [id, error, delaySeconds],
    );
  }

  /** Erases one field of a job's payload (a secret the job no longer needs). */
  async dropPayloadField(db: Db, jobId: string, field: string): Promise<void> {
    await queryRows(db, `UPDATE jobs SET payload = payload - $2::text WHERE id = $1`, [jobId, field]);
  }

  /** The same for every job of `queue` whose payload has `key` = `value` (the job's id unknown). */
  async dropPayloadFieldWhere(
    db: Db,
    queue: string,
    match: { key: string; value: string },
    field: string,
  ): Promise<void> {
    await queryRows(
      db,
      `UPDATE jobs SET payload = payload - $4::text WHERE queue = $1 AND payload->>$2::text = $3`,
      [queue, match.key, match.value, field],
    );
  }
}
