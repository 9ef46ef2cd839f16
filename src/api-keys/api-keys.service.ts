import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeFeed } from '../database/change-feed.service.js';
import type { KeyUsageDto } from './dto/key-usage.dto.js';
import { KeyUsageService } from './key-usage.service.js';
import { MilestonesService } from '../tenancy/milestones.service.js';
import { generateApiKey, hashApiKey, keyFingerprint, keyPrefix } from './api-key-format.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiError, type FieldError } from '../common/api-error.js';
import { actorOf, type Caller, type Principal } from '../common/principal.js';
import type { Scope } from '../common/scopes.js';
import type { TenantId } from '../common/tenant-id.js';
import { TenantsRepository, type TenantKeyPolicy } from '../tenancy/tenants.repository.js';
import { UsersRepository } from '../tenancy/users.repository.js';
import { ProjectsRepository } from './projects.repository.js';
import { AppConfig } from '../config/app-config.js';
import { PLANS } from '../usage/plans.js';
import { ApiKeysRepository, type KeyRow, type KeyTarget } from './api-keys.repository.js';
import type {
  ApiKeyDto,
  ApiKeyRotationDto,
  CreatedApiKeyDto,
  KeyCreatorDto,
  RotatedApiKeyDto,
} from './dto/api-key.dto.js';
import type {
  CreateKeyDto,
  CreateProjectKeyDto,
  GetKeyQueryDto,
  ListKeysQueryDto,
  ListProjectKeysQueryDto,
  RotateKeyDto,
} from './dto/key-requests.dto.js';
import {
  developerForbiddenScopes,
  escalatingScopes,
  includeParts,
  INCLUDED_USAGE_DAYS,
  KEY_MESSAGES,
  normalizeScopes,
  scopeErrors,
} from './key-policy.js';
import { KeyRotationService, type Rotation } from './key-rotation.service.js';
import { WebhookTargetError, WebhookUrlGuard } from '../webhook-endpoints/webhook-url-guard.js';

const DAY_MS = 86_400_000;
const rotationMessage = (grace: number) => (grace === 0 ? KEY_MESSAGES.oldKeyInvalid : KEY_MESSAGES.stored);
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The rules §4 key view of a row. */
export function toKeyView(row: KeyRow): ApiKeyDto {
  return {
    id: row.id,
    project_id: row.project_id,
    environment_id: row.environment_id,
    name: row.name,
    key_prefix: row.key_prefix,
    scopes: row.scopes as Scope[],
    status: row.status,
    expires_at: iso(row.expires_at),
    last_used_at: iso(row.last_used_at),
    created_at: row.created_at.toISOString(),
    created_by: { type: row.created_by_type, id: row.created_by_id },
    // A rotated key out of grace stopped working when its grace ended.
    revoked_at: iso(row.revoked_at ?? (row.status === 'revoked' ? row.grace_expires_at : null)),
    replaced_by_key_id: row.replaced_by_key_id,
    grace_expires_at: iso(row.grace_expires_at),
    rotation_interval_days: row.rotation_interval_days,
    next_rotation_at: iso(row.next_rotation_at),
    rotation_webhook_url: row.rotation_webhook_url,
    rate_limit: row.rate_limit_rpm === null ? null : { requests_per_minute: row.rate_limit_rpm },
  };
}

