import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { normalizeEmail } from '../accounts/accounts.service.js';
import { SessionTokens } from '../auth/session-tokens.service.js';
import { ApiError } from '../common/api-error.js';
import type { PaginationQueryDto } from '../common/pagination.dto.js';
import { actorOf, type Caller, type UserPrincipal } from '../common/principal.js';
import { tenantIdFromCredential, type TenantId } from '../common/tenant-id.js';
import type {
  AcceptedInvitationDto,
  CreateInvitationDto,
  InvitationCreatedDto,
  InvitationDto,
  InvitationListDto,
} from './dto/invitation.dto.js';
import { InvitationMailer } from './invitation-mailer.service.js';
import { hashInvitationToken, INVITATION_TTL_DAYS, newInvitationToken } from './invitation-token.js';
import { InvitationsRepository, type InvitationRow } from '../tenancy/invitations.repository.js';
import { MembershipsRepository } from '../tenancy/memberships.repository.js';
import { actingRole, assertMayInvite, assertMayWithdrawInvitation } from './team-rules.js';
import { UsersRepository } from '../tenancy/users.repository.js';

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
 * rules §6 invitations. Rules:
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
    private readonly invitations: InvitationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly users: UsersRepository,
  ) {}

  async create(caller: Caller, dto: CreateInvitationDto): Promise<InvitationCreatedDto> {
    const tenantId = caller.principal.tenantId;
    const actor = actingRole(caller.principal);
    assertMayInvite(actor, dto.role);
    const email = normalizeEmail(dto.email);
    const token = newInvitationToken();
    try {
      const created = await this.dataSource.transaction(async (manager) => {
        if (await this.memberships.hasMemberWithEmail(manager, tenantId, email)) {
          throw ApiError.conflict(`${email} is already a member of this tenant.`);
        }

        const previous = await this.invitations.lockPendingOfEmail(manager, tenantId, email);
        for (const old of previous) assertMayWithdrawInvitation(actor, old.role);
        for (const old of previous) {
          if (old.expired) await this.invitations.markExpired(manager, tenantId, old.id);
          else await this.invitations.markRevoked(manager, tenantId, old.id);
        }

        const row = await this.invitations.insert(manager, tenantId, {
          email,
          role: dto.role,
          tokenHash: hashInvitationToken(token),
          invitedBy: actorOf(caller.principal),
          ttlDays: INVITATION_TTL_DAYS,
        });
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

  async list(tenant: TenantId, page: PaginationQueryDto): Promise<InvitationListDto> {
    const rows = await this.invitations.list(this.dataSource, tenant, page.limit, page.offset);
    return { invitations: rows.map(toDto) };
  }

  /**
   * Revokes a pending invitation (its link stops working). Idempotent for revoked or expired ones;
   * an accepted invitation cannot be revoked (409: remove the member instead).
   */
  async revoke(caller: Caller, invitationId: string): Promise<void> {
    const tenantId = caller.principal.tenantId;
    await this.dataSource.transaction(async (manager) => {
      const row = await this.invitations.lock(manager, tenantId, invitationId);
      if (!row) throw ApiError.notFound('Invitation');
      assertMayWithdrawInvitation(actingRole(caller.principal), row.role);
      if (row.status === 'accepted') {
        throw ApiError.conflict('This invitation has been accepted; remove the member instead.');
      }
      if (row.status !== 'pending') return;
      await this.invitations.markRevoked(manager, tenantId, row.id);
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
      const invitation = await this.invitations.lockByTokenHashAcrossTenants(
        manager,
        hashInvitationToken(token),
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
      // The token was the credential: its invitation's tenant is the one this user now joins.
      const tenant = tenantIdFromCredential(invitation.tenant_id);
      const user = await this.users.findById(manager, principal.userId);
      if (!user) throw ApiError.unauthorized('invalid_token', 'The session is no longer valid.');
      if (!(await this.memberships.insertIfAbsent(manager, tenant, principal.userId, invitation.role))) {
        throw ApiError.conflict('You are already a member of this tenant.');
      }
      await this.invitations.markAccepted(manager, tenant, invitation.id, principal.userId);
      await this.audit.record(
        {
          tenantId: tenant,
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
