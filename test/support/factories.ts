import { randomUUID } from 'node:crypto';
import {
  generateApiKey,
  hashApiKey,
  keyPrefix,
  type KeyEnvironmentKind,
} from '../../src/api-keys/api-key-format.js';
import type { Role, Scope } from '../../src/common/scopes.js';
import { ChangeFeed, type ChangeEvent } from '../../src/database/change-feed.service.js';
import { TenantAdminService } from '../../src/tenancy/tenant-admin.service.js';
import type { PlanName } from '../../src/common/vocabulary.js';
import type { TestApp } from './app.js';
import { TEST_API_KEY_SALT } from './app.js';
import { call } from './http.js';
import { tenantIdFromCredential, type TenantId } from '../../src/common/tenant-id.js';

export interface TestAccount {
  email: string;
  password: string;
  token: string;
  userId: string;
  tenantId: TenantId;
}

export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${randomUUID()}@example.test`;
}

/** A new user with their own tenant (owner), through the public signup route. */
export async function signup(
  t: TestApp,
  overrides: { email?: string; password?: string; company?: string } = {},
): Promise<TestAccount> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? 'correct horse battery';
  const { data, response } = await t.api.POST('/api/v1/portal/auth/signup', {
    body: { email, password, company: overrides.company ?? `Tenant ${email}` },
  });
  if (response.status !== 201 || !data) throw new Error(`signup failed: ${response.status}`);
  return {
    email,
    password,
    token: data.access_token,
    userId: data.user.user_id,
    // The signup's answer is the test's credential for this tenant.
    tenantId: tenantIdFromCredential(data.tenant.tenant_id),
  };
}

/**
 * A new user who is a `role` member of `tenantId`, signed in to that tenant. The membership is written
 * directly: for suites that test what a role can do, not how people join (test/team/invitations does that).
 */
export async function member(t: TestApp, tenantId: string, role: Role): Promise<TestAccount> {
  const person = await signup(t);
  await t.dataSource.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)`, [
    tenantId,
    person.userId,
    role,
  ]);
  const { data, response } = await t.api.POST('/api/v1/portal/auth/switch-tenant', {
    headers: { authorization: `Bearer ${person.token}` },
    body: { tenant_id: tenantId },
  });
  if (response.status !== 200 || !data) throw new Error(`switch-tenant failed: ${response.status}`);
  return { ...person, tenantId: tenantIdFromCredential(tenantId), token: data.access_token };
}

/**
 * Puts a tenant on a plan as the operator does (`npm run cli -- tenants set-plan`): audited
 * `plan.changed`, and published through the change feed, so keys of the tenant that this app has
 * cached see the new plan's limits from their next request (a raw `UPDATE tenants` would leave them
 * on the old limits for up to the cache's 60 s).
 */
export async function setPlan(t: TestApp, tenantId: string, plan: PlanName): Promise<void> {
  await t.app.get(TenantAdminService).setPlan(tenantId, plan, { type: 'system', id: null });
}

export interface MintedKey {
  id: string;
  key: string;
  projectId: string;
  environmentId: string;
}

/**
 * Mints an API key straight into the database (for suites that test what a key can do, not how keys
 * are made). Defaults: the tenant's `default` project, its production (live) environment.
 */
export async function mintKey(
  t: TestApp,
  tenantId: string,
  options: {
    scopes?: Scope[];
    kind?: KeyEnvironmentKind;
    expiresAt?: Date | null;
    rateLimitRpm?: number | null;
    name?: string;
    /** This exact raw key instead of a fresh one. */
    key?: string;
  } = {},
): Promise<MintedKey> {
  const kind = options.kind ?? 'live';
  const [env] = (await t.dataSource.query(
    `SELECT e.id, e.project_id FROM environments e JOIN projects p ON p.id = e.project_id
      WHERE p.tenant_id = $1 AND p.name = 'default' AND e.kind = $2 ORDER BY e.created_at LIMIT 1`,
    [tenantId, kind],
  )) as { id: string; project_id: string }[];
  if (!env) throw new Error('tenant has no default project');
  const key = options.key ?? generateApiKey(kind);
  const [row] = (await t.dataSource.query(
    `INSERT INTO api_keys (tenant_id, project_id, environment_id, name, key_prefix, key_hash, scopes, expires_at, created_by_type, rate_limit_rpm)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'system', $9) RETURNING id`,
    [
      tenantId,
      env.project_id,
      env.id,
      options.name ?? 'test key',
      keyPrefix(key),
      hashApiKey(TEST_API_KEY_SALT, key),
      options.scopes ?? ['admin'],
      options.expiresAt ?? null,
      options.rateLimitRpm ?? null,
    ],
  )) as { id: string }[];
  return { id: row.id, key, projectId: env.project_id, environmentId: env.id };
}

/** A tenant (through signup) and an API key of it. */
export async function tenantWithKey(
  t: TestApp,
  scopes: Scope[] = ['admin'],
): Promise<TestAccount & { apiKey: MintedKey }> {
  const account = await signup(t);
  return { ...account, apiKey: await mintKey(t, account.tenantId, { scopes }) };
}

export { call };

/**
 * For tests that change key or tenant rows with raw SQL: tell the caches what the real services tell
 * them through the change feed (notify other instances, forget locally).
 */
export async function publishChange(t: TestApp, event: ChangeEvent): Promise<void> {
  const feed = t.app.get(ChangeFeed);
  await t.dataSource.transaction((manager) => feed.notify(manager, event));
  feed.dispatch(event);
}
