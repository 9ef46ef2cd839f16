import { KeyUsageService } from '../../src/analytics/key-usage.service.js';
import type { Role } from '../../src/common/scopes.js';
import type { PlanName } from '../../src/tenancy/tenant.entity.js';
import type { TestApp } from '../support/app.js';
import { signup } from '../support/factories.js';

/** A new user who is a member of `tenantId` with `role`, and their portal token for that tenant. */
export async function member(
  t: TestApp,
  tenantId: string,
  role: Role,
): Promise<{ token: string; userId: string; email: string }> {
  const person = await signup(t);
  await t.dataSource.query(
    `INSERT INTO memberships (tenant_id, user_id, role, status) VALUES ($1, $2, $3, 'active')`,
    [tenantId, person.userId, role],
  );
  const { data, response } = await t.api.POST('/api/v1/portal/auth/login', {
    body: { email: person.email, password: person.password, tenant_id: tenantId },
  });
  if (response.status !== 200 || !data) throw new Error(`login failed: ${response.status}`);
  return { token: data.access_token, userId: person.userId, email: person.email };
}

export async function setPlan(t: TestApp, tenantId: string, plan: PlanName): Promise<void> {
  await t.dataSource.query(`UPDATE tenants SET plan = $2 WHERE id = $1`, [tenantId, plan]);
}

export async function until(
  predicate: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<void> {
  const start = Date.now();
  while (!(await predicate())) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function flushUsage(t: TestApp): Promise<void> {
  return t.app.get(KeyUsageService).flush();
}

export async function auditEvents(
  t: TestApp,
  tenantId: string,
  action: string,
): Promise<{ actor_type: string; actor_id: string | null; target_id: string | null; metadata: any }[]> {
  return t.dataSource.query(
    `SELECT actor_type, actor_id, target_id, metadata FROM audit_events WHERE tenant_id = $1 AND action = $2 ORDER BY seq`,
    [tenantId, action],
  );
}

/** Key id of the tenant's default project and its environments. */
export async function defaultProject(
  t: TestApp,
  tenantId: string,
): Promise<{ id: string; liveEnvironmentId: string; testEnvironmentId: string }> {
  const rows: { project_id: string; id: string; kind: string }[] = await t.dataSource.query(
    `SELECT e.project_id, e.id, e.kind FROM environments e JOIN projects p ON p.id = e.project_id
      WHERE p.tenant_id = $1 AND p.name = 'default'`,
    [tenantId],
  );
  return {
    id: rows[0].project_id,
    liveEnvironmentId: rows.find((r) => r.kind === 'live')!.id,
    testEnvironmentId: rows.find((r) => r.kind === 'test')!.id,
  };
}

export const KEY_VIEW_FIELDS = [
  'id',
  'project_id',
  'environment_id',
  'name',
  'key_prefix',
  'scopes',
  'status',
  'expires_at',
  'last_used_at',
  'created_at',
  'created_by',
  'revoked_at',
  'replaced_by_key_id',
  'grace_expires_at',
  'rotation_interval_days',
  'next_rotation_at',
  'rotation_webhook_url',
  'rate_limit',
].sort();

export const STORE_MESSAGE = 'Store this key securely — it cannot be retrieved again.';
export const OLD_KEY_INVALID_MESSAGE = 'Old key is now invalid. Update your applications immediately.';
export const KEY_FORMAT = /^sk_(live|test)_[0-9A-Za-z]{38}$/;
