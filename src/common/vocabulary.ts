/**
 * Words every layer shares: plans, tenant states, who acted. They live here, not beside the entity
 * whose column stores them, so that common/, audit/ and the repositories of any folder can name them
 * without importing a feature's entity (the layering in README "Layout").
 */

export const PLAN_NAMES = ['free', 'pro', 'scale', 'enterprise'] as const;
export type PlanName = (typeof PLAN_NAMES)[number];

export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** Who an audit event, an upload or a key names as its author: a person, an API key or the server. */
export const ACTOR_TYPES = ['user', 'api_key', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** The longest per-key usage report, in UTC days: the report's bound and the retention sweep's. */
export const MAX_USAGE_DAYS = 90;
