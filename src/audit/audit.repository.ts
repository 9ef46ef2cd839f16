import { Injectable } from '@nestjs/common';
import type { ActorType } from '../common/vocabulary.js';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';

export interface NewAuditEvent {
  /** Null only for events that belong to no tenant (a failed login for an unknown email). */
  tenantId: string | null;
  action: string;
  actor: { type: ActorType; id: string | null };
  target: { type: string; id: string } | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
}

export interface AuditEventRow {
  id: string;
  seq: string;
  occurred_at: Date;
  action: string;
  actor_type: ActorType;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  metadata: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
  /** Events older than this `seq`. */
  before?: string;
}

/**
 * Every statement on `audit_events`, which is append-only (the database refuses UPDATE and DELETE).
 * An event names its tenant as data, written in the transaction of what it records; reading is
 * tenant-scoped.
 */
@Injectable()
export class AuditRepository {
  async insert(db: Db, event: NewAuditEvent): Promise<void> {
    await queryRows(
      db,
      `INSERT INTO audit_events (tenant_id, action, actor_type, actor_id, target_type, target_id, ip, user_agent, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
      [
        event.tenantId,
        event.action,
        event.actor.type,
        event.actor.id,
        event.target?.type ?? null,
        event.target?.id ?? null,
        event.ip,
        event.userAgent,
        JSON.stringify(event.metadata),
      ],
    );
  }

  /** The tenant's events matching the filter, newest first. */
  page(db: Db, tenant: TenantId, filter: AuditFilter, limit: number): Promise<AuditEventRow[]> {
    const params: unknown[] = [tenant];
    const where = ['e.tenant_id = $1'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(`${sql} $${params.length}`);
    };
    if (filter.action) add('e.action =', filter.action);
    if (filter.actorId) add('e.actor_id =', filter.actorId);
    if (filter.targetId) add('e.target_id =', filter.targetId);
    if (filter.since) add('e.occurred_at >=', filter.since);
    if (filter.until) add('e.occurred_at <', filter.until);
    if (filter.before) add('e.seq <', filter.before);
    params.push(limit);
    return queryRows<AuditEventRow>(
      db,
      `SELECT e.id, e.seq, e.occurred_at, e.action, e.actor_type, e.actor_id, e.target_type, e.target_id,
              e.ip, e.user_agent, e.metadata
         FROM audit_events e WHERE ${where.join(' AND ')}
        ORDER BY e.seq DESC LIMIT $${params.length}`,
      params,
    );
  }
}
