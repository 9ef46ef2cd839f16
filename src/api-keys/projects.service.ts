import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { PaginationQueryDto } from '../common/pagination.dto.js';
import { actorOf, type Caller } from '../common/principal.js';
import type { Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';
import { TenantsRepository } from '../tenancy/tenants.repository.js';
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
import { ApiKeysRepository } from './api-keys.repository.js';
import { ProjectsRepository, type ProjectRow } from './projects.repository.js';

export const DEFAULT_PROJECT = 'default';

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}

/**
 * rules §4 projects and environments. The `default` project (made at signup) is where keys go
 * without a `project_id`: it can be neither renamed nor deleted (409).
 */
@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly projects: ProjectsRepository,
    private readonly keys: ApiKeysRepository,
    private readonly tenants: TenantsRepository,
  ) {}

  /** A project with its two environments: `production` (live) and `development` (test). */
  async createWithEnvironments(
    manager: EntityManager,
    tenant: TenantId,
    name: string,
  ): Promise<{ id: string; name: string }> {
    const project = await this.projects.insert(manager, tenant, name);
    await this.projects.insertEnvironments(manager, tenant, project.id, [
      { name: 'production', kind: 'live' },
      { name: 'development', kind: 'test' },
    ]);
    return project;
  }

  async list(caller: Caller, page: PaginationQueryDto): Promise<ProjectListDto> {
    const { tenantId } = caller.principal;
    const [rows, limit] = await Promise.all([
      this.projects.list(this.dataSource, tenantId, page.limit, page.offset),
      this.keyLimit(this.dataSource, tenantId),
    ]);
    return { projects: rows.map((row) => toProject(row, limit)) };
  }

  async get(caller: Caller, id: string): Promise<ProjectDetailDto> {
    return this.detail(this.dataSource, caller.principal.tenantId, id);
  }

  async create(caller: Caller, dto: ProjectNameDto): Promise<ProjectDetailDto> {
    const { tenantId } = caller.principal;
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
    try {
      return await this.dataSource.transaction(async (manager) => {
        const project = await this.lock(manager, tenantId, id);
        if (project.name === dto.name) return this.detail(manager, tenantId, id);
        if (project.name === DEFAULT_PROJECT) {
          throw ApiError.conflict(
            'The default project cannot be renamed: keys made without project_id go there.',
          );
        }
        await this.projects.rename(manager, tenantId, id, dto.name);
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
    await this.dataSource.transaction(async (manager) => {
      // FOR UPDATE: a concurrent key create in this project waits, then finds the project gone.
      const project = await this.lock(manager, tenantId, id, 'UPDATE');
      if (project.name === DEFAULT_PROJECT) {
        throw ApiError.conflict(
          'The default project cannot be deleted: keys made without project_id go there.',
        );
      }
      const n = await this.keys.countWorking(manager, tenantId, id);
      if (n > 0) {
        throw ApiError.conflict(
          `This project still has ${n} working key(s); revoke them before deleting it.`,
        );
      }
      await this.projects.delete(manager, tenantId, id);
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
    await this.mustExist(this.dataSource, tenantId, projectId);
    return { environments: await this.projects.environments(this.dataSource, tenantId, projectId) };
  }

  async createEnvironment(
    caller: Caller,
    projectId: string,
    dto: CreateEnvironmentDto,
  ): Promise<EnvironmentDto> {
    const { tenantId } = caller.principal;
    await this.mustExist(this.dataSource, tenantId, projectId);
    try {
      const [row] = await this.projects.insertEnvironments(this.dataSource, tenantId, projectId, [
        { name: dto.name, kind: dto.kind },
      ]);
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
    tenant: TenantId,
    id: string,
    strength: 'UPDATE' | 'NO KEY UPDATE' = 'NO KEY UPDATE',
  ): Promise<{ id: string; name: string }> {
    const row = await this.projects.lock(manager, tenant, id, strength);
    if (!row) throw ApiError.notFound('Project');
    return row;
  }

  private async mustExist(db: Db, tenant: TenantId, id: string): Promise<void> {
    if (!(await this.projects.exists(db, tenant, id))) throw ApiError.notFound('Project');
  }

  private async detail(db: Db, tenant: TenantId, id: string): Promise<ProjectDetailDto> {
    const row = await this.projects.find(db, tenant, id);
    if (!row) throw ApiError.notFound('Project');
    // One after the other: inside a transaction (PGlite: a single session) queries take turns anyway.
    const limit = await this.keyLimit(db, tenant);
    const environments = await this.projects.environments(db, tenant, id);
    return { ...toProject(row, limit), environments };
  }

  private async keyLimit(db: Db, tenant: TenantId): Promise<number> {
    const { plan } = await this.tenants.keyPolicy(db, tenant);
    return PLANS[plan].activeKeysPerProject;
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
