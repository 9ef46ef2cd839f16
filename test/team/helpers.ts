import type { Role } from '../../src/common/scopes.js';
import type { TestApp } from '../support/app.js';
import { signup, type TestAccount } from '../support/factories.js';
import { call } from '../support/http.js';

/**
 * A new user who is a `role` member of `owner`'s tenant (membership inserted directly, for suites
 * that test what a role can do rather than how people join), with a token for that tenant.
 */
export async function memberOf(t: TestApp, owner: TestAccount, role: Role): Promise<TestAccount> {
  const user = await signup(t);
  await t.dataSource.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)`, [
    owner.tenantId,
    user.userId,
    role,
  ]);
  const switched = await call(t.baseUrl, 'POST', '/portal/auth/switch-tenant', {
    token: user.token,
    body: { tenant_id: owner.tenantId },
  });
  if (switched.status !== 200) throw new Error(`switch-tenant failed: ${switched.status} ${switched.text}`);
  return { ...user, tenantId: owner.tenantId, token: switched.body.access_token };
}

/** Audit events of the caller's tenant with this action, newest first. */
export async function auditOf(
  t: TestApp,
  token: string,
  action: string,
  extra: Record<string, string> = {},
): Promise<any[]> {
  const query = new URLSearchParams({ action, limit: '100', ...extra });
  const res = await call(t.baseUrl, 'GET', `/audit?${query.toString()}`, { token });
  if (res.status !== 200) throw new Error(`audit failed: ${res.status} ${res.text}`);
  return res.body.events;
}

export async function until<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One invitation of the list, by id. */
export async function invitationById(t: TestApp, token: string, id: string): Promise<any> {
  const res = await call(t.baseUrl, 'GET', '/team/invitations?limit=100', { token });
  if (res.status !== 200) throw new Error(`list invitations failed: ${res.status} ${res.text}`);
  return (res.body.invitations as any[]).find((i) => i.invitation_id === id);
}

export function decodeJwt(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}
