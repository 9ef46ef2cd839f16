import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { PaginationQueryDto } from '../common/pagination.dto.js';
import { actorOf, type Caller } from '../common/principal.js';
import { queryRows } from '../common/sql.js';
import { requireTenant } from '../common/tenant-scope.js';
import type { PlanName } from '../tenancy/tenant.entity.js';
import { PLANS } from '../usage/plans.js';
import type {
  CreateEnvironmentDto,
  EnvironmentDto,
  EnvironmentListDto,
  ProjectDetailDto,
  ProjectDto,
  ProjectListDto,
  ProjectNameDto,
} from './dto/project.dto.js';
import { Environment } from './environment.entity.js';
import { ACTIVE_SQL } from './key-policy.js';
import { Project } from './project.entity.js';

export const DEFAULT_PROJECT = 'default';

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}

interface ProjectRow {
  id: string;
  name: string;
  created_at: Date;
  active_key_count: number;
}

const PROJECT_COLUMNS = `p.id, p.name, p.created_at,
  (SELECT count(*)::int FROM api_keys k WHERE k.project_id = p.id AND ${ACTIVE_SQL}) AS active_key_count`;

/**
 * SPEC §4 projects and environments. The `default` project (made at signup) is where keys go
 * without a `project_id`: it can be neither renamed nor deleted (409).
 */
