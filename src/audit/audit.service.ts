import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActorType } from '../api-keys/api-key.entity.js';
import { requireTenant } from '../common/tenant-scope.js';
import type { Origin } from '../common/principal.js';
import type { AuditAction } from './audit-actions.js';
import { AuditEvent } from './audit-event.entity.js';
import type { AuditEventDto, AuditPageDto, AuditQueryDto } from './audit.dto.js';

export interface AuditInput {
  tenantId: string | null;
  action: AuditAction;
  actor: { type: ActorType; id: string | null };
  target?: { type: string; id: string } | null;
  origin?: Origin | null;
  metadata?: Record<string, unknown>;
}

/** Append-only audit trail (SPEC §6). Other modules record through `record`, inside their transaction. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pass the transaction's manager when inside one (PGlite has a single session). */
  async record(input: AuditInput, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_events (tenant_id, action, actor_type, actor_id, target_type, target_id, ip, user_agent, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
      [
        input.tenantId,
        input.action,
        input.actor.type,
        input.actor.id,
        input.target?.type ?? null,
        input.target?.id ?? null,
        input.origin?.ip ?? null,
        input.origin?.userAgent ?? null,
        JSON.stringify(input.metadata ?? {}),
      ],
    );
  }

  async list(tenantId: string, query: AuditQueryDto): Promise<AuditPageDto> {
    requireTenant(tenantId);
    const limit = query.limit ?? 20;
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.tenant_id = :tenantId', { tenantId })
      .orderBy('e.seq', 'DESC')
      .limit(limit + 1);
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.actor_id) qb.andWhere('e.actor_id = :actorId', { actorId: query.actor_id });
    if (query.target_id) qb.andWhere('e.target_id = :targetId', { targetId: query.target_id });
    if (query.since) qb.andWhere('e.occurred_at >= :since', { since: new Date(query.since) });
    if (query.until) qb.andWhere('e.occurred_at < :until', { until: new Date(query.until) });
    if (query.cursor) qb.andWhere('e.seq < :cursor', { cursor: query.cursor });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return {
      events: page.map(toDto),
      next_cursor: rows.length > limit ? page[page.length - 1].seq : null,
    };
  }
}

function toDto(e: AuditEvent): AuditEventDto {
  return {
    id: e.id,
    occurred_at: e.occurredAt.toISOString(),
    action: e.action as AuditAction,
    actor: { type: e.actorType, id: e.actorId },
    target: e.targetType && e.targetId ? { type: e.targetType, id: e.targetId } : null,
    ip: e.ip,
    user_agent: e.userAgent,
    metadata: e.metadata,
  };
}
