/**
 * A tenant id that came from a trusted source: the credential of the request (the global guard's key
 * verification, a portal session's verification, signup, invitation acceptance) or a row's own
 * `tenant_id` column read by a repository. Never from a body, path or query: a plain string does not
 * compile where a `TenantId` is wanted, so a tenant-scoped repository method cannot be handed an id a
 * client typed. README "Data access" has the rules.
 */
export type TenantId = string & { readonly __brand: 'TenantId' };

/**
 * The one place a credential's tenant becomes a `TenantId` (greppable: every call site is on the
 * authentication path).
 */
export function tenantIdFromCredential(verifiedTenantId: string): TenantId {
  if (typeof verifiedTenantId !== 'string' || verifiedTenantId.length === 0) {
    throw new Error('a credential without a tenant id');
  }
  return verifiedTenantId as TenantId;
}

/**
 * The one place a tenant id the server itself wrote becomes a `TenantId`: a job's payload (queued by a
 * request whose credential named the tenant) or a column of a row a repository read without the
 * tenant (a worker's lookup). Trusted because no client writes these: only code holding a
 * `TenantId` put them there (greppable: every call site is a worker).
 */
export function tenantIdFromRow(storedTenantId: unknown): TenantId {
  if (typeof storedTenantId !== 'string' || storedTenantId.length === 0) {
    throw new Error('a stored row or job without a tenant id');
  }
  return storedTenantId as TenantId;
}
