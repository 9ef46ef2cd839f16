import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';

/** Every statement on `webhook_event_marks` (retention aside; expiry notices read them in api-keys.repository.ts). */
@Injectable()
export class EventMarksRepository {
  /** Records a once-only mark; true for exactly one caller (the primary key decides), false when it existed. */
  async insertOnce(db: Db, tenant: TenantId, mark: string): Promise<boolean> {
    const rows = await queryRows<{ mark: string }>(
      db,
      `INSERT INTO webhook_event_marks (tenant_id, mark) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING mark`,
      [tenant, mark],
    );
    return rows.length === 1;
  }
}
