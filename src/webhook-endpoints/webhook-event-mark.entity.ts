import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Tenant } from '../tenancy/tenant.entity.js';

/**
 * "This event already happened": one row per once-only event (`usage.threshold:2026-03:searches:80`,
 * `api_key.expiring:<key>:<expires_at>:7d`). Its primary key decides, in the database, which of several
 * concurrent requests or instances emits the event: exactly one insert wins.
 */
@Entity('webhook_event_marks')
export class WebhookEventMark {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  mark!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Relation<Tenant>;
}
