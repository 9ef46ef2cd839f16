import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expandScopes, ROLES, roleAtLeast, SCOPES, type Role, type Scope } from '../../src/common/scopes.js';
import {
  ACCESS_MATRIX,
  expectedRequirement,
  samplePath,
  type RouteAccess,
} from '../support/access-matrix.js';
import { startApp, type TestApp } from '../support/app.js';
import { member, mintKey, signup } from '../support/factories.js';
import { call } from '../support/http.js';
import { discoverRoutes, type DiscoveredRoute } from '../support/routes.js';

const ENTRIES = Object.entries(ACCESS_MATRIX) as Array<[string, RouteAccess]>;
const guarded = ENTRIES.filter(
  (entry): entry is [string, Exclude<RouteAccess, 'public'>] => entry[1] !== 'public',
);

/** A scope set that grants none of `required` (every scope but admin and those granting one of them). */
function scopesLacking(required: readonly Scope[]): Scope[] {
  return SCOPES.filter((s) => s !== 'admin' && !required.some((r) => expandScopes([s]).has(r)));
}

describe('access matrix (rules §1/§2): every route × credential', () => {
  let t: TestApp;
  let routes: DiscoveredRoute[];
  const tokens = {} as Record<Role, string>;
  const keyCache = new Map<string, string>();
  let tenantId: string;

  beforeAll(async () => {
    t = await startApp();
    // The MCP door (/mcp, outside /api/v1) is not a REST route: any valid key, or none for open_search
    // only; test/mcp/mcp.e2e-spec.ts checks its declaration and what each credential gets.
    routes = discoverRoutes(t.app).filter((r) => r.controller !== 'McpController');
    const owner = await signup(t);
    tenantId = owner.tenantId;
    // Many key requests in a row: lift the tenant's per-minute limit out of the way.
    await t.dataSource.query(`UPDATE tenants SET custom_requests_per_minute = 100000 WHERE id = $1`, [
      tenantId,
    ]);
    tokens.owner = owner.token;
    for (const role of ['admin', 'developer', 'viewer'] as const)
      tokens[role] = (await member(t, owner.tenantId, role)).token;
  });
  afterAll(() => t.close());

  const keyWith = async (scopes: Scope[]): Promise<string> => {
    const id = [...scopes].sort().join(',');
    let key = keyCache.get(id);
    if (!key) {
      key = (await mintKey(t, tenantId, { scopes })).key;
      keyCache.set(id, key);
    }
    return key;
  };

  /**
   * Raw call(), not the typed client: one probe for every route, whatever its contract — sample ids and
   * an empty JSON body (incomplete for most writes, and not multipart for the uploads). Only whether the
   * credential gets past authentication and authorization is read from the answer.
   */
  const request = (route: string, auth: { token?: string; apiKey?: string }) => {
    const [method, path] = route.split(' ');
    const body = method === 'GET' || method === 'DELETE' || method === 'HEAD' ? undefined : {};
    return call(t.baseUrl, method, samplePath(path), { ...auth, body });
  };

  it('finds the routes of the application', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map((r) => r.route)).toContain('GET /health');
  });

  it('declares every route with @Auth or @Public', () => {
    expect(routes.filter((r) => !r.declared).map((r) => `${r.route} (${r.handler})`)).toEqual([]);
  });

  it('has every route in the table, and no line without a route', () => {
    const missing = routes.filter((r) => !(r.route in ACCESS_MATRIX)).map((r) => `${r.route} (${r.handler})`);
    const stale = Object.keys(ACCESS_MATRIX).filter((key) => !routes.some((r) => r.route === key));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('declares on every route exactly the access the table (SPEC) gives it', () => {
    const drift = routes
      .filter((r) => r.declared && r.route in ACCESS_MATRIX)
      .map((r) => {
        const declared = r.declared!;
        const actual = {
          public: declared.public,
          role: declared.public ? undefined : declared.role,
          scopes: declared.public || !declared.scopes ? undefined : [...declared.scopes].sort(),
          refuseApiKeys: declared.refuseApiKeys,
        };
        const wanted = expectedRequirement(ACCESS_MATRIX[r.route]);
        return {
          route: r.route,
          actual,
          wanted: { ...wanted, scopes: wanted.scopes && [...wanted.scopes].sort() },
        };
      })
      .filter(({ actual, wanted }) => JSON.stringify(actual) !== JSON.stringify(wanted));
    expect(drift).toEqual([]);
  });

  it.each(ENTRIES.filter(([, access]) => access === 'public').map(([route]) => route))(
    '%s answers without a credential',
    async (route) => {
      const res = await request(route, {});
      expect([401, 403]).not.toContain(res.status);
    },
  );

  it.each(guarded)('%s: portal roles', async (route, access) => {
    const outcome: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const role of ROLES) {
      const res = await request(route, { token: tokens[role] });
      outcome[role] = [401, 403].includes(res.status) ? `${res.status} ${res.body?.error}` : 'allowed';
      wanted[role] =
        access.role === 'none'
          ? '401 invalid_key'
          : roleAtLeast(role, access.role)
            ? 'allowed'
            : '403 forbidden';
    }
    expect(outcome).toEqual(wanted);
    // And without any credential.
    expect((await request(route, {})).status).toBe(401);
  });

  it.each(guarded)('%s: API keys', async (route, access) => {
    const admin = await keyWith(['admin']);
    if (access.keys === 'none') {
      expect(await request(route, { apiKey: admin })).toMatchObject({
        status: 401,
        body: { error: 'invalid_token' },
      });
      return;
    }
    if (access.keys === 'forbidden') {
      expect(await request(route, { apiKey: admin })).toMatchObject({
        status: 403,
        body: { error: 'forbidden' },
      });
      return;
    }
    const required = [...access.keys];
    const holding = await keyWith(required.length > 0 ? required : ['search']);
    const allowed = await request(route, { apiKey: holding });
    expect(`${allowed.status} ${allowed.body?.error}`).not.toMatch(/^40[13] /);
    if (required.length > 0) {
      const lacking = await keyWith(scopesLacking(required));
      expect(await request(route, { apiKey: lacking })).toMatchObject({
        status: 403,
        body: { error: 'insufficient_scope', required_scopes: required },
      });
      const byAdmin = await request(route, { apiKey: admin });
      expect(`${byAdmin.status} ${byAdmin.body?.error}`).not.toMatch(/^40[13] /);
    }
  });
});
