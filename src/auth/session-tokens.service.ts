import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import type { UserPrincipal } from '../common/principal.js';
import { ROLES, type Role } from '../common/scopes.js';
import { tenantIdFromCredential } from '../common/tenant-id.js';
import { AppConfig } from '../config/app-config.js';
import { MembershipsRepository } from '../tenancy/memberships.repository.js';

export interface SessionClaims {
  sub: string;
  tid: string;
  role: Role;
  ver: number;
  exp: number;
  iat?: number;
}

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalidToken = (detail = 'The session token is invalid.') =>
  ApiError.unauthorized('invalid_token', detail);

/**
 * Portal session tokens (rules §1): HS256 with JWT_SECRET, claims sub/tid/role/ver/exp. Verification
 * re-reads the membership so a password change, block or removal ends the token at once.
 */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly memberships: MembershipsRepository,
  ) {}

  issue(
    claims: { userId: string; tenantId: string; role: Role; tokenVersion: number },
    ttlMinutes: number,
  ): IssuedToken {
    const expiresIn = ttlMinutes * 60;
    const token = jwt.sign(
      { sub: claims.userId, tid: claims.tenantId, role: claims.role, ver: claims.tokenVersion },
      this.config.jwtSecret,
      {
        algorithm: 'HS256',
        expiresIn,
      },
    );
    return { access_token: token, token_type: 'Bearer', expires_in: expiresIn };
  }

  /** Called by the passport-jwt strategy once the signature, algorithm and expiry have been checked. */
  async verify(payload: Partial<SessionClaims>): Promise<UserPrincipal> {
    const { sub, tid, role, ver, exp } = payload;
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof tid !== 'string' || !UUID.test(tid))
      throw invalidToken();
    if (typeof ver !== 'number' || typeof exp !== 'number' || !ROLES.includes(role as Role))
      throw invalidToken();
    const row = await this.memberships.sessionAcrossTenants(this.dataSource, sub, tid);
    if (!row) throw invalidToken('The session is no longer valid for this tenant.');
    if (row.token_version !== ver) throw invalidToken('The session has ended (the password was changed).');
    if (row.status !== 'active') throw invalidToken('The membership is blocked.');
    if (row.tenant_status !== 'active') throw ApiError.forbidden('This tenant is suspended.');
    return {
      type: 'user',
      tenantId: tenantIdFromCredential(tid),
      userId: sub,
      email: row.email,
      role: row.role,
    };
  }
}
