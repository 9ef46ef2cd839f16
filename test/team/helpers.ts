import type { TestApp } from '../support/app.js';
import { call } from '../support/http.js';

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

/** One invitation of the list, by id. */
export async function invitationById(t: TestApp, token: string, id: string): Promise<any> {
  const res = await call(t.baseUrl, 'GET', '/team/invitations?limit=100', { token });
  if (res.status !== 200) throw new Error(`list invitations failed: ${res.status} ${res.text}`);
  return (res.body.invitations as any[]).find((i) => i.invitation_id === id);
}

export function decodeJwt(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}
