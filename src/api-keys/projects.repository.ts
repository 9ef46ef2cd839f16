import { Injectable } from '@nestjs/common';
import type { KeyEnvironmentKind } from './api-key-format.js';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';
import { ACTIVE_SQL } from './key-policy.js';

export interface ProjectRow {
  id: string;
  name: string;
  created_at: Date;
  active_key_count: number;
}

export interface EnvironmentRow {
  id: string;
  name: string;
  kind: KeyEnvironmentKind;
}

const PROJECT_COLUMNS = `p.id, p.name, p.created_at,
  (SELECT count(*)::int FROM api_keys k WHERE k.project_id = p.id AND ${ACTIVE_SQL}) AS active_key_count`;

/** Every statement on `projects` and on their `environments`. */
@Injectable()
export class ProjectsRepository {
  async insert(db: Db, tenant: TenantId, name: string): Promise<{ id: string; name: string }> {
    const [row] = await queryRows<{ id: string; name: string }>(
      db,
      `INSERT INTO projects (tenant_id, name) VALUES ($1, $2) RETURNING id, name`,
      [tenant, name],
    );
    return row;
  }

  list(db: Db, tenant: TenantId, limit: number, offset: number): Promise<ProjectRow[]> {
    return queryRows<ProjectRow>(
      db,
      `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.tenant_id = $1
        ORDER BY p.created_at, p.id LIMIT $2 OFFSET $3`,
      [tenant, limit, offset],
    );
  }

  async find(db: Db, tenant: TenantId, id: string): Promise<ProjectRow | null> {
    const [row] = await queryRows<ProjectRow>(
      db,
      `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.id = $1 AND p.tenant_id = $2`,
      [id, tenant],
    );
    return row ?? null;
  }

  async exists(db: Db, tenant: TenantId, id: string): Promise<boolean> {
    const rows = await queryRows(db, `SELECT 1 FROM projects WHERE id = $1 AND tenant_id = $2`, [id, tenant]);
    return rows.length > 0;
  }

  /**
   * Locks the project row for the rest of the transaction. `NO KEY UPDATE` (key creation: creates in
   * one project take turns, so the active-key count cannot be overshot, while inserts elsewhere are not
   * blocked); `UPDATE` (deletion: a concurrent key create waits, then finds the project gone).
   * `id` null: the tenant's `default` project.
   */
  async lock(
    db: Db,
    tenant: TenantId,
    id: string | null,
    strength: 'UPDATE' | 'NO KEY UPDATE' = 'NO KEY UPDATE',
  ): Promise<{ id: string; name: string } | null> {
    const [row] = await queryRows<{ id: string; name: string }>(
      db,
      id
        ? `SELECT id, name FROM projects WHERE id = $2 AND tenant_id = $1 FOR ${strength}`
        : `SELECT id, name FROM projects WHERE tenant_id = $1 AND name = 'default' FOR ${strength}`,
      id ? [tenant, id] : [tenant],
    );
    return row ?? null;
  }

  async rename(db: Db, tenant: TenantId, id: string, name: string): Promise<void> {
    await queryRows(
      db,
      `UPDATE projects SET name = $3, updated_at = now() WHERE id = $1 AND tenant_id = $2`,
      [id, tenant, name],
    );
  }

  /** Its revoked and expired keys and its environments go with it (ON DELETE CASCADE). */
  async delete(db: Db, tenant: TenantId, id: string): Promise<void> {
    await queryRows(db, `DELETE FROM projects WHERE id = $1 AND tenant_id = $2`, [id, tenant]);
  }

  async insertEnvironments(
    db: Db,
    tenant: TenantId,
    projectId: string,
    environments: readonly { name: string; kind: KeyEnvironmentKind }[],
  ): Promise<EnvironmentRow[]> {
    return queryRows<EnvironmentRow>(
      db,
      `INSERT INTO environments (tenant_id, project_id, name, kind)
       SELECT $1, $2, e.name, e.kind FROM unnest($3::varchar[], $4::varchar[]) WITH ORDINALITY AS e(name, kind, n)
        ORDER BY e.n
       RETURNING id, name, kind`,
      [tenant, projectId, environments.map((e) => e.name), environments.map((e) => e.kind)],
    );
  }

  environments(db: Db, tenant: TenantId, projectId: string): Promise<EnvironmentRow[]> {
    return queryRows<EnvironmentRow>(
      db,
      `SELECT id, name, kind FROM environments WHERE project_id = $1 AND tenant_id = $2
        ORDER BY created_at, (kind = 'live') DESC, name`,
      [projectId, tenant],
    );
  }

  async environment(
    db: Db,
    tenant: TenantId,
    environmentId: string,
  ): Promise<{ id: string; project_id: string; kind: KeyEnvironmentKind } | null> {
    const [row] = await queryRows<{ id: string; project_id: string; kind: KeyEnvironmentKind }>(
      db,
      `SELECT id, project_id, kind FROM environments WHERE id = $1 AND tenant_id = $2`,
      [environmentId, tenant],
    );
    return row ?? null;
  }

  /** The environment keys of a project get by default: `production`, else the first live one, else the first. */
  async defaultEnvironment(
    db: Db,
    tenant: TenantId,
    projectId: string,
  ): Promise<{ id: string; kind: KeyEnvironmentKind } | null> {
    const [row] = await queryRows<{ id: string; kind: KeyEnvironmentKind }>(
      db,
      `SELECT id, kind FROM environments WHERE project_id = $1 AND tenant_id = $2
        ORDER BY (name = 'production') DESC, (kind = 'live') DESC, created_at, id LIMIT 1`,
      [projectId, tenant],
    );
    return row ?? null;
  }

  async environmentKind(db: Db, tenant: TenantId, environmentId: string): Promise<KeyEnvironmentKind> {
    const [row] = await queryRows<{ kind: KeyEnvironmentKind }>(
      db,
      `SELECT kind FROM environments WHERE id = $1 AND tenant_id = $2`,
      [environmentId, tenant],
    );
    if (!row) throw new Error(`environment ${environmentId} not found`);
    return row.kind;
  }
}
