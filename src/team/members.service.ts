import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditAction } from '../audit/audit-actions.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { PaginationQueryDto } from '../common/pagination.dto.js';
import { actorOf, type Caller } from '../common/principal.js';
import type { Role } from '../common/scopes.js';
import type { TenantId } from '../common/tenant-id.js';
import type { MemberDto, MemberListDto } from './dto/member.dto.js';
import type { MemberStatus } from '../tenancy/membership.entity.js';
import { MembershipsRepository, type MemberRow } from '../tenancy/memberships.repository.js';
import { actingRole, assertKeepsAnOwner, assertMayManageMember } from './team-rules.js';

function toDto(row: MemberRow): MemberDto {
  return {
    user_id: row.user_id,
    email: row.email,
    display_name: row.display_name,
    role: row.role,
    status: row.status,
    joined_at: row.joined_at.toISOString(),
  };
}

interface Locked {
  manager: EntityManager;
  target: MemberRow;
  /** Active owners other than the target, counted under lock. */
  otherActiveOwners: number;
}

/**
 * rules §6 members. Every change runs in one transaction that first takes the tenant's team lock (an
 * advisory lock), then locks the owner memberships and the target in one statement ordered by user id
 * (`SELECT … FOR UPDATE`): concurrent changes of one tenant's members are serialised by the database, so two demotions of the last two owners cannot both pass the
 * "at least one active owner" rule (409 `last_owner`). A blocked or removed member's tokens fail on
 * the next request: SessionTokens.verify reads the membership on every request.
 *
 * Decisions: blocking and unblocking are idempotent (200 with the member; audited only when the
 * state changes); nobody may block themselves (409 `conflict`); members may remove themselves or
 * lower their own role (leaving), subject to the last-owner rule.
 */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly memberships: MembershipsRepository,
  ) {}

  async list(tenant: TenantId, page: PaginationQueryDto): Promise<MemberListDto> {
    const rows = await this.memberships.list(this.dataSource, tenant, page.limit, page.offset);
    return { members: rows.map(toDto) };
  }

  async changeRole(caller: Caller, userId: string, role: Role): Promise<MemberDto> {
    return this.withLockedMember(caller, userId, async ({ manager, target, otherActiveOwners }) => {
      assertMayManageMember(actingRole(caller.principal), target.role, role);
      if (target.role === role) return target;
      if (target.role === 'owner' && target.status === 'active') {
        assertKeepsAnOwner(otherActiveOwners, 'this demotion');
      }
      await this.memberships.setRole(manager, caller.principal.tenantId, userId, role);
      await this.record(manager, caller, 'member.role_changed', target, { from: target.role, to: role });
      return { ...target, role };
    });
  }

  async remove(caller: Caller, userId: string): Promise<void> {
    await this.withLockedMember(caller, userId, async ({ manager, target, otherActiveOwners }) => {
      assertMayManageMember(actingRole(caller.principal), target.role);
      if (target.role === 'owner' && target.status === 'active') {
        assertKeepsAnOwner(otherActiveOwners, 'removing this owner');
      }
      await this.memberships.delete(manager, caller.principal.tenantId, userId);
      await this.record(manager, caller, 'member.removed', target, { role: target.role });
      return target;
    });
  }

  async setBlocked(caller: Caller, userId: string, blocked: boolean): Promise<MemberDto> {
    return this.withLockedMember(caller, userId, async ({ manager, target, otherActiveOwners }) => {
      assertMayManageMember(actingRole(caller.principal), target.role);
      const status: MemberStatus = blocked ? 'blocked' : 'active';
      if (blocked && caller.principal.type === 'user' && caller.principal.userId === userId) {
        throw ApiError.conflict('You cannot block yourself.');
      }
      if (target.status === status) return target;
      if (blocked && target.role === 'owner') assertKeepsAnOwner(otherActiveOwners, 'blocking this owner');
      await this.memberships.setStatus(manager, caller.principal.tenantId, userId, status);
      await this.record(manager, caller, blocked ? 'member.blocked' : 'member.unblocked', target, {});
      return { ...target, status };
    });
  }

  private async withLockedMember(
    caller: Caller,
    userId: string,
    change: (locked: Locked) => Promise<MemberRow>,
  ): Promise<MemberDto> {
    const row = await this.dataSource.transaction(async (manager) => {
      // One lock order for every member change: the tenant's team lock, then the rows, in one statement.
      // Locking the owners and then the target in two statements took the same rows in different
      // orders (the target sits among the owners or not depending on its role at each snapshot), and
      // concurrent changes deadlocked (issue 20).
      const rows = await this.memberships.lockOwnersAndMember(manager, caller.principal.tenantId, userId);
      const owners = rows.filter((r) => r.role === 'owner');
      const target = rows.find((r) => r.user_id === userId);
      if (!target) throw ApiError.notFound('Member');
      const otherActiveOwners = owners.filter((o) => o.status === 'active' && o.user_id !== userId).length;
      return change({ manager, target, otherActiveOwners });
    });
    return toDto(row);
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: AuditAction,
    target: MemberRow,
    metadata: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        tenantId: caller.principal.tenantId,
        action,
        actor: actorOf(caller.principal),
        target: { type: 'user', id: target.user_id },
        origin: caller,
        metadata: { email: target.email, ...metadata },
      },
      manager,
    );
  }
}
