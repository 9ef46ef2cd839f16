import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import bcrypt from 'bcrypt';
import { randomBytes } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { DEFAULT_PROJECT, ProjectsService } from '../api-keys/projects.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { Caller, Origin, UserPrincipal } from '../common/principal.js';
import { AppConfig } from '../config/app-config.js';
import { LoginThrottle } from '../tenancy/login-throttle.service.js';
import {
  MembershipsRepository,
  type MembershipOfUserRow as MembershipRow,
} from '../tenancy/memberships.repository.js';
import { TenantsRepository } from '../tenancy/tenants.repository.js';
import { UsersRepository, type UserRow } from '../tenancy/users.repository.js';
import type {
  AccountDto,
  ChangePasswordDto,
  LoginDto,
  LoginResponseDto,
  SignupDto,
  SignupResponseDto,
  TenantListDto,
  UpdateAccountDto,
  UserDto,
} from './dto/account.dto.js';
import { SessionTokens } from '../auth/session-tokens.service.js';
import { newWebhookSecret } from '../webhook-endpoints/webhook-crypto.js';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const invalidCredentials = () =>
  ApiError.unauthorized('invalid_credentials', 'The email or password is incorrect.');

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}

/** rules §3: portal accounts and sessions. */
@Injectable()
export class AccountsService implements OnModuleInit {
  /** A real bcrypt hash at the configured cost, compared against for unknown emails (same timing). */
  private dummyHash!: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly tokens: SessionTokens,
    private readonly throttle: LoginThrottle,
    private readonly projects: ProjectsService,
    private readonly audit: AuditService,
    private readonly users: UsersRepository,
    private readonly tenants: TenantsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await bcrypt.hash(randomBytes(16).toString('hex'), this.config.BCRYPT_COST);
  }

  async signup(dto: SignupDto, origin: Origin): Promise<SignupResponseDto> {
    const email = normalizeEmail(dto.email);
    const passwordHash = await bcrypt.hash(dto.password, this.config.BCRYPT_COST);
    try {
      const { user, tenant } = await this.dataSource.transaction(async (manager) => {
        const user = await this.users.insert(manager, {
          email,
          passwordHash,
          displayName: dto.display_name ?? null,
          company: dto.company ?? null,
        });
        const tenant = await this.tenants.insert(manager, {
          // Open search shows the tenant's name to anyone: never the owner's address by default.
          name: dto.company ?? email.slice(email.lastIndexOf('@') + 1),
          webhookSigningSecret: newWebhookSecret(),
        });
        await this.memberships.insert(manager, tenant.id, user.id, 'owner');
        await this.projects.createWithEnvironments(manager, tenant.id, DEFAULT_PROJECT);
        await this.audit.record(
          {
            tenantId: tenant.id,
            action: 'auth.signup',
            actor: { type: 'user', id: user.id },
            target: { type: 'user', id: user.id },
            origin,
            metadata: { email },
          },
          manager,
        );
        return { user, tenant };
      });
      const token = this.tokens.issue(
        { userId: user.id, tenantId: tenant.id, role: 'owner', tokenVersion: user.token_version },
        tenant.session_ttl_minutes,
      );
      return {
        ...token,
        user: userDto(user),
        tenant: { tenant_id: tenant.id, name: tenant.name, plan: tenant.plan },
      };
    } catch (error) {
      if (isUniqueViolation(error))
        throw ApiError.conflict('An account with this email already exists.', 'email_taken');
      throw error;
    }
  }

  async login(dto: LoginDto, origin: Origin): Promise<LoginResponseDto> {
    const email = normalizeEmail(dto.email);
    await this.throttle.reserve(email, origin.ip);
    const user = await this.users.findByEmail(this.dataSource, email);
    const ok = await bcrypt.compare(dto.password, user?.password_hash ?? this.dummyHash);
    if (!user || !ok) {
      await this.throttle.failed(email, origin.ip);
      const tenantId = user ? await this.defaultTenantOf(user.id, dto.tenant_id) : null;
      await this.audit.record({
        tenantId,
        action: 'auth.login_failed',
        actor: { type: 'user', id: user?.id ?? null },
        target: user ? { type: 'user', id: user.id } : null,
        origin,
        metadata: { email, reason: user ? 'wrong_password' : 'unknown_email' },
      });
      throw invalidCredentials();
    }
    await this.throttle.succeeded(email, origin.ip);
    const membership = await this.membershipFor(user.id, dto.tenant_id);
    const token = this.tokens.issue(
      {
        userId: user.id,
        tenantId: membership.tenant_id,
        role: membership.role,
        tokenVersion: user.token_version,
      },
      membership.session_ttl_minutes,
    );
    await this.audit.record({
      tenantId: membership.tenant_id,
      action: 'auth.login',
      actor: { type: 'user', id: user.id },
      target: { type: 'user', id: user.id },
      origin,
      metadata: {},
    });
    return { ...token, tenant_id: membership.tenant_id };
  }

  async switchTenant(caller: Caller, tenantId: string): Promise<LoginResponseDto> {
    const principal = caller.principal as UserPrincipal;
    const user = await this.userOf(principal);
    const membership = await this.membershipFor(user.id, tenantId);
    const token = this.tokens.issue(
      {
        userId: user.id,
        tenantId: membership.tenant_id,
        role: membership.role,
        tokenVersion: user.token_version,
      },
      membership.session_ttl_minutes,
    );
    return { ...token, tenant_id: membership.tenant_id };
  }

  async listTenants(caller: Caller): Promise<TenantListDto> {
    const rows = await this.membershipsOf((caller.principal as UserPrincipal).userId);
    return {
      tenants: rows
        .filter((r) => r.status === 'active')
        .map((r) => ({ tenant_id: r.tenant_id, name: r.name, role: r.role, plan: r.plan })),
    };
  }

  async getAccount(caller: Caller): Promise<AccountDto> {
    const principal = caller.principal as UserPrincipal;
    const user = await this.userOf(principal);
    return { ...userDto(user), tenant_id: principal.tenantId, role: principal.role };
  }

  async updateAccount(caller: Caller, dto: UpdateAccountDto): Promise<AccountDto> {
    const principal = caller.principal as UserPrincipal;
    const changes: { displayName?: string | null; company?: string | null } = {};
    if (dto.display_name !== undefined) changes.displayName = dto.display_name;
    if (dto.company !== undefined) changes.company = dto.company;
    if (Object.keys(changes).length > 0) {
      await this.dataSource.transaction(async (manager) => {
        await this.users.updateProfile(manager, principal.userId, changes);
        await this.audit.record(
          {
            tenantId: principal.tenantId,
            action: 'account.updated',
            actor: { type: 'user', id: principal.userId },
            target: { type: 'user', id: principal.userId },
            origin: caller,
            metadata: {
              fields: Object.keys(dto).filter((k) => dto[k as keyof UpdateAccountDto] !== undefined),
            },
          },
          manager,
        );
      });
    }
    return this.getAccount(caller);
  }

  /**
   * Bumps the token version: every token issued before stops working. The new hash replaces exactly
   * the hash the current password was checked against: of concurrent changes, the first wins and the
   * others find the current password no longer right (401), instead of all answering 204 and the last
   * one silently setting the password.
   */
  async changePassword(caller: Caller, dto: ChangePasswordDto): Promise<void> {
    const principal = caller.principal as UserPrincipal;
    const user = await this.userOf(principal);
    if (!(await bcrypt.compare(dto.current_password, user.password_hash))) throw invalidCredentials();
    const passwordHash = await bcrypt.hash(dto.new_password, this.config.BCRYPT_COST);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.users.replacePassword(manager, user.id, user.password_hash, passwordHash))) {
        throw invalidCredentials();
      }
      await this.audit.record(
        {
          tenantId: principal.tenantId,
          action: 'account.password_changed',
          actor: { type: 'user', id: user.id },
          target: { type: 'user', id: user.id },
          origin: caller,
        },
        manager,
      );
    });
  }

  private async userOf(principal: UserPrincipal): Promise<UserRow> {
    const user = await this.users.findById(this.dataSource, principal.userId);
    if (!user) throw ApiError.unauthorized('invalid_token', 'The session is no longer valid.');
    return user;
  }

  private membershipsOf(userId: string): Promise<MembershipRow[]> {
    return this.memberships.ofUserAcrossTenants(this.dataSource, userId);
  }

  /** The membership to sign in to: the requested tenant, else the first one joined that is usable. */
  private async membershipFor(userId: string, tenantId?: string): Promise<MembershipRow> {
    const rows = await this.membershipsOf(userId);
    if (tenantId) {
      const row = rows.find((r) => r.tenant_id === tenantId);
      if (!row) throw ApiError.notFound('Tenant');
      if (row.status !== 'active') throw ApiError.forbidden('Your membership in this tenant is blocked.');
      if (row.tenant_status !== 'active') throw ApiError.forbidden('This tenant is suspended.');
      return row;
    }
    const row = rows.find((r) => r.status === 'active' && r.tenant_status === 'active');
    if (!row) throw ApiError.forbidden('This account has no active tenant membership.');
    return row;
  }

  private async defaultTenantOf(userId: string, requested?: string): Promise<string | null> {
    const rows = await this.membershipsOf(userId);
    return (rows.find((r) => r.tenant_id === requested) ?? rows[0])?.tenant_id ?? null;
  }
}

function userDto(user: UserRow): UserDto {
  return {
    user_id: user.id,
    email: user.email,
    display_name: user.display_name,
    company: user.company,
    created_at: user.created_at.toISOString(),
  };
}
