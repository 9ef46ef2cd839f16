import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BlockList } from 'node:net';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import type { KeyPrincipal } from '../common/principal.js';
import { expandScopes } from '../common/scopes.js';
import { AppConfig } from '../config/app-config.js';
import { addressInList, buildBlockList } from '../tenancy/cidr.js';
import type { PlanName } from '../tenancy/tenant.entity.js';
import { PLANS } from '../usage/plans.js';
import { hashApiKey, isWellFormedApiKey } from './api-key-format.js';

interface KeyRow {
  id: string;
  tenant_id: string;
  project_id: string;
  environment_id: string;
  key_prefix: string;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  replaced_by_key_id: string | null;
  grace_expires_at: Date | null;
  rate_limit_rpm: number | null;
  tenant_status: string;
  plan: PlanName;
  custom_requests_per_minute: number | null;
  custom_search_per_minute: number | null;
  allowed_ip_ranges: string[];
}

/** One raw indexed query by HMAC (no ORM hydration on the hot path). */
const LOOKUP_SQL = `
  SELECT k.id, k.tenant_id, k.project_id, k.environment_id, k.key_prefix, k.scopes, k.expires_at,
         k.revoked_at, k.replaced_by_key_id, k.grace_expires_at, k.rate_limit_rpm, t.status AS tenant_status,
         t.plan, t.custom_requests_per_minute, t.custom_search_per_minute, t.allowed_ip_ranges
    FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
   WHERE k.key_hash = $1`;

/** Distinct allow-lists held at once; tenants sharing a list share one BlockList. */
const MAX_CACHED_ALLOW_LISTS = 1000;

const invalidKey = () => ApiError.unauthorized('invalid_key', 'The API key is invalid or has been revoked.');

/** SPEC §1: verifies a raw API key and answers the principal, or the exact 401/403 of the SPEC. */
@Injectable()
export class ApiKeyVerifier {
  /** Parsed allow-lists by their text: CIDRs are parsed once per distinct list, never per request. */
  private readonly blockLists = new Map<string, BlockList>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async verify(rawKey: string): Promise<KeyPrincipal> {
    // Checksum first: garbage never reaches the database.
    if (!isWellFormedApiKey(rawKey)) throw invalidKey();
    const rows: KeyRow[] = await this.dataSource.query(LOOKUP_SQL, [
      hashApiKey(this.config.apiKeySalt, rawKey),
    ]);
    const row = rows[0];
    if (!row) throw invalidKey();
    const now = Date.now();
    if (row.revoked_at) throw invalidKey();
    if (row.replaced_by_key_id && !(row.grace_expires_at && row.grace_expires_at.getTime() > now))
      throw invalidKey();
    if (row.expires_at && row.expires_at.getTime() <= now) {
      throw ApiError.unauthorized('key_expired', 'The API key has expired.');
    }
    if (row.tenant_status !== 'active') throw ApiError.forbidden('This tenant is suspended.');
    return {
      type: 'api_key',
      tenantId: row.tenant_id,
      keyId: row.id,
      projectId: row.project_id,
      environmentId: row.environment_id,
      keyPrefix: row.key_prefix,
      scopes: row.scopes,
      grants: expandScopes(row.scopes),
      expiresAt: row.expires_at,
      rateLimitRpm: row.rate_limit_rpm,
      limits: {
        requestsPerMinute: row.custom_requests_per_minute ?? PLANS[row.plan].requestsPerMinute,
        searchPerMinute: row.custom_search_per_minute ?? PLANS[row.plan].searchPerMinute,
      },
      allowedIps: this.blockListOf(row.allowed_ip_ranges),
    };
  }

  /**
   * SPEC §1/§6: an API-key call from outside the tenant's `allowed_ip_ranges` is refused with 403
   * `ip_not_allowed` (an empty list restricts nothing). `ip` is Fastify's `request.ip`, which honours
   * X-Forwarded-For only when TRUST_PROXY is set.
   */
  assertIpAllowed(principal: KeyPrincipal, ip: string): void {
    if (principal.allowedIps && !addressInList(principal.allowedIps, ip)) {
      throw ApiError.forbidden(
        "This API key may not be used from this IP address (tenant's allowed_ip_ranges).",
        'ip_not_allowed',
      );
    }
  }

  private blockListOf(ranges: readonly string[] | null): BlockList | null {
    if (!ranges || ranges.length === 0) return null;
    const cacheKey = ranges.join(',');
    let list = this.blockLists.get(cacheKey);
    if (!list) {
      if (this.blockLists.size >= MAX_CACHED_ALLOW_LISTS) this.blockLists.clear();
      list = buildBlockList(ranges);
      this.blockLists.set(cacheKey, list);
    }
    return list;
  }
}
