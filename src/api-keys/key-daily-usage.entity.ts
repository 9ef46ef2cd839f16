import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ApiKey } from './api-key.entity.js';

/**
 * Requests of one API key on one UTC day. Written only by batched upserts that add to the row
 * (`requests = requests + EXCLUDED.requests`), so several instances' buffers sum up exactly.
 */
@Entity('api_key_daily_usage')
@Check('api_key_daily_usage_counts_check', `"requests" >= 0 AND "rejected" >= 0`)
@Index('api_key_daily_usage_tenant_idx', ['tenantId', 'day'])
export class KeyDailyUsage {
  @PrimaryColumn({ name: 'key_id', type: 'uuid' })
  keyId!: string;

  /** UTC day, `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  /** Requests the rate limiter let through. */
  @Column({ type: 'bigint', default: 0 })
  requests!: string;

  /** Requests refused by the rate limiter (429). */
  @Column({ type: 'bigint', default: 0 })
  rejected!: string;

  @ManyToOne(() => ApiKey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'key_id' })
  key?: Relation<ApiKey>;
}
