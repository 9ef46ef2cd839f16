/**
 * Generated from openapi.json by `npm run openapi` (scripts/sdk-codegen.ts): do not edit.
 */

import type { paths } from './openapi.js';

/** The API version (openapi.json `info.version`) this SDK was generated from. */
export const API_VERSION = "0.1.0";

// Enum value lists: each named enum of the contract, as a list and as a type.

export const ActorType = ["user","api_key","system"] as const;
export type ActorType = (typeof ActorType)[number];

export const AuditAction = ["auth.signup","auth.login","auth.login_failed","account.updated","account.password_changed","api_key.created","api_key.rotated","api_key.auto_rotated","api_key.revoked","api_key.webhook_failed","project.created","project.renamed","project.deleted","member.invited","member.joined","member.role_changed","member.removed","member.blocked","member.unblocked","invitation.revoked","invitation.email_sent","invitation.email_failed","settings.security_updated","settings.webhook_secret_rotated","plan.changed","collection.deleted","upload.completed","upload.failed","tenant.suspended","tenant.resumed","webhook_endpoint.created","webhook_endpoint.updated","webhook_endpoint.deleted","webhook_endpoint.disabled"] as const;
export type AuditAction = (typeof AuditAction)[number];

export const CheckState = ["ok","down","disabled"] as const;
export type CheckState = (typeof CheckState)[number];

export const EmailDispatchStatus = ["queued","sent","failed"] as const;
export type EmailDispatchStatus = (typeof EmailDispatchStatus)[number];

/** Keys of `live` environments start `sk_live_`, of `test` ones `sk_test_`. */
export const EnvironmentKind = ["live","test"] as const;
export type EnvironmentKind = (typeof EnvironmentKind)[number];

export const FieldType = ["string","number","integer","boolean","date","string[]"] as const;
export type FieldType = (typeof FieldType)[number];

export const HealthStatus = ["ok","degraded","error"] as const;
export type HealthStatus = (typeof HealthStatus)[number];

export const IndexingStatus = ["pending","processing","indexed","failed"] as const;
export type IndexingStatus = (typeof IndexingStatus)[number];

export const InvitationStatus = ["pending","accepted","revoked","expired"] as const;
export type InvitationStatus = (typeof InvitationStatus)[number];

export const KeyInclude = ["usage","history","created_by","all"] as const;
export type KeyInclude = (typeof KeyInclude)[number];

/** `active`; `grace`: rotated, still valid until `grace_expires_at`; `expired`: past `expires_at`; `revoked`: revoked, or rotated and out of grace. */
export const KeyStatus = ["active","grace","expired","revoked"] as const;
export type KeyStatus = (typeof KeyStatus)[number];

export const KeyStatusFilter = ["active","grace","expired","revoked","all"] as const;
export type KeyStatusFilter = (typeof KeyStatusFilter)[number];

export const MemberStatus = ["active","blocked"] as const;
export type MemberStatus = (typeof MemberStatus)[number];

export const PlanName = ["free","pro","scale","enterprise"] as const;
export type PlanName = (typeof PlanName)[number];

export const QuickstartStep = ["create_api_key","define_schema","upload_data","first_search"] as const;
export type QuickstartStep = (typeof QuickstartStep)[number];

export const Role = ["viewer","developer","admin","owner"] as const;
export type Role = (typeof Role)[number];

/** At least one. Unknown scopes: 422 naming them (`scopes[1]`). A key may only grant scopes it holds itself; a developer never `admin`, `keys:*` or `audit:read` (403). */
export const Scope = ["search","ingest","upload","entities","entities:read","entities:write","keys:read","keys:write","usage:read","audit:read","admin"] as const;
export type Scope = (typeof Scope)[number];

/** `eq`: `total` is the exact number of matches. `gte`: there are at least `total` matches (counting stopped at the limit). */
export const TotalRelation = ["eq","gte"] as const;
export type TotalRelation = (typeof TotalRelation)[number];

/** `append` (the default) adds every row; `upsert` updates the record with the same `external_id` (rows without one are added); `replace` stages the rows invisibly and, when the whole upload succeeded, swaps them in for all records of the record type in one transaction (nothing changes when it fails). */
export const UploadMode = ["append","upsert","replace"] as const;
export type UploadMode = (typeof UploadMode)[number];

export const UploadStatus = ["pending","processing","completed","failed"] as const;
export type UploadStatus = (typeof UploadStatus)[number];

export const Visibility = ["private","public"] as const;
export type Visibility = (typeof Visibility)[number];

/** `pending`: not yet delivered, retries to come; `delivered`: a 2xx answer; `failed`: given up. */
export const WebhookDeliveryStatus = ["pending","delivered","failed"] as const;
export type WebhookDeliveryStatus = (typeof WebhookDeliveryStatus)[number];