@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A project with its two environments: `production` (live) and `development` (test). */
  async createWithEnvironments(manager: EntityManager, tenantId: string, name: string): Promise<Project> {
    requireTenant(tenantId);
    const project = await manager.save(manager.create(Project, { tenantId, name }));
    await manager.insert(Environment, [
      { tenantId, projectId: project.id, name: 'production', kind: 'live' },
      { tenantId, projectId: project.id, name: 'development', kind: 'test' },
    ]);
    return project;
  }

  async list(caller: Caller, page: PaginationQueryDto): Promise<ProjectListDto> {
    const { tenantId } = caller.principal;
    requireTenant(tenantId);
    const [rows, limit] = await Promise.all([
      queryRows<ProjectRow>(
        this.dataSource,
        `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.tenant_id = $1
          ORDER BY p.created_at, p.id LIMIT $2 OFFSET $3`,
        [tenantId, page.limit, page.offset],
      ),
      this.keyLimit(tenantId),
    ]);
    return { projects: rows.map((row) => toProject(row, limit)) };
  }

  async get(caller: Caller, id: string): Promise<ProjectDetailDto> {
    requireTenant(caller.principal.tenantId);
    return this.detail(this.dataSource, caller.principal.tenantId, id);
  }

  async create(caller: Caller, dto: ProjectNameDto): Promise<ProjectDetailDto> {
    const { tenantId } = caller.principal;
    requireTenant(tenantId);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const project = await this.createWithEnvironments(manager, tenantId, dto.name);
        await this.audit.record(
          {
            tenantId,
            action: 'project.created',
            actor: actorOf(caller.principal),
            target: { type: 'project', id: project.id },
            origin: caller,
            metadata: { name: dto.name },
          },
          manager,
        );
        return this.detail(manager, tenantId, project.id);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw ApiError.conflict(`A project named "${dto.name}" already exists.`);
      throw error;
    }
  }

  async rename(caller: Caller, id: string, dto: ProjectNameDto): Promise<ProjectDetailDto> {
    const { tenantId } = caller.principal;
    requireTenant(tenantId);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const project = await this.lock(manager, tenantId, id);
        if (project.name === dto.name) return this.detail(manager, tenantId, id);
        if (project.name === DEFAULT_PROJECT) {
          throw ApiError.conflict(
            'The default project cannot be renamed: keys made without project_id go there.',
          );
        }
        await manager.query(
          `UPDATE projects SET name = $3, updated_at = now() WHERE id = $1 AND tenant_id = $2`,
          [id, tenantId, dto.name],
        );
        await this.audit.record(
          {
            tenantId,
            action: 'project.renamed',
            actor: actorOf(caller.principal),
            target: { type: 'project', id },
            origin: caller,
            metadata: { from: project.name, to: dto.name },
          },
          manager,
        );
        return this.detail(manager, tenantId, id);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw ApiError.conflict(`A project named "${dto.name}" already exists.`);
      throw error;
    }
  }

  /**
   * 409 while the project holds keys that still work (active, or in rotation grace): deleting it
   * would delete them. Revoked and expired keys go with it. The `default` project stays.
   */
  async delete(caller: Caller, id: string): Promise<void> {
    const { tenantId } = caller.principal;
    requireTenant(tenantId);
    await this.dataSource.transaction(async (manager) => {
      // FOR UPDATE: a concurrent key create in this project waits, then finds the project gone.
      const project = await this.lock(manager, tenantId, id, 'UPDATE');
      if (project.name === DEFAULT_PROJECT) {
        throw ApiError.conflict(
          'The default project cannot be deleted: keys made without project_id go there.',
        );
      }
      const [{ n }] = await queryRows<{ n: number }>(
        manager,
        `SELECT count(*)::int AS n FROM api_keys k
          WHERE k.project_id = $1 AND k.revoked_at IS NULL
            AND (k.expires_at IS NULL OR k.expires_at > now())
            AND (k.replaced_by_key_id IS NULL OR k.grace_expires_at > now())`,
        [id],
      );
      if (n > 0) {
        throw ApiError.conflict(
          `This project still has ${n} working key(s); revoke them before deleting it.`,
        );
      }
      await manager.query(`DELETE FROM projects WHERE id = $1 AND tenant_id = $2`, [id, tenantId]);
      await this.audit.record(
        {
          tenantId,
          action: 'project.deleted',
          actor: actorOf(caller.principal),
          target: { type: 'project', id },
          origin: caller,
          metadata: { name: project.name },
        },
        manager,
      );
    });
  }

  async environments(caller: Caller, projectId: string): Promise<EnvironmentListDto> {
    const { tenantId } = caller.principal;
    requireTenant(tenantId);
    await this.mustExist(this.dataSource, tenantId, projectId);
    return { environments: await this.environmentsOf(this.dataSource, tenantId, projectId) };
  }

  async createEnvironment(
    caller: Caller,
    projectId: string,
    dto: CreateEnvironmentDto,
  ): Promise<EnvironmentDto> {
    const { tenantId } = caller.principal;
    requireTenant(tenantId);
    await this.mustExist(this.dataSource, tenantId, projectId);
    try {
      const [row] = await queryRows<EnvironmentDto>(
        this.dataSource,
        `INSERT INTO environments (tenant_id, project_id, name, kind) VALUES ($1, $2, $3, $4) RETURNING id, name, kind`,
        [tenantId, projectId, dto.name, dto.kind],
      );
      return row;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw ApiError.conflict(`This project already has an environment named "${dto.name}".`);
      }
      throw error;
    }
  }

  private async lock(
    manager: EntityManager,
    tenantId: string,
    id: string,
    strength: 'UPDATE' | 'NO KEY UPDATE' = 'NO KEY UPDATE',
  ): Promise<{ id: string; name: string }> {
    const [row] = await queryRows<{ id: string; name: string }>(
      manager,
      `SELECT id, name FROM projects WHERE id = $1 AND tenant_id = $2 FOR ${strength}`,
      [id, tenantId],
    );
    if (!row) throw ApiError.notFound('Project');
    return row;
  }

  private async mustExist(db: DataSource | EntityManager, tenantId: string, id: string): Promise<void> {
    const rows = await queryRows(db, `SELECT 1 FROM projects WHERE id = $1 AND tenant_id = $2`, [
      id,
      tenantId,
    ]);
    if (rows.length === 0) throw ApiError.notFound('Project');
  }

  private async detail(
    db: DataSource | EntityManager,
    tenantId: string,
    id: string,
  ): Promise<ProjectDetailDto> {
    const [row] = await queryRows<ProjectRow>(
      db,
      `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.id = $1 AND p.tenant_id = $2`,
      [id, tenantId],
    );
    if (!row) throw ApiError.notFound('Project');
    // One after the other: inside a transaction (PGlite: a single session) queries take turns anyway.
    const limit = await this.keyLimit(tenantId, db);
    const environments = await this.environmentsOf(db, tenantId, id);
    return { ...toProject(row, limit), environments };
  }

  private environmentsOf(
    db: DataSource | EntityManager,
    tenantId: string,
    projectId: string,
  ): Promise<EnvironmentDto[]> {
    return queryRows<EnvironmentDto>(
      db,
      `SELECT id, name, kind FROM environments WHERE project_id = $1 AND tenant_id = $2
        ORDER BY created_at, (kind = 'live') DESC, name`,
      [projectId, tenantId],
    );
  }

  private async keyLimit(
    tenantId: string,
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<number> {
    const [row] = await queryRows<{ plan: PlanName }>(db, `SELECT plan FROM tenants WHERE id = $1`, [
      tenantId,
    ]);
    return PLANS[row.plan].activeKeysPerProject;
  }
}

function toProject(row: ProjectRow, keyLimit: number): ProjectDto {
  return {
    id: row.id,
    name: row.name,
    created_at: row.created_at.toISOString(),
    active_key_count: row.active_key_count,
    key_limit: keyLimit,
  };
}
