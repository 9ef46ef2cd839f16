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
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/**
 * One event to deliver to one endpoint. The id is the Standard Webhooks `webhook-id` (the same on
 * every retry). The body is stored sealed (an `api_key.rotated` body may hold a raw key) and erased
 * once the delivery succeeds or is given up; the row stays as the endpoint's delivery log.
 */
@Entity('webhook_event_deliveries')
@Check('webhook_event_deliveries_status_check', `"status" IN ('pending', 'delivered', 'failed')`)
@Index('webhook_event_deliveries_endpoint_idx', ['endpointId', 'createdAt'])
export class WebhookEventDelivery {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 40 })
  eventType!: string;

  @Column({ name: 'sealed_body', type: 'text', nullable: true })
  sealedBody!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: 'pending' | 'delivered' | 'failed';

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'endpoint_id', referencedColumnName: 'id' },
    { name: 'tenant_id', referencedColumnName: 'tenantId' },
  ])
  endpoint?: Relation<WebhookEndpoint>;
}
