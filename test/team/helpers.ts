import type { components, operations } from '../generated/api.js';
import type { TestApp } from '../support/app.js';
import { bearer } from '../support/http.js';

type AuditQuery = NonNullable<operations['listAuditEvents']['parameters']['query']>;

/** Audit events of the caller's tenant with this action, newest first. */
export async function auditOf(
  t: TestApp,
  token: string,
  action: components['schemas']['AuditAction'],
  extra: Omit<AuditQuery, 'action' | 'limit'> = {},
): Promise<components['schemas']['AuditEventDto'][]> {
  const { data, error, response } = await t.api.GET('/api/v1/audit', {
    headers: bearer(token),
    params: { query: { action, limit: 100, ...extra } },
  });
  if (!data) throw new Error(`audit failed: ${response.status} ${JSON.stringify(error)}`);
  return data.events;
}

/** One invitation of the list, by id (throws when the list does not hold it). */
export async function invitationById(
  t: TestApp,
  token: string,
  id: string,
): Promise<components['schemas']['InvitationDto']> {
  const { data, error, response } = await t.api.GET('/api/v1/team/invitations', {
    headers: bearer(token),
    params: { query: { limit: 100 } },
  });
  if (!data) throw new Error(`list invitations failed: ${response.status} ${JSON.stringify(error)}`);
  const invitation = data.invitations.find((i) => i.invitation_id === id);
  if (!invitation) throw new Error(`no invitation ${id} among the first 100`);
  return invitation;
}

export function decodeJwt(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}