/**
 * rules §4 API keys, for all three doors: create, list, get (with `include=`), rotate, revoke.
 * Who may do what: API keys by scope and never beyond their own scopes; people by role, developers
 * never with `admin`, `keys:*` or `audit:read` (on create, rotate and revoke alike).
 */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ApiKeysRepository,
    private readonly rotation: KeyRotationService,
    private readonly audit: AuditService,
    private readonly usageService: KeyUsageService,
    private readonly urlGuard: WebhookUrlGuard,
    private readonly config: AppConfig,
    private readonly changes: ChangeFeed,
    private readonly milestones: MilestonesService,
    private readonly projects: ProjectsRepository,
    private readonly tenants: TenantsRepository,
    private readonly users: UsersRepository,
  ) {}

  async create(caller: Caller, dto: CreateKeyDto | CreateProjectKeyDto): Promise<CreatedApiKeyDto> {
    const { tenantId } = caller.principal;
    const policy = await this.tenants.keyPolicy(this.dataSource, tenantId);
    const errors = scopeErrors(dto.scopes);
    errors.push(...this.expiryErrors(dto.expires_at ?? null, policy));
    errors.push(...this.rateLimitErrors(dto.rate_limit?.requests_per_minute ?? undefined, policy));
    if (typeof dto.rotation_webhook_url === 'string') {
      errors.push(...(await this.webhookUrlErrors(dto.rotation_webhook_url)));
    }
    if (errors.length > 0) {
      throw ApiError.validation(
        errors,
        errors.length === 1
          ? `${errors[0].field}: ${errors[0].message}`
          : `${errors.length} fields are invalid.`,
      );
    }
    const scopes = normalizeScopes(dto.scopes);
    this.assertMayManage(caller.principal, scopes, 'create');

    const { row, key } = await this.changes.transaction(async (manager, publish) => {
      const target = await this.target(manager, tenantId, dto.project_id ?? null, dto.environment_id ?? null);
      const limit = PLANS[policy.plan].activeKeysPerProject;
      if ((await this.repo.countActive(manager, tenantId, target.projectId)) >= limit) {
        throw ApiError.conflict(
          `This project already has ${limit} active keys, the most the ${policy.plan} plan allows. Revoke one, or rotate instead of creating.`,
          'key_limit_reached',
        );
      }
      const key = generateApiKey(target.kind);
      const id = await this.repo.insert(manager, tenantId, {
        projectId: target.projectId,
        environmentId: target.environmentId,
        name: dto.name,
        keyPrefix: keyPrefix(key),
        keyHash: hashApiKey(this.config.apiKeySalt, key),
        scopes,
        expiresAt: dto.expires_at ? new Date(dto.expires_at) : null,
        createdBy: actorOf(caller.principal),
        rotationIntervalDays: dto.rotation_interval_days ?? null,
        rotationWebhookUrl: dto.rotation_webhook_url ?? null,
        rateLimitRpm: dto.rate_limit?.requests_per_minute ?? null,
      });
      await this.milestones.record(tenantId, 'create_api_key', manager);
      // Forget any negative cache entry for this key (a probe of a not-yet-existing key).
      await publish({ kind: 'key_fingerprint', fingerprint: keyFingerprint(this.config.apiKeySalt, key) });
      await this.audit.record(
        {
          tenantId,
          action: 'api_key.created',
          actor: actorOf(caller.principal),
          target: { type: 'api_key', id },
          origin: caller,
          metadata: {
            name: dto.name,
            key_prefix: keyPrefix(key),
            scopes,
            project_id: target.projectId,
            environment_id: target.environmentId,
            expires_at: dto.expires_at ?? null,
          },
        },
        manager,
      );
      return { row: (await this.repo.findView(manager, tenantId, id))!, key };
    });
    return { ...toKeyView(row), key, message: KEY_MESSAGES.stored };
  }

  async list(caller: Caller, query: ListKeysQueryDto | ListProjectKeysQueryDto): Promise<ApiKeyDto[]> {
    const { tenantId } = caller.principal;
    if (query.project_id && !(await this.projects.exists(this.dataSource, tenantId, query.project_id))) {
      throw ApiError.notFound('Project');
    }
    if (
      query.environment_id &&
      !(await this.projects.environment(this.dataSource, tenantId, query.environment_id))
    ) {
      throw ApiError.notFound('Environment');
    }
    const rows = await this.repo.list(this.dataSource, tenantId, {
      projectId: query.project_id,
      environmentId: query.environment_id,
      status: query.status,
      limit: query.limit,
      offset: query.offset,
    });
    return rows.map(toKeyView);
  }

  async get(caller: Caller, id: string, query: GetKeyQueryDto): Promise<ApiKeyDto> {
    const { tenantId } = caller.principal;
    const row = await this.repo.findView(this.dataSource, tenantId, id);
    if (!row) throw ApiError.notFound('API key');
    const view = toKeyView(row);
    const parts = includeParts(query.include);
    if (parts.has('created_by')) view.created_by = await this.creator(tenantId, row);
    if (parts.has('history'))
      view.history = (await this.repo.history(this.dataSource, tenantId, id)).map(toKeyView);
    if (parts.has('usage')) view.usage = await this.usageService.summary(tenantId, id, INCLUDED_USAGE_DAYS);
    return view;
  }

  /** `/auth/keys` and `/portal/keys`: the successor's view, its raw key and the old key's id. */
  async rotate(caller: Caller, id: string, dto: RotateKeyDto): Promise<RotatedApiKeyDto> {
    const { rotation, grace } = await this.rotateKey(caller, id, dto);
    return {
      ...toKeyView(rotation.successor),
      key: rotation.key,
      message: rotationMessage(grace),
      old_key_id: rotation.old.id,
    };
  }

  /** `/api-keys`: the SPEC's rotation summary (`grace_expires_at` is the old key's). */
  async rotateSummary(caller: Caller, id: string, dto: RotateKeyDto): Promise<ApiKeyRotationDto> {
    const { rotation, grace } = await this.rotateKey(caller, id, dto);
    const { successor } = rotation;
    return {
      old_key_id: rotation.old.id,
      new_key_id: successor.id,
      project_id: successor.project_id,
      name: successor.name,
      key: rotation.key,
      key_prefix: successor.key_prefix,
      scopes: successor.scopes as Scope[],
      expires_at: iso(successor.expires_at),
      created_at: successor.created_at.toISOString(),
      grace_expires_at: iso(rotation.old.grace_expires_at),
      message: rotationMessage(grace),
    };
  }

  private async rotateKey(
    caller: Caller,
    id: string,
    dto: RotateKeyDto,
  ): Promise<{ rotation: Rotation; grace: number }> {
    const { tenantId } = caller.principal;
    const grace = dto.grace_period_seconds ?? 0;
    const rotation = await this.changes.transaction(async (manager, publish) => {
      // The row lock makes racing rotations of one key take turns: the first wins, the rest see it replaced.
      const old = await this.repo.lockForUpdate(manager, tenantId, id);
      if (!old) throw ApiError.notFound('API key');
      this.assertMayManage(caller.principal, old.scopes, 'rotate');
      if (old.status === 'revoked' || old.status === 'grace') {
        throw ApiError.conflict('This key has already been revoked or replaced.');
      }
      if (old.status === 'expired')
        throw ApiError.conflict('This key has expired; create a new one instead.');
      const rotation = await this.rotation.rotateLocked(manager, old, grace, actorOf(caller.principal));
      await publish({ kind: 'key', keyId: id });
      await this.audit.record(
        {
          tenantId,
          action: 'api_key.rotated',
          actor: actorOf(caller.principal),
          target: { type: 'api_key', id },
          origin: caller,
          metadata: {
            new_key_id: rotation.successor.id,
            key_prefix: rotation.successor.key_prefix,
            grace_period_seconds: grace,
            grace_expires_at: iso(rotation.old.grace_expires_at),
          },
        },
        manager,
      );
      return rotation;
    });
    return { rotation, grace };
  }

  /** Idempotent: revoking a key that no longer works answers the same, without a second audit event. */
  async revoke(caller: Caller, id: string): Promise<void> {
    const { tenantId } = caller.principal;
    await this.changes.transaction(async (manager, publish) => {
      const key = await this.repo.lockForUpdate(manager, tenantId, id);
      if (!key) throw ApiError.notFound('API key');
      this.assertMayManage(caller.principal, key.scopes, 'revoke');
      if (key.status === 'revoked') return;
      await this.repo.revoke(manager, tenantId, id);
      await publish({ kind: 'key', keyId: id });
      await this.audit.record(
        {
          tenantId,
          action: 'api_key.revoked',
          actor: actorOf(caller.principal),
          target: { type: 'api_key', id },
          origin: caller,
          metadata: { name: key.name, key_prefix: key.key_prefix, previous_status: key.status },
        },
        manager,
      );
    });
  }

  async usage(caller: Caller, id: string, days: number): Promise<KeyUsageDto> {
    const { tenantId } = caller.principal;
    if (!(await this.repo.exists(this.dataSource, tenantId, id))) throw ApiError.notFound('API key');
    return { key_id: id, days: await this.usageService.daily(tenantId, id, days) };
  }

  /**
   * No escalation. An API key may only create or rotate keys whose scopes it holds itself (expanded:
   * `entities` needs both `entities:read` and `entities:write`), else 403 insufficient_scope; it may
   * revoke any key of its tenant. A developer may not create, rotate or revoke keys holding `admin`,
   * `keys:*` or `audit:read` (403 forbidden: it is the role, not a scope, that is missing).
   */
  private assertMayManage(
    principal: Principal,
    scopes: readonly string[],
    verb: 'create' | 'rotate' | 'revoke',
  ): void {
    if (principal.type === 'api_key') {
      if (verb === 'revoke') return;
      const missing = escalatingScopes(principal.grants, scopes);
      if (missing.length > 0) {
        throw ApiError.forbidden(
          `This API key cannot ${verb} a key with ${missing.join(', ')}: a key may only grant scopes it holds itself.`,
          'insufficient_scope',
          { required_scopes: missing },
        );
      }
      return;
    }
    if (principal.role === 'developer') {
      const forbidden = developerForbiddenScopes(scopes);
      if (forbidden.length > 0) {
        throw ApiError.forbidden(
          `The developer role cannot ${verb} keys with ${forbidden.join(', ')}; an admin or owner can.`,
        );
      }
    }
  }

  private expiryErrors(expiresAt: string | null, policy: TenantKeyPolicy): FieldError[] {
    const maxDays = policy.max_key_lifetime_days;
    if (!expiresAt) {
      if (policy.require_key_expiration) {
        return [{ field: 'expires_at', message: "is required by the tenant's security settings" }];
      }
      if (maxDays !== null) {
        return [
          {
            field: 'expires_at',
            message: `is required: the tenant's security settings allow keys at most ${maxDays} days of lifetime`,
          },
        ];
      }
      return [];
    }
    const at = new Date(expiresAt).getTime();
    const now = Date.now();
    if (at <= now) return [{ field: 'expires_at', message: 'must be in the future' }];
    if (maxDays !== null && at > now + maxDays * DAY_MS) {
      return [
        {
          field: 'expires_at',
          message: `must be at most ${maxDays} days from now (the tenant's max_key_lifetime_days)`,
        },
      ];
    }
    return [];
  }

  private rateLimitErrors(rpm: number | undefined, policy: TenantKeyPolicy): FieldError[] {
    if (rpm === undefined) return [];
    const max = policy.custom_requests_per_minute ?? PLANS[policy.plan].requestsPerMinute;
    return rpm > max
      ? [
          {
            field: 'rate_limit.requests_per_minute',
            message: `must be at most ${max}, the tenant's requests per minute`,
          },
        ]
      : [];
  }

  private async webhookUrlErrors(url: string): Promise<FieldError[]> {
    try {
      await this.urlGuard.resolve(url);
      return [];
    } catch (error) {
      if (error instanceof WebhookTargetError)
        return [{ field: 'rotation_webhook_url', message: error.message }];
      throw error;
    }
  }

  /** Where a new key goes, with its project locked (no key limit overshoot); 404 for another tenant's ids. */
  private async target(
    manager: EntityManager,
    tenantId: TenantId,
    projectId: string | null,
    environmentId: string | null,
  ): Promise<KeyTarget> {
    let environment: { id: string; kind: KeyTarget['kind'] } | null = null;
    if (environmentId) {
      const found = await this.projects.environment(manager, tenantId, environmentId);
      if (!found) throw ApiError.notFound('Environment');
      if (projectId && found.project_id !== projectId) {
        throw ApiError.field('environment_id', 'is not an environment of project_id');
      }
      projectId = found.project_id;
      environment = found;
    }
    const lockedProject = await this.projects.lock(manager, tenantId, projectId);
    if (!lockedProject) throw ApiError.notFound('Project');
    environment ??= await this.projects.defaultEnvironment(manager, tenantId, lockedProject.id);
    if (!environment) throw ApiError.conflict('This project has no environment to put the key in.');
    return { projectId: lockedProject.id, environmentId: environment.id, kind: environment.kind };
  }

  private async creator(tenantId: TenantId, row: KeyRow): Promise<KeyCreatorDto> {
    const base: KeyCreatorDto = { type: row.created_by_type, id: row.created_by_id };
    if (!row.created_by_id) return base;
    if (row.created_by_type === 'user') {
      const user = await this.users.findById(this.dataSource, row.created_by_id);
      return user ? { ...base, email: user.email, display_name: user.display_name } : base;
    }
    if (row.created_by_type === 'api_key') {
      const key = await this.repo.keyCreator(this.dataSource, tenantId, row.created_by_id);
      return key ? { ...base, name: key.name, key_prefix: key.key_prefix } : base;
    }
    return base;
  }
}
