import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Tenant } from '../tenancy/tenant.entity.js';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One `api_key.rotated` webhook to deliver. The body carries a raw API key, so it is stored only
 * sealed (AES-256-GCM, key derived from API_KEY_SALT, bound to this row's id) and erased as soon
 * as the delivery succeeds or finally fails. The id is the Standard Webhooks `webhook-id`, the
 * same on every retry so receivers can deduplicate.
 */
@Entity('api_key_webhook_deliveries')
@Check('api_key_webhook_deliveries_status_check', `"status" IN ('pending', 'delivered', 'failed')`)
@Index('api_key_webhook_deliveries_tenant_idx', ['tenantId', 'createdAt'])
export class WebhookDelivery {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'old_key_id', type: 'uuid' })
  oldKeyId!: string;

  @Column({ name: 'new_key_id', type: 'uuid' })
  newKeyId!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  /** `v1.<iv>.<tag>.<ciphertext>` (base64url); NULL once delivered or given up. */
  @Column({ name: 'sealed_body', type: 'text', nullable: true })
  sealedBody!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Relation<Tenant>;
}