export const WebhookEventType = ["upload.completed","upload.failed","usage.threshold","api_key.expiring","api_key.rotated"] as const;
export type WebhookEventType = (typeof WebhookEventType)[number];

/** Operations an API key may call (`x-cistern-auth.scopes`), and the public ones: the paths of `createCistern`. */
export interface ApiKeyPaths {
  "/api/v1/analytics": Pick<paths["/api/v1/analytics"], "parameters" | "get">;
  "/api/v1/api-keys": Pick<paths["/api/v1/api-keys"], "parameters" | "get" | "post">;
  "/api/v1/api-keys/{id}": Pick<paths["/api/v1/api-keys/{id}"], "parameters" | "get" | "delete">;
  "/api/v1/api-keys/{id}/rotate": Pick<paths["/api/v1/api-keys/{id}/rotate"], "parameters" | "post">;
  "/api/v1/audit": Pick<paths["/api/v1/audit"], "parameters" | "get">;
  "/api/v1/auth/keys": Pick<paths["/api/v1/auth/keys"], "parameters" | "get" | "post">;
  "/api/v1/auth/keys/{id}": Pick<paths["/api/v1/auth/keys/{id}"], "parameters" | "get" | "delete">;
  "/api/v1/auth/keys/{id}/rotate": Pick<paths["/api/v1/auth/keys/{id}/rotate"], "parameters" | "post">;
  "/api/v1/auth/whoami": Pick<paths["/api/v1/auth/whoami"], "parameters" | "get">;
  "/api/v1/collections": Pick<paths["/api/v1/collections"], "parameters" | "get">;
  "/api/v1/collections/{name}": Pick<paths["/api/v1/collections/{name}"], "parameters" | "delete">;
  "/api/v1/entities/{collection}": Pick<paths["/api/v1/entities/{collection}"], "parameters" | "get">;
  "/api/v1/entities/{collection}/{id}": Pick<paths["/api/v1/entities/{collection}/{id}"], "parameters" | "get" | "delete" | "patch">;
  "/api/v1/entities/{collection}/{record_type}": Pick<paths["/api/v1/entities/{collection}/{record_type}"], "parameters" | "post">;
  "/api/v1/export/{collection}": Pick<paths["/api/v1/export/{collection}"], "parameters" | "get">;
  "/api/v1/health": Pick<paths["/api/v1/health"], "parameters" | "get">;
  "/api/v1/ingest/{collection}/{record_type}": Pick<paths["/api/v1/ingest/{collection}/{record_type}"], "parameters" | "post">;
  "/api/v1/open/search": Pick<paths["/api/v1/open/search"], "parameters" | "post">;
  "/api/v1/portal/auth/login": Pick<paths["/api/v1/portal/auth/login"], "parameters" | "post">;
  "/api/v1/portal/auth/signup": Pick<paths["/api/v1/portal/auth/signup"], "parameters" | "post">;
  "/api/v1/projects": Pick<paths["/api/v1/projects"], "parameters" | "get" | "post">;
  "/api/v1/projects/{id}": Pick<paths["/api/v1/projects/{id}"], "parameters" | "get" | "delete" | "patch">;
  "/api/v1/projects/{id}/environments": Pick<paths["/api/v1/projects/{id}/environments"], "parameters" | "get" | "post">;
  "/api/v1/reindex/{collection}": Pick<paths["/api/v1/reindex/{collection}"], "parameters" | "post">;
  "/api/v1/schemas/{collection}": Pick<paths["/api/v1/schemas/{collection}"], "parameters" | "get">;
  "/api/v1/schemas/{collection}/{record_type}": Pick<paths["/api/v1/schemas/{collection}/{record_type}"], "parameters" | "put">;
  "/api/v1/search/{collection}": Pick<paths["/api/v1/search/{collection}"], "parameters" | "post">;
  "/api/v1/settings/security": Pick<paths["/api/v1/settings/security"], "parameters" | "get">;
  "/api/v1/settings/webhooks": Pick<paths["/api/v1/settings/webhooks"], "parameters" | "get">;
  "/api/v1/settings/webhooks/endpoints": Pick<paths["/api/v1/settings/webhooks/endpoints"], "parameters" | "get" | "post">;
  "/api/v1/settings/webhooks/endpoints/{id}": Pick<paths["/api/v1/settings/webhooks/endpoints/{id}"], "parameters" | "get" | "delete">;
  "/api/v1/settings/webhooks/endpoints/{id}/deliveries": Pick<paths["/api/v1/settings/webhooks/endpoints/{id}/deliveries"], "parameters" | "get">;
  "/api/v1/settings/webhooks/endpoints/{id}/test": Pick<paths["/api/v1/settings/webhooks/endpoints/{id}/test"], "parameters" | "post">;
  "/api/v1/settings/webhooks/rotate-secret": Pick<paths["/api/v1/settings/webhooks/rotate-secret"], "parameters" | "post">;
  "/api/v1/team/invitations": Pick<paths["/api/v1/team/invitations"], "parameters" | "get" | "post">;
  "/api/v1/team/invitations/{id}": Pick<paths["/api/v1/team/invitations/{id}"], "parameters" | "delete">;
  "/api/v1/team/members": Pick<paths["/api/v1/team/members"], "parameters" | "get">;
  "/api/v1/team/members/{user_id}": Pick<paths["/api/v1/team/members/{user_id}"], "parameters" | "delete" | "patch">;
  "/api/v1/team/members/{user_id}/block": Pick<paths["/api/v1/team/members/{user_id}/block"], "parameters" | "post">;
  "/api/v1/team/members/{user_id}/unblock": Pick<paths["/api/v1/team/members/{user_id}/unblock"], "parameters" | "post">;
  "/api/v1/upload/{collection}/{record_type}/upload": Pick<paths["/api/v1/upload/{collection}/{record_type}/upload"], "parameters" | "post">;
  "/api/v1/uploads": Pick<paths["/api/v1/uploads"], "parameters" | "get">;
  "/api/v1/uploads/{id}": Pick<paths["/api/v1/uploads/{id}"], "parameters" | "get">;
  "/api/v1/usage": Pick<paths["/api/v1/usage"], "parameters" | "get">;
}

