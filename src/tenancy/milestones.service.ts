import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { TenantId } from '../common/tenant-id.js';
import type { QuickstartStepDto, QuickstartDto } from './dto/quickstart.dto.js';
import { MilestonesRepository } from './milestones.repository.js';
import { QUICKSTART_STEPS, type QuickstartStep } from './tenant-milestone.entity.js';

const TITLES: Record<QuickstartStep, string> = {
  create_api_key: 'Create an API key',
  define_schema: 'Define a schema',
  upload_data: 'Upload sample data',
  first_search: 'Run your first search',
};

/**
 * Quickstart progress from real events (rules §7): the services that do each step record it here the
 * first time. A tenant already known to have done a step costs nothing (remembered in memory), so
 * hot paths such as search do not write per request.
 */
@Injectable()
export class MilestonesService {
  private readonly known = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly milestones: MilestonesRepository,
  ) {}

  /** Records the step once (pass the manager inside a transaction). */
  async record(tenant: TenantId, step: QuickstartStep, manager?: EntityManager): Promise<void> {
    const key = `${tenant}|${step}`;
    if (this.known.has(key)) return;
    await this.milestones.insertOnce(manager ?? this.dataSource, tenant, step);
    // Remembered only once committed: a rolled-back transaction must not hide the step.
    if (!manager) this.known.add(key);
  }

  async quickstart(tenant: TenantId): Promise<QuickstartDto> {
    const rows = await this.milestones.list(this.dataSource, tenant);
    const done = new Map(rows.map((r) => [r.step, r.completed_at]));
    const steps: QuickstartStepDto[] = QUICKSTART_STEPS.map((id) => ({
      id,
      title: TITLES[id],
      completed: done.has(id),
      completed_at: done.get(id)?.toISOString() ?? null,
    }));
    return { steps, all_completed: steps.every((s) => s.completed) };
  }
}
