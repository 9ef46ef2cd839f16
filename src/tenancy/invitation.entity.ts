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
import type { Role } from '../common/scopes.js';
import { Tenant } from './tenant.entity.js';

/** Stored state; `expired` is also derived for a pending row past `expires_at`. */
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const EMAIL_DISPATCH_STATUSES = ['queued', 'sent', 'failed'] as const;
export type EmailDispatchStatus = (typeof EMAIL_DISPATCH_STATUSES)[number];

/**
 * A team invitation (rules §6). The token is random and only its SHA-256 is stored; a tenant holds at
 * most one pending invitation per email (partial unique index): re-inviting replaces it.
 */
@Entity('invitations')
@Check('invitations_role_check', `"role" IN ('owner', 'admin', 'developer', 'viewer')`)
@Check('invitations_status_check', `"status" IN ('pending', 'accepted', 'revoked', 'expired')`)
@Check('invitations_email_dispatch_status_check', `"email_dispatch_status" IN ('queued', 'sent', 'failed')`)
@Check('invitations_invited_by_type_check', `"invited_by_type" IN ('user', 'api_key')`)
@Index('invitations_token_hash_key', ['tokenHash'], { unique: true })
@Index('invitations_pending_email_key', ['tenantId', 'email'], {
  unique: true,
  where: `"status" = 'pending'`,
})
@Index('invitations_tenant_created_idx', ['tenantId', 'createdAt'])
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  /** Lower-cased and trimmed, like users.email. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  /** SHA-256 (hex) of the token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status!: InvitationStatus;

  @Column({ name: 'email_dispatch_status', type: 'varchar', length: 20, default: 'queued' })
  emailDispatchStatus!: EmailDispatchStatus;

  /** When the mail was sent or given up on. */
  @Column({ name: 'email_dispatched_at', type: 'timestamptz', nullable: true })
  emailDispatchedAt!: Date | null;

  @Column({ name: 'invited_by_type', type: 'varchar', length: 10 })
  invitedByType!: 'user' | 'api_key';

  @Column({ name: 'invited_by_id', type: 'uuid' })
  invitedById!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'accepted_by_user_id', type: 'uuid', nullable: true })
  acceptedByUserId!: string | null;

  /** When it was revoked, or replaced by a newer invitation of the same email. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Relation<Tenant>;
}
