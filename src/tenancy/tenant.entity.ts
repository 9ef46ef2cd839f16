import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PlanName, TenantStatus } from '../common/vocabulary.js';

@Entity('tenants')
@Check('tenants_plan_check', `"plan" IN ('free', 'pro', 'scale', 'enterprise')`)
@Check('tenants_status_check', `"status" IN ('active', 'suspended')`)
@Check('tenants_session_ttl_check', `"session_ttl_minutes" BETWEEN 5 AND 43200`)
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20, default: 'free' })
  plan!: PlanName;

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status!: TenantStatus;

  @Column({ name: 'require_key_expiration', type: 'boolean', default: false })
  requireKeyExpiration!: boolean;

  @Column({ name: 'max_key_lifetime_days', type: 'int', nullable: true })
  maxKeyLifetimeDays!: number | null;

  @Column({ name: 'allowed_ip_ranges', type: 'text', array: true, default: () => `'{}'` })
  allowedIpRanges!: string[];

  @Column({ name: 'session_ttl_minutes', type: 'int', default: 60 })
  sessionTtlMinutes!: number;

  /** Standard Webhooks signing secret (`whsec_...`), per tenant. */
  @Column({ name: 'webhook_signing_secret', type: 'varchar', length: 100 })
  webhookSigningSecret!: string;

  /** Operator overrides of the plan's limits (`npm run cli -- tenants set-limits`). */
  @Column({ name: 'custom_requests_per_minute', type: 'int', nullable: true })
  customRequestsPerMinute!: number | null;

  @Column({ name: 'custom_search_per_minute', type: 'int', nullable: true })
  customSearchPerMinute!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
