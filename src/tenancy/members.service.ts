import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditAction } from '../audit/audit-actions.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { PaginationQueryDto } from '../common/pagination.dto.js';
import { actorOf, type Caller } from '../common/principal.js';
import type { Role } from '../common/scopes.js';
import { queryRows } from '../common/sql.js';
import { requireTenant } from '../common/tenant-scope.js';
import type { MemberDto, MemberListDto } from './dto/member.dto.js';
import type { MemberStatus } from './membership.entity.js';
import { actingRole, assertKeepsAnOwner, assertMayManageMember } from './team-rules.js';

interface MemberRow {
  user_id: string;
  email: string;
  display_name: string | null;
  role: Role;
  status: MemberStatus;
  joined_at: Date;
}

const MEMBER_COLUMNS = `m.user_id, u.email, u.display_name, m.role, m.status, m.joined_at`;

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
 * SPEC §6 members. Every change runs in one transaction that first locks the tenant's owner
 * memberships (`SELECT … FOR UPDATE`), then the target: concurrent changes of one tenant's members
 * are serialised by the database, so two demotions of the last two owners cannot both pass the
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
  ) {}

  async list(tenantId: string, page: PaginationQueryDto): Promise<MemberListDto> {
    requireTenant(tenantId);
    const rows = await queryRows<MemberRow>(
      this.dataSource,
      `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = $1 ORDER BY m.joined_at, m.user_id LIMIT $2 OFFSET $3`,
      [tenantId, page.limit, page.offset],
    );
    return { members: rows.map(toDto) };
  }

  async changeRole(caller: Caller, userId: string, role: Role): Promise<MemberDto> {
    return this.withLockedMember(caller, userId, async ({ manager, target, otherActiveOwners }) => {
      assertMayManageMember(actingRole(caller.principal), target.role, role);
      if (target.role === role) return target;
      if (target.role === 'owner' && target.status === 'active') {
        assertKeepsAnOwner(otherActiveOwners, 'this demotion');
      }
      await manager.query(`UPDATE memberships SET role = $3 WHERE tenant_id = $1 AND user_id = $2`, [
        caller.principal.tenantId,
        userId,
        role,
      ]);
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
      await manager.query(`DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [
        caller.principal.tenantId,
        userId,
      ]);
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
      await manager.query(`UPDATE memberships SET status = $3 WHERE tenant_id = $1 AND user_id = $2`, [
        caller.principal.tenantId,
        userId,
        status,
      ]);
      await this.record(manager, caller, blocked ? 'member.blocked' : 'member.unblocked', target, {});
      return { ...target, status };
    });
  }

  private async withLockedMember(
    caller: Caller,
    userId: string,
    change: (locked: Locked) => Promise<MemberRow>,
  ): Promise<MemberDto> {
    const tenantId = caller.principal.tenantId;
    requireTenant(tenantId);
    const row = await this.dataSource.transaction(async (manager) => {
      // Owners first, always in the same order: every member change of a tenant queues here.
      await manager.query(
        `SELECT user_id FROM memberships WHERE tenant_id = $1 AND role = 'owner' ORDER BY user_id FOR UPDATE`,
        [tenantId],
      );
      // Again, now that we hold the locks: a fresh snapshot also sees (and locks) an owner promoted
      // by a transaction that committed while we waited.
      const owners = await queryRows<{ user_id: string; status: MemberStatus }>(
        manager,
        `SELECT user_id, status FROM memberships WHERE tenant_id = $1 AND role = 'owner' ORDER BY user_id FOR UPDATE`,
        [tenantId],
      );
      const [target] = await queryRows<MemberRow>(
        manager,
        `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.tenant_id = $1 AND m.user_id = $2 FOR UPDATE OF m`,
        [tenantId, userId],
      );
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
