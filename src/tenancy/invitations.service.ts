import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { normalizeEmail } from '../auth/accounts.service.js';
import { SessionTokens } from '../auth/session-tokens.service.js';
import { ApiError } from '../common/api-error.js';
import type { PaginationQueryDto } from '../common/pagination.dto.js';
import { actorOf, type Caller, type UserPrincipal } from '../common/principal.js';
import type { Role } from '../common/scopes.js';
import { queryRows } from '../common/sql.js';
import { requireTenant } from '../common/tenant-scope.js';
import type {
  AcceptedInvitationDto,
  CreateInvitationDto,
  InvitationCreatedDto,
  InvitationDto,
  InvitationListDto,
} from './dto/invitation.dto.js';
import type { EmailDispatchStatus, InvitationStatus } from './invitation.entity.js';
import { InvitationMailer } from './invitation-mailer.service.js';
import { hashInvitationToken, INVITATION_TTL_DAYS, newInvitationToken } from './invitation-token.js';
import { actingRole, assertMayInvite, assertMayWithdrawInvitation } from './team-rules.js';

interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  /** Stored status with expiry applied. */
  status: InvitationStatus;
  email_dispatch_status: EmailDispatchStatus;
  expires_at: Date;
  created_at: Date;
}

/** The status a client sees: a pending invitation past its expiry is `expired`. */
const effectiveStatus = (alias = '') =>
  `CASE WHEN ${alias}status = 'pending' AND ${alias}expires_at <= now() THEN 'expired' ELSE ${alias}status END`;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}

function toDto(row: InvitationRow): InvitationDto {
  return {
    invitation_id: row.id,
    email: row.email,
    role: row.role,
    status: row.status,
    email_dispatch_status: row.email_dispatch_status,
    expires_at: row.expires_at.toISOString(),
    created_at: row.created_at.toISOString(),
  };
}

