import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActorType } from '../common/vocabulary.js';
import type { Origin } from '../common/principal.js';
import type { TenantId } from '../common/tenant-id.js';
import type { AuditAction } from './audit-actions.js';
import type { AuditEventDto, AuditPageDto, AuditQueryDto } from './audit.dto.js';
import { AuditRepository, type AuditEventRow } from './audit.repository.js';

export interface AuditInput {
  tenantId: string | null;
  action: AuditAction;
  actor: { type: ActorType; id: string | null };
  target?: { type: string; id: string } | null;
  origin?: Origin | null;
  metadata?: Record<string, unknown>;
}

/** Append-only audit trail (rules §6). Other modules record through `record`, inside their transaction. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: AuditRepository,
  ) {}

  /** Pass the transaction's manager when inside one (PGlite has a single session). */
  async record(input: AuditInput, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.events.insert(manager, {
      tenantId: input.tenantId,
      action: input.action,
      actor: input.actor,
      target: input.target ?? null,
      ip: input.origin?.ip ?? null,
      userAgent: input.origin?.userAgent ?? null,
      metadata: input.metadata ?? {},
    });
  }

  async list(tenant: TenantId, query: AuditQueryDto): Promise<AuditPageDto> {
    const limit = query.limit ?? 20;
    const rows = await this.events.page(
      this.dataSource,
      tenant,
      {
        action: query.action,
        actorId: query.actor_id,
        targetId: query.target_id,
        since: query.since ? new Date(query.since) : undefined,
        until: query.until ? new Date(query.until) : undefined,
        before: query.cursor,
      },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return {
      events: page.map(toDto),
      next_cursor: rows.length > limit ? page[page.length - 1].seq : null,
    };
  }
}

function toDto(e: AuditEventRow): AuditEventDto {
  return {
    id: e.id,
    occurred_at: e.occurred_at.toISOString(),
    action: e.action as AuditAction,
    actor: { type: e.actor_type, id: e.actor_id },
    target: e.target_type && e.target_id ? { type: e.target_type, id: e.target_id } : null,
    ip: e.ip,
    user_agent: e.user_agent,
    metadata: e.metadata,
  };
}