/** Operations a portal session (JWT) may call (`x-cistern-auth.min_role`), and the public ones: the paths of `createPortal`. */
export interface PortalPaths {
  "/api/v1/api-keys": Pick<paths["/api/v1/api-keys"], "parameters" | "get" | "post">;
  "/api/v1/api-keys/{id}": Pick<paths["/api/v1/api-keys/{id}"], "parameters" | "get" | "delete">;
  "/api/v1/api-keys/{id}/rotate": Pick<paths["/api/v1/api-keys/{id}/rotate"], "parameters" | "post">;
  "/api/v1/audit": Pick<paths["/api/v1/audit"], "parameters" | "get">;
  "/api/v1/health": Pick<paths["/api/v1/health"], "parameters" | "get">;
  "/api/v1/open/search": Pick<paths["/api/v1/open/search"], "parameters" | "post">;
  "/api/v1/portal/account": Pick<paths["/api/v1/portal/account"], "parameters" | "get" | "patch">;
  "/api/v1/portal/account/password": Pick<paths["/api/v1/portal/account/password"], "parameters" | "post">;
  "/api/v1/portal/analytics": Pick<paths["/api/v1/portal/analytics"], "parameters" | "get">;
  "/api/v1/portal/auth/login": Pick<paths["/api/v1/portal/auth/login"], "parameters" | "post">;
  "/api/v1/portal/auth/signup": Pick<paths["/api/v1/portal/auth/signup"], "parameters" | "post">;
  "/api/v1/portal/auth/switch-tenant": Pick<paths["/api/v1/portal/auth/switch-tenant"], "parameters" | "post">;
  "/api/v1/portal/collections": Pick<paths["/api/v1/portal/collections"], "parameters" | "get">;
  "/api/v1/portal/collections/{name}": Pick<paths["/api/v1/portal/collections/{name}"], "parameters" | "delete">;
  "/api/v1/portal/export/{collection}": Pick<paths["/api/v1/portal/export/{collection}"], "parameters" | "get">;
  "/api/v1/portal/ingest/{collection}/{record_type}": Pick<paths["/api/v1/portal/ingest/{collection}/{record_type}"], "parameters" | "post">;
  "/api/v1/portal/invitations/accept": Pick<paths["/api/v1/portal/invitations/accept"], "parameters" | "post">;
  "/api/v1/portal/keys": Pick<paths["/api/v1/portal/keys"], "parameters" | "get" | "post">;
  "/api/v1/portal/keys/{id}": Pick<paths["/api/v1/portal/keys/{id}"], "parameters" | "get" | "delete">;
  "/api/v1/portal/keys/{id}/rotate": Pick<paths["/api/v1/portal/keys/{id}/rotate"], "parameters" | "post">;
  "/api/v1/portal/keys/{id}/usage": Pick<paths["/api/v1/portal/keys/{id}/usage"], "parameters" | "get">;
  "/api/v1/portal/plan": Pick<paths["/api/v1/portal/plan"], "parameters" | "put">;
  "/api/v1/portal/quickstart": Pick<paths["/api/v1/portal/quickstart"], "parameters" | "get">;
  "/api/v1/portal/records": Pick<paths["/api/v1/portal/records"], "parameters" | "get">;
  "/api/v1/portal/records/{collection}/{id}": Pick<paths["/api/v1/portal/records/{collection}/{id}"], "parameters" | "get" | "delete" | "patch">;
  "/api/v1/portal/records/{collection}/{record_type}": Pick<paths["/api/v1/portal/records/{collection}/{record_type}"], "parameters" | "post">;
  "/api/v1/portal/reindex/{collection}": Pick<paths["/api/v1/portal/reindex/{collection}"], "parameters" | "post">;
  "/api/v1/portal/schemas/{collection}": Pick<paths["/api/v1/portal/schemas/{collection}"], "parameters" | "get">;
  "/api/v1/portal/schemas/{collection}/{record_type}": Pick<paths["/api/v1/portal/schemas/{collection}/{record_type}"], "parameters" | "put">;
  "/api/v1/portal/search/{collection}": Pick<paths["/api/v1/portal/search/{collection}"], "parameters" | "post">;
  "/api/v1/portal/tenants": Pick<paths["/api/v1/portal/tenants"], "parameters" | "get">;
  "/api/v1/portal/upload/{collection}/{record_type}/upload": Pick<paths["/api/v1/portal/upload/{collection}/{record_type}/upload"], "parameters" | "post">;
  "/api/v1/portal/uploads": Pick<paths["/api/v1/portal/uploads"], "parameters" | "get">;
  "/api/v1/portal/uploads/{id}": Pick<paths["/api/v1/portal/uploads/{id}"], "parameters" | "get">;
  "/api/v1/portal/usage": Pick<paths["/api/v1/portal/usage"], "parameters" | "get">;
  "/api/v1/projects": Pick<paths["/api/v1/projects"], "parameters" | "get" | "post">;
  "/api/v1/projects/{id}": Pick<paths["/api/v1/projects/{id}"], "parameters" | "get" | "delete" | "patch">;
  "/api/v1/projects/{id}/environments": Pick<paths["/api/v1/projects/{id}/environments"], "parameters" | "get" | "post">;
  "/api/v1/settings/security": Pick<paths["/api/v1/settings/security"], "parameters" | "get" | "patch">;
  "/api/v1/settings/webhooks": Pick<paths["/api/v1/settings/webhooks"], "parameters" | "get">;
  "/api/v1/settings/webhooks/endpoints": Pick<paths["/api/v1/settings/webhooks/endpoints"], "parameters" | "get" | "post">;
  "/api/v1/settings/webhooks/endpoints/{id}": Pick<paths["/api/v1/settings/webhooks/endpoints/{id}"], "parameters" | "get" | "delete" | "patch">;
  "/api/v1/settings/webhooks/endpoints/{id}/deliveries": Pick<paths["/api/v1/settings/webhooks/endpoints/{id}/deliveries"], "parameters" | "get">;
  "/api/v1/settings/webhooks/endpoints/{id}/test": Pick<paths["/api/v1/settings/webhooks/endpoints/{id}/test"], "parameters" | "post">;
  "/api/v1/settings/webhooks/rotate-secret": Pick<paths["/api/v1/settings/webhooks/rotate-secret"], "parameters" | "post">;
  "/api/v1/team/invitations": Pick<paths["/api/v1/team/invitations"], "parameters" | "get" | "post">;
  "/api/v1/team/invitations/{id}": Pick<paths["/api/v1/team/invitations/{id}"], "parameters" | "delete">;
  "/api/v1/team/members": Pick<paths["/api/v1/team/members"], "parameters" | "get">;
  "/api/v1/team/members/{user_id}": Pick<paths["/api/v1/team/members/{user_id}"], "parameters" | "delete" | "patch">;
  "/api/v1/team/members/{user_id}/block": Pick<paths["/api/v1/team/members/{user_id}/block"], "parameters" | "post">;
  "/api/v1/team/members/{user_id}/unblock": Pick<paths["/api/v1/team/members/{user_id}/unblock"], "parameters" | "post">;
}

/** GET operations paged by `limit` and `offset`, with the answer property holding the items ('' : the answer is the list). */
export const OFFSET_LISTS = {
  "/api/v1/api-keys": "",
  "/api/v1/auth/keys": "",
  "/api/v1/entities/{collection}": "items",
  "/api/v1/portal/keys": "keys",
  "/api/v1/portal/records": "items",
  "/api/v1/portal/uploads": "uploads",
  "/api/v1/projects": "projects",
  "/api/v1/settings/webhooks/endpoints/{id}/deliveries": "deliveries",
  "/api/v1/team/invitations": "invitations",
  "/api/v1/team/members": "members",
  "/api/v1/uploads": "uploads",
} as const;
export type OffsetListPath = keyof typeof OFFSET_LISTS;
