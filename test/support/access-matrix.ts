import type { AuthRequirement } from '../../src/common/auth.decorator.js';
import type { Role, Scope } from '../../src/common/scopes.js';

/**
 * rules §1/§2 access rules of every route, written out by hand from the SPEC — deliberately NOT
 * derived from the @Auth decorators, so that a decorator that drifts from the SPEC fails the
 * access-matrix suite (test/team/access-matrix.e2e-spec.ts).
 *
 * Key: `METHOD /path` without the `/api/v1` prefix, path parameters as `{name}` (as in openapi.json).
 * Value: `'public'` (no credential), or
 *   - `role`: the weakest portal role (JWT) allowed (owner > admin > developer > viewer), or
 *     `'none'` when portal tokens are not accepted at all (401);
 *   - `keys`: the scopes an API key needs (`[]` = any valid key), `'none'` when API keys are not
 *     accepted at all (401, e.g. `/portal/**`), or `'forbidden'` when keys are authenticated but
 *     always refused with 403 `forbidden` (`PATCH /settings/**`).
 *
 * Adding a route: add one line here. The suite fails for a route missing from this table, a line
 * without a route, or a route without @Auth/@Public.
 */
export type RouteAccess =
  | 'public'
  | {
      role: Role | 'none';
      keys: readonly Scope[] | 'none' | 'forbidden';
    };

/** Portal routes: JWT only, every member (rules §2 "viewer: every read in the portal"). */
const portal = (role: Role = 'viewer'): RouteAccess => ({ role, keys: 'none' });

