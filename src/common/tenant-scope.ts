/**
 * Guard against unscoped queries: TypeORM drops `undefined` from a WHERE clause, so a missing
 * tenant id would silently read every tenant's rows. Services call this first.
 */
export function requireTenant(tenantId: string | null | undefined): asserts tenantId is string {
  if (typeof tenantId !== 'string' || tenantId.length === 0) {
    throw new Error('tenant id is required for a tenant-scoped query');
  }
}
