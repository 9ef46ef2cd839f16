import { describe, expect, it } from '@jest/globals';
import { ApiKeysRepository } from '../api-keys/api-keys.repository.js';
import { MembershipsRepository } from '../tenancy/memberships.repository.js';
import type { UserPrincipal } from './principal.js';
import type { Db } from './sql.js';
import { tenantIdFromCredential, type TenantId } from './tenant-id.js';

/**
 * Compile-time proof, checked by `npm run lint` (tsc over src/): every line under a `@ts-expect-error`
 * must fail to compile, or tsc reports the directive as unused and the lint fails. Never called.
 */
export function tenantScopeDoesNotCompileWithoutATenantId(
  db: Db,
  fromRequest: string,
  tenant: TenantId,
): void {
  const keys = new ApiKeysRepository();
  const memberships = new MembershipsRepository();
  // @ts-expect-error a plain string (what a body, path or query holds) is not a TenantId
  void keys.findView(db, fromRequest, 'key id');
  // @ts-expect-error the executor is required and comes first
  void keys.findView(tenant, 'key id');
  // @ts-expect-error the same for writes
  void memberships.setRole(db, fromRequest, 'user id', 'viewer');
  void keys.findView(db, tenant, 'key id');
  const principal: UserPrincipal = {
    type: 'user',
    // @ts-expect-error a principal's tenant is a TenantId too
    tenantId: fromRequest,
    userId: 'user id',
    email: 'a@example.com',
    role: 'owner',
  };
  void principal;
}

describe('tenantIdFromCredential', () => {
  it('brands a verified tenant id without changing it', () => {
    const id = '6f1c1f5e-8d1c-4a59-9d5a-0e6c8d1f2a3b';
    expect(tenantIdFromCredential(id)).toBe(id);
  });

  it('refuses an empty id rather than scoping a statement to nothing', () => {
    expect(() => tenantIdFromCredential('')).toThrow('a credential without a tenant id');
  });
});