export const ACCESS_MATRIX: Record<string, RouteAccess> = {
  // §8 operations
  'GET /health': 'public',

  // §1 API-key introspection: any valid key, never a portal token.
  'GET /auth/whoami': { role: 'none', keys: [] },

  // §3 portal accounts and sessions
  'POST /portal/auth/signup': 'public',
  'POST /portal/auth/login': 'public',
  'POST /portal/auth/switch-tenant': portal(),
  'GET /portal/tenants': portal(),
  'GET /portal/account': portal(),
  'PATCH /portal/account': portal(),
  'POST /portal/account/password': portal(),

  // §6 invitations: accepting needs only a session of the invited user (any role in their own tenant).
  'POST /portal/invitations/accept': portal(),

  // §6 team: admin scope for keys; reads for every member, changes for admins (§2 "admin: + team and
  // invitations"); owner-specific rules (granting owner, last owner) are checked in the service.
  'GET /team/members': { role: 'viewer', keys: ['admin'] },
  'PATCH /team/members/{user_id}': { role: 'admin', keys: ['admin'] },
  'DELETE /team/members/{user_id}': { role: 'admin', keys: ['admin'] },
  'POST /team/members/{user_id}/block': { role: 'admin', keys: ['admin'] },
  'POST /team/members/{user_id}/unblock': { role: 'admin', keys: ['admin'] },
  'GET /team/invitations': { role: 'viewer', keys: ['admin'] },
  'POST /team/invitations': { role: 'admin', keys: ['admin'] },
  'DELETE /team/invitations/{id}': { role: 'admin', keys: ['admin'] },

  // §6 settings: read by members and admin keys; changed by owner/admin sessions, never by a key.
  'GET /settings/security': { role: 'viewer', keys: ['admin'] },
  'PATCH /settings/security': { role: 'admin', keys: 'forbidden' },

  // §6 audit (§2 "admin: + ... audit")
  'GET /audit': { role: 'admin', keys: ['audit:read'] },

  // §4 API keys, door 1: API keys only (keys:read / keys:write).
  'GET /auth/keys': { role: 'none', keys: ['keys:read'] },
  'GET /auth/keys/{id}': { role: 'none', keys: ['keys:read'] },
  'POST /auth/keys': { role: 'none', keys: ['keys:write'] },
  'POST /auth/keys/{id}/rotate': { role: 'none', keys: ['keys:write'] },
  'DELETE /auth/keys/{id}': { role: 'none', keys: ['keys:write'] },

  // §4 door 2: portal (JWT) only; §2 developers create/rotate/revoke, viewers read.
  'GET /portal/keys': portal(),
  'GET /portal/keys/{id}': portal(),
  'GET /portal/keys/{id}/usage': portal(),
  'POST /portal/keys': portal('developer'),
  'POST /portal/keys/{id}/rotate': portal('developer'),
  'DELETE /portal/keys/{id}': portal('developer'),

  // §4 door 3: either credential.
  'GET /api-keys': { role: 'viewer', keys: ['keys:read'] },
  'GET /api-keys/{id}': { role: 'viewer', keys: ['keys:read'] },
  'POST /api-keys': { role: 'developer', keys: ['keys:write'] },
  'POST /api-keys/{id}/rotate': { role: 'developer', keys: ['keys:write'] },
  'DELETE /api-keys/{id}': { role: 'developer', keys: ['keys:write'] },

  // §4 projects: reads for every member, writes for admins (§2 "admin: + projects"); keys:read / keys:write.
  'GET /projects': { role: 'viewer', keys: ['keys:read'] },
  'GET /projects/{id}': { role: 'viewer', keys: ['keys:read'] },
  'GET /projects/{id}/environments': { role: 'viewer', keys: ['keys:read'] },
  'POST /projects': { role: 'admin', keys: ['keys:write'] },
  'PATCH /projects/{id}': { role: 'admin', keys: ['keys:write'] },
  'DELETE /projects/{id}': { role: 'admin', keys: ['keys:write'] },
  'POST /projects/{id}/environments': { role: 'admin', keys: ['keys:write'] },

  // §4/§6 webhook signing secret: admins; keys need admin (GET /settings/**; rotating is a POST, not a PATCH).
  'GET /settings/webhooks': { role: 'admin', keys: ['admin'] },
  'POST /settings/webhooks/rotate-secret': { role: 'admin', keys: ['admin'] },
  // §11 tenant event endpoints: admins; PATCH /settings/** refuses every API key.
  'GET /settings/webhooks/endpoints': { role: 'admin', keys: ['admin'] },
  'POST /settings/webhooks/endpoints': { role: 'admin', keys: ['admin'] },
  'GET /settings/webhooks/endpoints/{id}': { role: 'admin', keys: ['admin'] },
  'PATCH /settings/webhooks/endpoints/{id}': { role: 'admin', keys: 'forbidden' },
  'DELETE /settings/webhooks/endpoints/{id}': { role: 'admin', keys: ['admin'] },
  'POST /settings/webhooks/endpoints/{id}/test': { role: 'admin', keys: ['admin'] },
  'GET /settings/webhooks/endpoints/{id}/deliveries': { role: 'admin', keys: ['admin'] },

  // §5 data API: API keys only, by the §2 scope table.
  'POST /search/{collection}': { role: 'none', keys: ['search'] },
  'POST /ingest/{collection}/{record_type}': { role: 'none', keys: ['ingest'] },
  'PUT /schemas/{collection}/{record_type}': { role: 'none', keys: ['ingest'] },
  'POST /upload/{collection}/{record_type}/upload': { role: 'none', keys: ['upload'] },
  'GET /uploads': { role: 'none', keys: ['upload'] },
  'GET /uploads/{id}': { role: 'none', keys: ['upload'] },
  'GET /collections': { role: 'none', keys: ['entities:read'] },
  'GET /schemas/{collection}': { role: 'none', keys: ['entities:read'] },
  'GET /entities/{collection}': { role: 'none', keys: ['entities:read'] },
  'GET /entities/{collection}/{id}': { role: 'none', keys: ['entities:read'] },
  'POST /entities/{collection}/{record_type}': { role: 'none', keys: ['entities:write'] },
  'PATCH /entities/{collection}/{id}': { role: 'none', keys: ['entities:write'] },
  'DELETE /entities/{collection}/{id}': { role: 'none', keys: ['entities:write'] },
  'DELETE /collections/{name}': { role: 'none', keys: ['admin'] },
  'GET /export/{collection}': { role: 'none', keys: ['admin'] },
  'POST /reindex/{collection}': { role: 'none', keys: ['admin'] },
  'POST /open/search': 'public',

  // §5 portal mirrors (JWT): viewers read and search; developers write schemas, uploads and records;
  // admins delete collections (and export / reindex, the admin-scope operations).
  'GET /portal/collections': portal(),
  'GET /portal/records': portal(),
  'GET /portal/records/{collection}/{id}': portal(),
  'GET /portal/schemas/{collection}': portal(),
  'GET /portal/uploads': portal(),
  'GET /portal/uploads/{id}': portal(),
  'POST /portal/search/{collection}': portal(),
  'PUT /portal/schemas/{collection}/{record_type}': portal('developer'),
  'POST /portal/upload/{collection}/{record_type}/upload': portal('developer'),
  'POST /portal/ingest/{collection}/{record_type}': portal('developer'),
  'POST /portal/records/{collection}/{record_type}': portal('developer'),
  'PATCH /portal/records/{collection}/{id}': portal('developer'),
  'DELETE /portal/records/{collection}/{id}': portal('developer'),
  'DELETE /portal/collections/{name}': portal('admin'),
  'GET /portal/export/{collection}': portal('admin'),
  'POST /portal/reindex/{collection}': portal('admin'),

  // §7 usage and analytics: usage:read for keys; every member reads in the portal; only owners change the plan (§2).
  'GET /usage': { role: 'none', keys: ['usage:read'] },
  'GET /analytics': { role: 'none', keys: ['usage:read'] },
  'GET /portal/usage': portal(),
  'GET /portal/analytics': portal(),
  'GET /portal/quickstart': portal(),
  'PUT /portal/plan': portal('owner'),
};

/** The table's rule in the shape of a declaration, to compare with what the code declares. */
export function expectedRequirement(access: RouteAccess): Omit<AuthRequirement, 'refuseApiKeys'> & {
  refuseApiKeys: boolean;
} {
  if (access === 'public') return { public: true, refuseApiKeys: false };
  return {
    public: false,
    role: access.role === 'none' ? undefined : access.role,
    scopes: Array.isArray(access.keys) ? [...(access.keys as Scope[])] : undefined,
    refuseApiKeys: access.keys === 'forbidden',
  };
}

/** A path of the route with every parameter filled (with ids that name nothing). */
export function samplePath(path: string): string {
  return path.replace(/\{[^}]+\}/g, (param) =>
    /name|collection|record_type/.test(param) ? 'no-such-thing' : '00000000-0000-4000-8000-000000000000',
  );
}
