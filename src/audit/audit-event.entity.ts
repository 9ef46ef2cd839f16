import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorType } from '../common/vocabulary.js';

/**
 * One audit event. Append-only: a trigger (migration AuditAppendOnly) makes the database refuse
 * UPDATE, DELETE and TRUNCATE. `seq` orders events for cursor paging.
 */
@Entity('audit_events')
@Check('audit_events_actor_type_check', `"actor_type" IN ('user', 'api_key', 'system')`)
@Index('audit_events_tenant_seq_idx', ['tenantId', 'seq'])
@Index('audit_events_tenant_action_idx', ['tenantId', 'action', 'seq'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', generated: 'increment', unique: true })
  seq!: string;

  /** Null only for events that belong to no tenant (e.g. a failed login for an unknown email). */
  @Column({ name: 'tenant_id', type: 'uuid', nullable: true })
  tenantId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'actor_type', type: 'varchar', length: 10 })
  actorType!: ActorType;

  @Column({ name: 'actor_id', type: 'varchar', length: 64, nullable: true })
  actorId!: string | null;

  @Column({ name: 'target_type', type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @Column({ name: 'target_id', type: 'varchar', length: 320, nullable: true })
  targetId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  metadata!: Record<string, unknown>;
}
