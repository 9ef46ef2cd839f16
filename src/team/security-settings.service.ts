import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeFeed } from '../database/change-feed.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiError, type FieldError } from '../common/api-error.js';
import { actorOf, type Caller } from '../common/principal.js';
import type { TenantId } from '../common/tenant-id.js';
import { normalizeCidr } from '../tenancy/cidr.js';
import type { SecuritySettingsDto, UpdateSecuritySettingsDto } from './dto/security-settings.dto.js';
import {
  TenantsRepository,
  type SecuritySettingsField as Field,
  type SecuritySettingsRow as SettingsRow,
} from '../tenancy/tenants.repository.js';

const FIELDS: Field[] = [
  'require_key_expiration',
  'max_key_lifetime_days',
  'allowed_ip_ranges',
  'session_ttl_minutes',
];

function toDto(row: SettingsRow): SecuritySettingsDto {
  return { ...row, allowed_ip_ranges: [...row.allowed_ip_ranges] };
}

/** Each entry a string and a valid IPv4/IPv6 range; answers the normalised, de-duplicated list. */
export function normalizeIpRanges(ranges: readonly unknown[]): string[] {
  const errors: FieldError[] = [];
  const out: string[] = [];
  ranges.forEach((range, i) => {
    const field = `allowed_ip_ranges[${i}]`;
    if (typeof range !== 'string') {
      errors.push({ field, message: 'must be a string' });
      return;
    }
    const cidr = normalizeCidr(range);
    if (!cidr) {
      errors.push({
        field,
        message: 'must be an IPv4 or IPv6 address or CIDR range (e.g. 203.0.113.0/24, 2001:db8::/32)',
      });
      return;
    }
    if (!out.includes(cidr)) out.push(cidr);
  });
  if (errors.length > 0)
    throw ApiError.validation(
      errors,
      errors.length === 1
        ? `${errors[0].field}: ${errors[0].message}`
        : `${errors.length} fields are invalid.`,
    );
  return out;
}

/**
 * rules §6 security settings of a tenant. Enforced elsewhere: the IP allow-list by the API-key
 * verifier, the session TTL by every token issue (login, switch-tenant, invitation accept), key
 * expiry rules by key creation.
 */
@Injectable()
export class SecuritySettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly changes: ChangeFeed,
    private readonly tenants: TenantsRepository,
  ) {}

  async get(tenant: TenantId): Promise<SecuritySettingsDto> {
    const row = await this.tenants.securitySettings(this.dataSource, tenant);
    if (!row) throw ApiError.notFound('Tenant');
    return toDto(row);
  }

  /** Changes the given fields (absent = unchanged); audits `settings.security_updated` with what changed. */
  async update(caller: Caller, dto: UpdateSecuritySettingsDto): Promise<SecuritySettingsDto> {
    const tenantId = caller.principal.tenantId;
    const wanted: Partial<SettingsRow> = {};
    if (dto.require_key_expiration !== undefined) wanted.require_key_expiration = dto.require_key_expiration;
    if (dto.max_key_lifetime_days !== undefined) wanted.max_key_lifetime_days = dto.max_key_lifetime_days;
    if (dto.allowed_ip_ranges !== undefined)
      wanted.allowed_ip_ranges = normalizeIpRanges(dto.allowed_ip_ranges);
    if (dto.session_ttl_minutes !== undefined) wanted.session_ttl_minutes = dto.session_ttl_minutes;

    // Through the change feed: cached key verifications of this tenant (IP allow-list) are dropped everywhere.
    const row = await this.changes.transaction(async (manager, publish) => {
      const current = await this.tenants.securitySettings(manager, tenantId, true);
      if (!current) throw ApiError.notFound('Tenant');
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of FIELDS) {
        if (!(field in wanted)) continue;
        const from = current[field];
        const to = wanted[field];
        if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
      }
      const changed = Object.keys(changes) as Field[];
      if (changed.length === 0) return current;
      await publish({ kind: 'tenant', tenantId });
      const updated = await this.tenants.updateSecuritySettings(
        manager,
        tenantId,
        Object.fromEntries(changed.map((f) => [f, wanted[f]])),
      );
      await this.audit.record(
        {
          tenantId,
          action: 'settings.security_updated',
          actor: actorOf(caller.principal),
          target: { type: 'tenant', id: tenantId },
          origin: caller,
          metadata: { changed_fields: changed, changes },
        },
        manager,
      );
      return updated;
    });
    return toDto(row);
  }
}