/**
 * SPEC §6 invitations. Rules:
 * - Inviting an email that already has a pending invitation in the tenant *replaces* it (the old
 *   link stops working, `invitation.revoked` with reason `replaced`): "invite again" is how a lost or
 *   expired mail is resent. Inviting an existing member (active or blocked) → 409 `conflict`.
 * - Tokens: 32 random bytes, only their SHA-256 stored, single use, 7 days.
 * - Accepting: unknown token → 404; invited email ≠ the caller's → 403 `forbidden`; already
 *   accepted, revoked or expired → 409 `conflict`; already a member → 409 `conflict`.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly mailer: InvitationMailer,
    private readonly tokens: SessionTokens,
  ) {}

  async create(caller: Caller, dto: CreateInvitationDto): Promise<InvitationCreatedDto> {
    const tenantId = caller.principal.tenantId;
    requireTenant(tenantId);
    const actor = actingRole(caller.principal);
    assertMayInvite(actor, dto.role);
    const email = normalizeEmail(dto.email);
    const token = newInvitationToken();
    try {
      const created = await this.dataSource.transaction(async (manager) => {
        const members = await queryRows<{ user_id: string }>(
          manager,
          `SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.tenant_id = $1 AND u.email = $2`,
          [tenantId, email],
        );
        if (members.length > 0) throw ApiError.conflict(`${email} is already a member of this tenant.`);

        const previous = await queryRows<{ id: string; role: Role; expired: boolean }>(
          manager,
          `SELECT id, role, expires_at <= now() AS expired FROM invitations
            WHERE tenant_id = $1 AND email = $2 AND status = 'pending' FOR UPDATE`,
          [tenantId, email],
        );
        for (const old of previous) assertMayWithdrawInvitation(actor, old.role);
        for (const old of previous) {
          await manager.query(
            old.expired
              ? `UPDATE invitations SET status = 'expired' WHERE id = $1`
              : `UPDATE invitations SET status = 'revoked', revoked_at = now() WHERE id = $1`,
            [old.id],
          );
        }

        const [row] = await queryRows<InvitationRow>(
          manager,
          `INSERT INTO invitations (tenant_id, email, role, token_hash, invited_by_type, invited_by_id, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))
           RETURNING id, email, role, status, email_dispatch_status, expires_at, created_at`,
          [
            tenantId,
            email,
            dto.role,
            hashInvitationToken(token),
            caller.principal.type === 'user' ? 'user' : 'api_key',
            actorOf(caller.principal).id,
            INVITATION_TTL_DAYS,
          ],
        );
        for (const old of previous.filter((p) => !p.expired)) {
          await this.audit.record(
            {
              tenantId,
              action: 'invitation.revoked',
              actor: actorOf(caller.principal),
              target: { type: 'invitation', id: old.id },
              origin: caller,
              metadata: { email, role: old.role, reason: 'replaced', replaced_by: row.id },
            },
            manager,
          );
        }
        await this.audit.record(
          {
            tenantId,
            action: 'member.invited',
            actor: actorOf(caller.principal),
            target: { type: 'invitation', id: row.id },
            origin: caller,
            metadata: {
              email,
              role: dto.role,
              ...(previous.length > 0 ? { replaced_invitation_id: previous[0].id } : {}),
            },
          },
          manager,
        );
        await this.mailer.enqueue(manager, tenantId, row.id, token);
        return row;
      });
      this.mailer.wake();
      return {
        invitation_id: created.id,
        email: created.email,
        role: created.role,
        expires_at: created.expires_at.toISOString(),
        email_dispatch_status: created.email_dispatch_status,
      };
    } catch (error) {
      // Two invitations of one email at the same instant: the partial unique index lets one through.
      if (isUniqueViolation(error)) {
        throw ApiError.conflict(`Another invitation for ${email} was being created at the same time.`);
      }
      throw error;
    }
  }

  async list(tenantId: string, page: PaginationQueryDto): Promise<InvitationListDto> {
    requireTenant(tenantId);
    const rows = await queryRows<InvitationRow>(
      this.dataSource,
      `SELECT id, email, role, ${effectiveStatus()} AS status, email_dispatch_status, expires_at, created_at
         FROM invitations WHERE tenant_id = $1
        ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [tenantId, page.limit, page.offset],
    );
    return { invitations: rows.map(toDto) };
  }

  /**
   * Revokes a pending invitation (its link stops working). Idempotent for revoked or expired ones;
   * an accepted invitation cannot be revoked (409: remove the member instead).
   */
  async revoke(caller: Caller, invitationId: string): Promise<void> {
    const tenantId = caller.principal.tenantId;
    requireTenant(tenantId);
    await this.dataSource.transaction(async (manager) => {
      const [row] = await queryRows<InvitationRow>(
        manager,
        `SELECT id, email, role, ${effectiveStatus()} AS status FROM invitations
          WHERE id = $1 AND tenant_id = $2 FOR UPDATE`,
        [invitationId, tenantId],
      );
      if (!row) throw ApiError.notFound('Invitation');
      assertMayWithdrawInvitation(actingRole(caller.principal), row.role);
      if (row.status === 'accepted') {
        throw ApiError.conflict('This invitation has been accepted; remove the member instead.');
      }
      if (row.status !== 'pending') return;
      await manager.query(`UPDATE invitations SET status = 'revoked', revoked_at = now() WHERE id = $1`, [
        row.id,
      ]);
      await this.audit.record(
        {
          tenantId,
          action: 'invitation.revoked',
          actor: actorOf(caller.principal),
          target: { type: 'invitation', id: row.id },
          origin: caller,
          metadata: { email: row.email, role: row.role, reason: 'revoked' },
        },
        manager,
      );
    });
  }

  /** The signed-in user joins the inviting tenant; answers a session token for that tenant. */
  async accept(caller: Caller, token: string): Promise<AcceptedInvitationDto> {
    const principal = caller.principal as UserPrincipal;
    const joined = await this.dataSource.transaction(async (manager) => {
      const [invitation] = await queryRows<{
        id: string;
        tenant_id: string;
        email: string;
        role: Role;
        status: InvitationStatus;
        tenant_status: string;
        session_ttl_minutes: number;
      }>(
        manager,
        `SELECT i.id, i.tenant_id, i.email, i.role, ${effectiveStatus('i.')} AS status,
                t.status AS tenant_status, t.session_ttl_minutes
           FROM invitations i JOIN tenants t ON t.id = i.tenant_id
          WHERE i.token_hash = $1
          FOR UPDATE OF i`,
        [hashInvitationToken(token)],
      );
      if (!invitation) throw ApiError.notFound('Invitation');
      if (invitation.email !== normalizeEmail(principal.email)) {
        throw ApiError.forbidden(
          'This invitation was sent to another email address; sign in as that user to accept it.',
        );
      }
      if (invitation.status !== 'pending') {
        const why = {
          accepted: 'has already been used',
          revoked: 'has been revoked',
          expired: 'has expired; ask for a new one',
        }[invitation.status];
        throw ApiError.conflict(`This invitation ${why}.`);
      }
      if (invitation.tenant_status !== 'active') throw ApiError.forbidden('This tenant is suspended.');
      const [user] = await queryRows<{ token_version: number }>(
        manager,
        `SELECT token_version FROM users WHERE id = $1`,
        [principal.userId],
      );
      if (!user) throw ApiError.unauthorized('invalid_token', 'The session is no longer valid.');
      const inserted = await queryRows<{ user_id: string }>(
        manager,
        `INSERT INTO memberships (tenant_id, user_id, role, status) VALUES ($1, $2, $3, 'active')
         ON CONFLICT (tenant_id, user_id) DO NOTHING RETURNING user_id`,
        [invitation.tenant_id, principal.userId, invitation.role],
      );
      if (inserted.length === 0) throw ApiError.conflict('You are already a member of this tenant.');
      await manager.query(
        `UPDATE invitations SET status = 'accepted', accepted_at = now(), accepted_by_user_id = $2 WHERE id = $1`,
        [invitation.id, principal.userId],
      );
      await this.audit.record(
        {
          tenantId: invitation.tenant_id,
          action: 'member.joined',
          actor: { type: 'user', id: principal.userId },
          target: { type: 'user', id: principal.userId },
          origin: caller,
          metadata: { email: invitation.email, role: invitation.role, invitation_id: invitation.id },
        },
        manager,
      );
      return { invitation, tokenVersion: user.token_version };
    });
    const issued = this.tokens.issue(
      {
        userId: principal.userId,
        tenantId: joined.invitation.tenant_id,
        role: joined.invitation.role,
        tokenVersion: joined.tokenVersion,
      },
      joined.invitation.session_ttl_minutes,
    );
    return { tenant_id: joined.invitation.tenant_id, role: joined.invitation.role, ...issued };
  }
}
