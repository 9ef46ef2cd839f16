import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BlockList } from 'node:net';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { isDatabaseUnavailable } from '../common/database-errors.js';
import { ApiKeysRepository, type KeyCredentialRow } from '../api-keys/api-keys.repository.js';
import { tenantIdFromCredential } from '../common/tenant-id.js';
import { Metrics } from '../metrics/metrics.service.js';
import { ChangeFeed } from '../database/change-feed.service.js';
import type { KeyPrincipal } from '../common/principal.js';
import { expandScopes } from '../common/scopes.js';
import { AppConfig } from '../config/app-config.js';
import { addressInList, buildBlockList } from '../tenancy/cidr.js';
import { PLANS } from '../usage/plans.js';
import {
  API_KEY_LENGTH,
  hashApiKey,
  isWellFormedApiKey,
  keyFingerprint,
} from '../api-keys/api-key-format.js';
import { KeyCache, type KeyState } from './key-cache.js';

/** Distinct allow-lists held at once; tenants sharing a list share one BlockList. */
const MAX_CACHED_ALLOW_LISTS = 1000;

const invalidKey = () => ApiError.unauthorized('invalid_key', 'The API key is invalid or has been revoked.');

/**
 * The rules §1 answer for a key's current state: its principal, or the exact 401/403. Refusals are
 * counted for /metrics (a revoked key answers like an unknown one, but operators see the difference).
 */
function admit(state: KeyState | null, now: number, metrics: Metrics): KeyPrincipal {
  if (!state) {
    metrics.authAttempt('api_key', 'invalid');
    throw invalidKey();
  }
  if (
    state.revokedAt !== null ||
    (state.replaced && !(state.graceExpiresAt !== null && state.graceExpiresAt > now))
  ) {
    metrics.authAttempt('api_key', 'revoked');
    throw invalidKey();
  }
  if (state.expiresAt !== null && state.expiresAt <= now) {
    metrics.authAttempt('api_key', 'expired');
    throw ApiError.unauthorized('key_expired', 'The API key has expired.');
  }
  if (!state.tenantActive) {
    metrics.authAttempt('api_key', 'suspended');
    throw ApiError.forbidden('This tenant is suspended.');
  }
  return state.principal;
}

/** Keys looked up at once in the cache; positive entries are trusted this long without a change notice. */
const CACHE = { maxEntries: 50_000, ttlMs: 60_000, negativeTtlMs: 30_000 };
/** While the change feed is disconnected, a cached entry is trusted this long at most (rules §1: 1 s). */
const UNLISTENED_MAX_AGE_MS = 1_000;

/**
 * rules §1: verifies a raw API key and answers the principal, or the exact 401/403 of the SPEC.
 * Served from an in-process cache (LRU by key fingerprint, negative entries too) invalidated through the
 * ChangeFeed: at once on this instance, within milliseconds on the others. A miss is one raw
 * indexed query by the stored HMAC. Expiry and grace are checked on every request, cached or not.
 */
@Injectable()
export class ApiKeyVerifier {
  /** Parsed allow-lists by their text: CIDRs are parsed once per distinct list, never per request. */
  private readonly blockLists = new Map<string, BlockList>();
  private readonly cache = new KeyCache(CACHE);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly changes: ChangeFeed,
    private readonly metrics: Metrics,
    private readonly keys: ApiKeysRepository,
  ) {
    changes.subscribe(
      (event) => {
        if (event.kind === 'key') this.cache.deleteKey(event.keyId);
        else if (event.kind === 'key_fingerprint') this.cache.deleteFingerprint(event.fingerprint);
        else this.cache.deleteTenant(event.tenantId);
      },
      () => this.cache.clear(),
    );
  }

  /**
   * Synchronous when the cache answers (no promise, no microtask on the hot path); a promise when the
   * database has to be asked.
   */
  verify(rawKey: string): KeyPrincipal | Promise<KeyPrincipal> {
    // Only strings of a key's exact length are even fingerprinted.
    if (rawKey.length !== API_KEY_LENGTH) {
      this.metrics.authAttempt('api_key', 'invalid');
      throw invalidKey();
    }
    const fingerprint = keyFingerprint(this.config.apiKeySalt, rawKey);
    const now = Date.now();
    const cached = this.cache.get(
      fingerprint,
      now,
      this.changes.connected ? undefined : UNLISTENED_MAX_AGE_MS,
    );
    // A cached entry (positive or negative) was only ever stored for a well-formed key.
    this.metrics.keyCacheLookup(cached !== undefined);
    if (cached) return admit(cached.state, now, this.metrics);
    // Checksum before the database: garbage never reaches the cache or the database.
    if (!isWellFormedApiKey(rawKey)) {
      this.metrics.authAttempt('api_key', 'invalid');
      throw invalidKey();
    }
    return this.load(rawKey, fingerprint, now).then((state) => admit(state, Date.now(), this.metrics));
  }

  private async load(rawKey: string, fingerprint: string, now: number): Promise<KeyState | null> {
    const mark = this.cache.mark();
    let row: KeyCredentialRow | null;
    try {
      row = await this.keys.findByHashAcrossTenants(
        this.dataSource,
        hashApiKey(this.config.apiKeySalt, rawKey),
      );
    } catch (error) {
      // Database unreachable: what this instance already knew keeps working; nothing could change meanwhile.
      const stale = this.cache.peek(fingerprint);
      if (stale && isDatabaseUnavailable(error)) return stale.state;
      throw error;
    }
    const state = row ? this.toState(row) : null;
    this.cache.set(fingerprint, state, mark, now);
    return state;
  }

  private toState(row: KeyCredentialRow): KeyState {
    return {
      revokedAt: row.revoked_at?.getTime() ?? null,
      replaced: row.replaced_by_key_id !== null,
      graceExpiresAt: row.grace_expires_at?.getTime() ?? null,
      expiresAt: row.expires_at?.getTime() ?? null,
      tenantActive: row.tenant_status === 'active',
      principal: {
        type: 'api_key',
        tenantId: tenantIdFromCredential(row.tenant_id),
        keyId: row.id,
        projectId: row.project_id,
        environmentId: row.environment_id,
        keyPrefix: row.key_prefix,
        scopes: row.scopes,
        grants: expandScopes(row.scopes),
        expiresAt: row.expires_at,
        rateLimitRpm: row.rate_limit_rpm,
        plan: row.plan,
        limits: {
          requestsPerMinute: row.custom_requests_per_minute ?? PLANS[row.plan].requestsPerMinute,
          searchPerMinute: row.custom_search_per_minute ?? PLANS[row.plan].searchPerMinute,
        },
        allowedIps: this.blockListOf(row.allowed_ip_ranges),
      },
    };
  }

  /**
   * rules §1/§6: an API-key call from outside the tenant's `allowed_ip_ranges` is refused with 403
   * `ip_not_allowed` (an empty list restricts nothing). `ip` is Fastify's `request.ip`, which honours
   * X-Forwarded-For only when TRUST_PROXY is set.
   */
  assertIpAllowed(principal: KeyPrincipal, ip: string): void {
    if (principal.allowedIps && !addressInList(principal.allowedIps, ip)) {
      this.metrics.authAttempt('api_key', 'ip_refused');
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
