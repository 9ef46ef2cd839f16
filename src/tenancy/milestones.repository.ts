import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';
import type { QuickstartStep } from './tenant-milestone.entity.js';

/** Every statement on `tenant_milestones`. */
@Injectable()
export class MilestonesRepository {
  async insertOnce(db: Db, tenant: TenantId, step: QuickstartStep): Promise<void> {
    await queryRows(
      db,
      `INSERT INTO tenant_milestones (tenant_id, step) VALUES ($1, $2) ON CONFLICT (tenant_id, step) DO NOTHING`,
      [tenant, step],
    );
  }

  list(db: Db, tenant: TenantId): Promise<{ step: QuickstartStep; completed_at: Date }[]> {
    return queryRows<{ step: QuickstartStep; completed_at: Date }>(
      db,
      `SELECT step, completed_at FROM tenant_milestones WHERE tenant_id = $1`,
      [tenant],
    );
  }
}
