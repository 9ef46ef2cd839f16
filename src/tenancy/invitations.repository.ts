import { Injectable } from '@nestjs/common';
import type { Role } from '../common/scopes.js';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';
import type { ActorType } from '../common/vocabulary.js';
import type { EmailDispatchStatus, InvitationStatus } from './invitation.entity.js';
import type { TenantStatus } from '../common/vocabulary.js';

export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  /** Stored status with expiry applied. */
  status: InvitationStatus;
  email_dispatch_status: EmailDispatchStatus;
  expires_at: Date;
  created_at: Date;
}

/** An invitation found by its token, with what accepting it needs of its tenant. */
export interface InvitationByTokenRow {
  id: string;
  tenant_id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  tenant_status: TenantStatus;
  session_ttl_minutes: number;
}

/** What the invitation mail says. */
export interface InvitationMailRow {
  email: string;
  role: string;
  status: InvitationStatus;
  expired: boolean;
  email_dispatch_status: EmailDispatchStatus;
  expires_at: Date;
  tenant_name: string;
  inviter_email: string | null;
  inviter_name: string | null;
}

/** The status a client sees: a pending invitation past its expiry is `expired`. */
const effectiveStatus = (alias = '') =>
  `CASE WHEN ${alias}status = 'pending' AND ${alias}expires_at <= now() THEN 'expired' ELSE ${alias}status END`;

const VIEW_COLUMNS = `id, email, role, ${effectiveStatus()} AS status, email_dispatch_status, expires_at, created_at`;

/** Every statement on `invitations`. */
@Injectable()
export class InvitationsRepository {
  /** The pending invitations of an email in the tenant, locked (a new invitation replaces them). */
  lockPendingOfEmail(
    db: Db,
    tenant: TenantId,
    email: string,
  ): Promise<{ id: string; role: Role; expired: boolean }[]> {
    return queryRows<{ id: string; role: Role; expired: boolean }>(
      db,
      `SELECT id, role, expires_at <= now() AS expired FROM invitations
        WHERE tenant_id = $1 AND email = $2 AND status = 'pending' FOR UPDATE`,
      [tenant, email],
    );
  }

  async markExpired(db: Db, tenant: TenantId, id: string): Promise<void> {
    await queryRows(db, `UPDATE invitations SET status = 'expired' WHERE id = $1 AND tenant_id = $2`, [
      id,
      tenant,
    ]);
  }

  async markRevoked(db: Db, tenant: TenantId, id: string): Promise<void> {
    await queryRows(
      db,
      `UPDATE invitations SET status = 'revoked', revoked_at = now() WHERE id = $1 AND tenant_id = $2`,
      [id, tenant],
    );
  }

  async insert(
    db: Db,
    tenant: TenantId,
    values: {
      email: string;
      role: Role;
      tokenHash: string;
      invitedBy: { type: ActorType; id: string | null };
      ttlDays: number;
    },
  ): Promise<InvitationRow> {
    const [row] = await queryRows<InvitationRow>(
      db,
      `INSERT INTO invitations (tenant_id, email, role, token_hash, invited_by_type, invited_by_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))
       RETURNING id, email, role, status, email_dispatch_status, expires_at, created_at`,
      [
        tenant,
        values.email,
        values.role,
        values.tokenHash,
        values.invitedBy.type,
        values.invitedBy.id,
        values.ttlDays,
      ],
    );
    return row;
  }

  list(db: Db, tenant: TenantId, limit: number, offset: number): Promise<InvitationRow[]> {
    return queryRows<InvitationRow>(
      db,
      `SELECT ${VIEW_COLUMNS} FROM invitations WHERE tenant_id = $1
        ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [tenant, limit, offset],
    );
  }

  async lock(db: Db, tenant: TenantId, id: string): Promise<InvitationRow | null> {
    const [row] = await queryRows<InvitationRow>(
      db,
      `SELECT ${VIEW_COLUMNS} FROM invitations WHERE id = $1 AND tenant_id = $2 FOR UPDATE`,
      [id, tenant],
    );
    return row ?? null;
  }

  /** Accepting: the invitation a token names, whichever tenant sent it (the token is the credential). */
  async lockByTokenHashAcrossTenants(db: Db, tokenHash: string): Promise<InvitationByTokenRow | null> {
    const [row] = await queryRows<InvitationByTokenRow>(
      db,
      `SELECT i.id, i.tenant_id, i.email, i.role, ${effectiveStatus('i.')} AS status,
              t.status AS tenant_status, t.session_ttl_minutes
         FROM invitations i JOIN tenants t ON t.id = i.tenant_id
        WHERE i.token_hash = $1
        FOR UPDATE OF i`,
      [tokenHash],
    );
    return row ?? null;
  }

  async markAccepted(db: Db, tenant: TenantId, id: string, userId: string): Promise<void> {
    await queryRows(
      db,
      `UPDATE invitations SET status = 'accepted', accepted_at = now(), accepted_by_user_id = $3
        WHERE id = $1 AND tenant_id = $2`,
      [id, tenant, userId],
    );
  }

  /** The mail job: the invitation it was queued for (its payload names the tenant and the invitation). */
  async mailViewForWorker(db: Db, tenantId: string, id: string): Promise<InvitationMailRow | null> {
    const [row] = await queryRows<InvitationMailRow>(
      db,
      `SELECT i.email, i.role, i.status, i.expires_at <= now() AS expired, i.email_dispatch_status, i.expires_at,
              t.name AS tenant_name, u.email AS inviter_email, u.display_name AS inviter_name
         FROM invitations i
         JOIN tenants t ON t.id = i.tenant_id
         LEFT JOIN users u ON i.invited_by_type = 'user' AND u.id = i.invited_by_id
        WHERE i.id = $1 AND i.tenant_id = $2`,
      [id, tenantId],
    );
    return row ?? null;
  }

  /** Records the mail's outcome once (only while still `queued`); answers the invited email, or null. */
  async settleDispatchForWorker(
    db: Db,
    tenantId: string,
    id: string,
    status: Exclude<EmailDispatchStatus, 'queued'>,
  ): Promise<string | null> {
    const [row] = await queryRows<{ email: string }>(
      db,
      `UPDATE invitations SET email_dispatch_status = $3, email_dispatched_at = now()
        WHERE id = $1 AND tenant_id = $2 AND email_dispatch_status = 'queued'
        RETURNING email`,
      [id, tenantId, status],
    );
    return row?.email ?? null;
  }
}
