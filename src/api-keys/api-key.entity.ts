import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Environment } from './environment.entity.js';
import { Project } from './project.entity.js';
import type { ActorType } from '../common/vocabulary.js';

/**
 * An API key. Only the HMAC of the raw key is stored (`key_hash`, unique: verification is one
 * indexed lookup). `status` is derived from revoked_at / replaced_by_key_id / grace / expiry.
 */
@Entity('api_keys')
@Check('api_keys_created_by_type_check', `"created_by_type" IN ('user', 'api_key', 'system')`)
@Check(
  'api_keys_rotation_interval_check',
  `"rotation_interval_days" IS NULL OR "rotation_interval_days" BETWEEN 1 AND 365`,
)
@Check('api_keys_rate_limit_check', `"rate_limit_rpm" IS NULL OR "rate_limit_rpm" > 0`)
@Index('api_keys_key_hash_key', ['keyHash'], { unique: true })
@Index('api_keys_tenant_idx', ['tenantId', 'createdAt'])
// Active-key counting per project: only unrevoked, unreplaced keys are in this index.
@Index('api_keys_project_active_idx', ['projectId'], {
  where: `"revoked_at" IS NULL AND "replaced_by_key_id" IS NULL`,
})
// Rotation history (`include=history`): walk back from a key to the keys it replaced.
@Index('api_keys_replaced_by_idx', ['replacedByKeyId'], { where: `"replaced_by_key_id" IS NOT NULL` })
@Index('api_keys_next_rotation_idx', ['nextRotationAt'], {
  where: `"next_rotation_at" IS NOT NULL AND "revoked_at" IS NULL AND "replaced_by_key_id" IS NULL`,
})
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'environment_id', type: 'uuid' })
  environmentId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'key_prefix', type: 'varchar', length: 12 })
  keyPrefix!: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by_type', type: 'varchar', length: 10 })
  createdByType!: ActorType;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'replaced_by_key_id', type: 'uuid', nullable: true })
  replacedByKeyId!: string | null;

  @Column({ name: 'grace_expires_at', type: 'timestamptz', nullable: true })
  graceExpiresAt!: Date | null;

  @Column({ name: 'rotation_interval_days', type: 'int', nullable: true })
  rotationIntervalDays!: number | null;

  @Column({ name: 'next_rotation_at', type: 'timestamptz', nullable: true })
  nextRotationAt!: Date | null;

  @Column({ name: 'rotation_webhook_url', type: 'varchar', length: 2048, nullable: true })
  rotationWebhookUrl!: string | null;

  @Column({ name: 'rate_limit_rpm', type: 'int', nullable: true })
  rateLimitRpm!: number | null;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  @ManyToOne(() => Environment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'environment_id' })
  environment?: Relation<Environment>;
}
