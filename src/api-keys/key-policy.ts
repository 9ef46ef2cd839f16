import type { FieldError } from '../common/api-error.js';
import { expandScopes, isScope, SCOPES, type Scope } from '../common/scopes.js';

/** rules §4: the derived status of a key. */
export const KEY_STATUSES = ['active', 'grace', 'expired', 'revoked'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/** `?status=` of the lists. Without it, every status but `revoked` is listed. */
export const KEY_STATUS_FILTERS = [...KEY_STATUSES, 'all'] as const;
export type KeyStatusFilter = (typeof KEY_STATUS_FILTERS)[number];

/** `?include=` tokens of GET one key. */
export const KEY_INCLUDES = ['usage', 'history', 'created_by', 'all'] as const;
export type KeyInclude = (typeof KEY_INCLUDES)[number];

/** rules §2: scopes a developer may never put on a key (they could then manage keys or read the audit). */
export const DEVELOPER_FORBIDDEN_SCOPES: readonly Scope[] = [
  'admin',
  'keys:read',
  'keys:write',
  'audit:read',
];

export const MAX_GRACE_SECONDS = 604_800;
/** Scheduled rotations keep the old key working this long (rules §4). */
export const AUTO_ROTATION_GRACE_SECONDS = 86_400;
/** `include=usage` covers this many days. */
export const INCLUDED_USAGE_DAYS = 30;

export const KEY_MESSAGES = {
  stored: 'Store this key securely — it cannot be retrieved again.',
  oldKeyInvalid: 'Old key is now invalid. Update your applications immediately.',
} as const;

const VALID_SCOPES = SCOPES.join(', ');

/**
 * Unknown or empty scope lists: one error per bad entry, with its index (`scopes[1]`), each naming
 * the valid scopes. Duplicates are harmless and dropped by `normalizeScopes`.
 */
export function scopeErrors(scopes: readonly unknown[]): FieldError[] {
  if (scopes.length === 0) {
    return [{ field: 'scopes', message: `must contain at least one scope; valid scopes: ${VALID_SCOPES}` }];
  }
  const errors: FieldError[] = [];
  scopes.forEach((scope, index) => {
    if (!isScope(scope)) {
      errors.push({
        field: `scopes[${index}]`,
        message: `${JSON.stringify(scope)} is not a scope; valid scopes: ${VALID_SCOPES}`,
      });
    }
  });
  return errors;
}

/** The scopes as stored: valid, each once, in the SPEC order. */
export function normalizeScopes(scopes: readonly string[]): Scope[] {
  const wanted = new Set(scopes);
  return SCOPES.filter((scope) => wanted.has(scope));
}

/**
 * No escalation (rules §2): every scope the new key would grant — expanded, so `entities` counts as
 * `entities:read` + `entities:write` and `admin` as everything — must be granted to the caller key.
 * Answers the requested scopes the caller cannot give (empty when allowed).
 */
export function escalatingScopes(callerGrants: ReadonlySet<string>, requested: readonly string[]): Scope[] {
  return normalizeScopes(
    requested.filter((scope) => [...expandScopes([scope])].some((grant) => !callerGrants.has(grant))),
  );
}

/** The scopes among `requested` that the developer role may not grant. */
export function developerForbiddenScopes(requested: readonly string[]): Scope[] {
  return DEVELOPER_FORBIDDEN_SCOPES.filter((scope) => requested.includes(scope));
}

export interface KeyLifecycle {
  revokedAt: Date | null;
  replacedByKeyId: string | null;
  graceExpiresAt: Date | null;
  expiresAt: Date | null;
}

/**
 * The status of a key at `now`, the same rule as the verifier (src/auth/api-key-verifier.service.ts)
 * and as `STATUS_SQL`: revoked, or replaced and out of grace → `revoked`; past `expires_at` →
 * `expired`; replaced but within grace → `grace`; else `active`.
 */
export function keyStatus(key: KeyLifecycle, now: Date = new Date()): KeyStatus {
  const t = now.getTime();
  if (key.revokedAt) return 'revoked';
  if (key.replacedByKeyId && !(key.graceExpiresAt && key.graceExpiresAt.getTime() > t)) return 'revoked';
  if (key.expiresAt && key.expiresAt.getTime() <= t) return 'expired';
  if (key.replacedByKeyId) return 'grace';
  return 'active';
}

/** `keyStatus` in SQL, over the api_keys alias `k` (lists filter on it). */
export const STATUS_SQL = `(CASE
  WHEN k.revoked_at IS NOT NULL THEN 'revoked'
  WHEN k.replaced_by_key_id IS NOT NULL AND (k.grace_expires_at IS NULL OR k.grace_expires_at <= now()) THEN 'revoked'
  WHEN k.expires_at IS NOT NULL AND k.expires_at <= now() THEN 'expired'
  WHEN k.replaced_by_key_id IS NOT NULL THEN 'grace'
  ELSE 'active' END)`;

/** Keys that count against the per-project limit: status `active` (uses the partial index). */
export const ACTIVE_SQL = `k.revoked_at IS NULL AND k.replaced_by_key_id IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`;

/** `include=a,b` → the set of parts to add (`all` = every part). */
export function includeParts(tokens: readonly KeyInclude[] | undefined): Set<Exclude<KeyInclude, 'all'>> {
  const parts = new Set<Exclude<KeyInclude, 'all'>>();
  for (const token of tokens ?? []) {
    if (token === 'all') {
      parts.add('usage').add('history').add('created_by');
    } else parts.add(token);
  }
  return parts;
}
