import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { requireTenant } from '../common/tenant-scope.js';
import { Environment } from './environment.entity.js';
import { Project } from './project.entity.js';

export const DEFAULT_PROJECT = 'default';

@Injectable()
export class ProjectsService {
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
}
