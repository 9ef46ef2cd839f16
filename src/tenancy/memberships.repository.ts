import { Injectable } from '@nestjs/common';
import type { Role } from '../common/scopes.js';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';
import type { MemberStatus } from './membership.entity.js';
import type { PlanName, TenantStatus } from '../common/vocabulary.js';

/**
 * pg_advisory_xact_lock namespace (first key; the tenant id hash is the second): one change of a
 * tenant's members at a time. The other namespaces are in collections.repository.ts (727_274_1xx).
 */
export const LOCK_TEAM_MEMBERS = 727_274_201;

export interface MemberRow {
  user_id: string;
  email: string;
  display_name: string | null;
  role: Role;
  status: MemberStatus;
  joined_at: Date;
}

/** A person's membership with what signing in to its tenant needs. */
export interface MembershipOfUserRow {
  tenant_id: string;
  role: Role;
  status: MemberStatus;
  name: string;
  plan: PlanName;
  session_ttl_minutes: number;
  tenant_status: TenantStatus;
}

/** What verifying a portal session re-reads on every request. */
export interface SessionRow {
  email: string;
  token_version: number;
  role: Role;
  status: MemberStatus;
  tenant_status: TenantStatus;
}

const MEMBER_COLUMNS = `m.user_id, u.email, u.display_name, m.role, m.status, m.joined_at`;

/** Every statement on `memberships`. */
@Injectable()
export class MembershipsRepository {
  async insert(db: Db, tenant: TenantId, userId: string, role: Role): Promise<void> {
    await queryRows(
      db,
      `INSERT INTO memberships (tenant_id, user_id, role, status) VALUES ($1, $2, $3, 'active')`,
      [tenant, userId, role],
    );
  }

  /** Joins the tenant unless already a member (then false). */
  async insertIfAbsent(db: Db, tenant: TenantId, userId: string, role: Role): Promise<boolean> {
    const rows = await queryRows<{ user_id: string }>(
      db,
      `INSERT INTO memberships (tenant_id, user_id, role, status) VALUES ($1, $2, $3, 'active')
       ON CONFLICT (tenant_id, user_id) DO NOTHING RETURNING user_id`,
      [tenant, userId, role],
    );
    return rows.length > 0;
  }

  async hasMemberWithEmail(db: Db, tenant: TenantId, email: string): Promise<boolean> {
    const rows = await queryRows(
      db,
      `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND u.email = $2`,
      [tenant, email],
    );
    return rows.length > 0;
  }

  list(db: Db, tenant: TenantId, limit: number, offset: number): Promise<MemberRow[]> {
    return queryRows<MemberRow>(
      db,
      `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = $1 ORDER BY m.joined_at, m.user_id LIMIT $2 OFFSET $3`,
      [tenant, limit, offset],
    );
  }

  /**
   * Takes the tenant's team lock (advisory), then locks the owner memberships and the target's in one
   * statement ordered by user id: one lock order for every member change (README "Lock order"). Under
   * the team lock no other change of this tenant's roles or statuses runs, so the rows answered hold
   * every owner there is.
   */
  async lockOwnersAndMember(db: Db, tenant: TenantId, userId: string): Promise<MemberRow[]> {
    await queryRows(db, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_TEAM_MEMBERS, tenant]);
    return queryRows<MemberRow>(
      db,
      `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND (m.role = 'owner' OR m.user_id = $2)
        ORDER BY m.user_id FOR UPDATE OF m`,
      [tenant, userId],
    );
  }

  async setRole(db: Db, tenant: TenantId, userId: string, role: Role): Promise<void> {
    await queryRows(db, `UPDATE memberships SET role = $3 WHERE tenant_id = $1 AND user_id = $2`, [
      tenant,
      userId,
      role,
    ]);
  }

  async setStatus(db: Db, tenant: TenantId, userId: string, status: MemberStatus): Promise<void> {
    await queryRows(db, `UPDATE memberships SET status = $3 WHERE tenant_id = $1 AND user_id = $2`, [
      tenant,
      userId,
      status,
    ]);
  }

  async delete(db: Db, tenant: TenantId, userId: string): Promise<void> {
    await queryRows(db, `DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [tenant, userId]);
  }

  /** Signing in: every tenant this person belongs to, first joined first. */
  ofUserAcrossTenants(db: Db, userId: string): Promise<MembershipOfUserRow[]> {
    return queryRows<MembershipOfUserRow>(
      db,
      `SELECT m.tenant_id, m.role, m.status, t.name, t.plan, t.session_ttl_minutes, t.status AS tenant_status
         FROM memberships m JOIN tenants t ON t.id = m.tenant_id
        WHERE m.user_id = $1
        ORDER BY m.joined_at, m.tenant_id`,
      [userId],
    );
  }

  /** Verifying a session token: the user and its membership in the token's tenant (not yet trusted). */
  async sessionAcrossTenants(db: Db, userId: string, claimedTenantId: string): Promise<SessionRow | null> {
    const [row] = await queryRows<SessionRow>(
      db,
      `SELECT u.email, u.token_version, m.role, m.status, t.status AS tenant_status
         FROM users u
         JOIN memberships m ON m.user_id = u.id AND m.tenant_id = $2
         JOIN tenants t ON t.id = m.tenant_id
        WHERE u.id = $1`,
      [userId, claimedTenantId],
    );
    return row ?? null;
  }
}
