import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../common/api-error.js';
import { ROLES, type Role } from '../common/scopes.js';
import { actingRole, assertKeepsAnOwner, assertMayInvite, assertMayManageMember } from './team-rules.js';
import { tenantIdFromCredential } from '../common/tenant-id.js';

const codeOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof ApiError ? `${error.getStatus()} ${error.code}` : 'other';
  }
};

describe('team rules (rules §2)', () => {
  it('lets only owners invite owners', () => {
    for (const role of ROLES) expect(codeOf(() => assertMayInvite('owner', role))).toBeNull();
    for (const role of ['admin', 'developer', 'viewer'] as Role[])
      expect(codeOf(() => assertMayInvite('admin', role))).toBeNull();
    expect(codeOf(() => assertMayInvite('admin', 'owner'))).toBe('403 forbidden');
  });

  it('lets only owners grant, change or remove owners', () => {
    expect(codeOf(() => assertMayManageMember('owner', 'owner', 'viewer'))).toBeNull();
    expect(codeOf(() => assertMayManageMember('owner', 'viewer', 'owner'))).toBeNull();
    expect(codeOf(() => assertMayManageMember('admin', 'developer', 'admin'))).toBeNull();
    expect(codeOf(() => assertMayManageMember('admin', 'admin'))).toBeNull();
    expect(codeOf(() => assertMayManageMember('admin', 'viewer', 'owner'))).toBe('403 forbidden');
    expect(codeOf(() => assertMayManageMember('admin', 'owner', 'admin'))).toBe('403 forbidden');
    expect(codeOf(() => assertMayManageMember('admin', 'owner'))).toBe('403 forbidden');
  });

  it('treats an admin-scoped API key as an admin', () => {
    expect(
      actingRole({
        type: 'user',
        tenantId: tenantIdFromCredential('t'),
        userId: 'u',
        email: 'e',
        role: 'owner',
      }),
    ).toBe('owner');
    expect(
      actingRole({
        type: 'api_key',
        tenantId: tenantIdFromCredential('t'),
        keyId: 'k',
        projectId: 'p',
        environmentId: 'e',
        keyPrefix: 'sk_live_abcd',
        scopes: ['admin'],
        grants: new Set(['admin']),
        expiresAt: null,
        rateLimitRpm: null,
        limits: { requestsPerMinute: 60, searchPerMinute: 30 },
        allowedIps: null,
        plan: 'free',
      }),
    ).toBe('admin');
  });

  it('refuses to leave a tenant without an active owner', () => {
    expect(codeOf(() => assertKeepsAnOwner(0, 'this'))).toBe('409 last_owner');
    expect(codeOf(() => assertKeepsAnOwner(1, 'this'))).toBeNull();
  });
});
