import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';

/**
 * Statements on `jobs` made by the workers themselves (the queue's own claim, lease and settle
 * statements are in job-queue.service.ts; retention in retention.service.ts). Jobs belong to no
 * tenant: a job's payload names what it works on.
 */
@Injectable()
export class JobsRepository {
  /** Erases one field of a job's payload (a secret the job no longer needs). */
  async dropPayloadFieldForWorker(db: Db, jobId: string, field: string): Promise<void> {
    await queryRows(db, `UPDATE jobs SET payload = payload - $2::text WHERE id = $1`, [jobId, field]);
  }

  /** The same for every job of `queue` whose payload has `key` = `value` (the job's id unknown). */
  async dropPayloadFieldWhereForWorker(
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
