import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { InvitationMailer } from '../../src/team/invitation-mailer.service.js';
import { startApp, type TestApp } from '../support/app.js';
import { member, mintKey, signup, type TestAccount, uniqueEmail } from '../support/factories.js';
import type { components } from '../generated/api.js';
import { bearer, call, outcome } from '../support/http.js';
import { auditOf, decodeJwt, invitationById } from './helpers.js';
import { SmtpSink, tokenFromText } from './smtp-sink.js';
import { until } from '../support/until.js';

const PUBLIC_BASE_URL = 'https://portal.cistern.test';

describe('team invitations (rules §6) with a real SMTP server', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let owner: TestAccount;

  beforeAll(async () => {
    sink = await SmtpSink.start(30_000);
    t = await startApp({ env: { SMTP_URL: sink.url, PUBLIC_BASE_URL } });
    owner = await signup(t);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const invite = (credential: string, body: components['schemas']['CreateInvitationDto']) =>
    t.api.POST('/api/v1/team/invitations', { headers: bearer(credential), body });
  /** Raw: for bodies outside the contract. */
  const inviteRaw = (token: string, body: unknown) =>
    call(t.baseUrl, 'POST', '/team/invitations', { token, body });
  const accept = (token: string, invitationToken: string) =>
    t.api.POST('/api/v1/portal/invitations/accept', {
      headers: bearer(token),
      body: { token: invitationToken },
    });
  const revoke = (token: string, id: string) =>
    t.api.DELETE('/api/v1/team/invitations/{id}', { headers: bearer(token), params: { path: { id } } });
  const dispatchStatus = async (id: string, token = owner.token) =>
    (await invitationById(t, token, id))?.email_dispatch_status as string | undefined;

  it('answers 201 queued while the mail server stalls: the request never waits for SMTP', async () => {
    // A first invitation whose mail the server holds in the DATA phase for 30 s.
    const stalledEmail = `stall-${uniqueEmail()}`;
    const first = await invite(owner.token, { email: stalledEmail, role: 'developer' });
    expect(first.response.status).toBe(201);
    await sink.until(() => sink.stallOf(stalledEmail));

    // While the server is stalled (the mail worker is inside an SMTP session), another invitation
    // is answered: the request does not depend on the mail server at all.
    const secondEmail = `stall-${uniqueEmail()}`;
    const second = await invite(owner.token, { email: secondEmail, role: 'viewer' });
    expect(sink.stallOf(stalledEmail)!.ended).toBe(false);
    expect(second.response.status).toBe(201);
    expect(second.data).toEqual({
      invitation_id: expect.any(String),
      email: secondEmail,
      role: 'viewer',
      expires_at: expect.any(String),
      email_dispatch_status: 'queued',
    });
    const days = (Date.parse(second.data!.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    // Still stalled, so still queued: nothing has been claimed as sent.
    expect(await dispatchStatus(first.data!.invitation_id)).toBe('queued');
    expect(sink.stallOf(stalledEmail)!.ended).toBe(false);
  });

  it('moves email_dispatch_status to sent and mails the accept link', async () => {
    const email = uniqueEmail('Dana');
    const res = await invite(owner.token, { email: email.toUpperCase(), role: 'developer' });
    expect(res.response.status).toBe(201);
    expect(res.data!.email).toBe(email.toLowerCase());
    const mail = await sink.until(() => sink.mailTo(email.toLowerCase()));
    expect(mail.subject).toContain('invited');
    expect(mail.text).toContain(`${PUBLIC_BASE_URL}/invitations/accept?token=`);
    expect(mail.text).toContain('developer');
    const token = tokenFromText(mail.text);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
    await until(
      async () => (await dispatchStatus(res.data!.invitation_id)) === 'sent',
      20_000,
      'status sent',
    );

    const [event] = await auditOf(t, owner.token, 'invitation.email_sent', {
      target_id: res.data!.invitation_id,
    });
    expect(event).toMatchObject({
      actor: { type: 'system' },
      target: { type: 'invitation', id: res.data!.invitation_id },
      metadata: { email: email.toLowerCase(), transport: 'smtp' },
    });
  });

  it('stores the token only hashed: neither the invitation nor its finished job holds it', async () => {
    const email = uniqueEmail();
    const res = await invite(owner.token, { email, role: 'viewer' });
    const token = tokenFromText((await sink.until(() => sink.mailTo(email))).text);
    await until(async () => (await dispatchStatus(res.data!.invitation_id)) === 'sent');
    const [row] = await t.dataSource.query(`SELECT to_jsonb(i) AS row FROM invitations i WHERE id = $1`, [
      res.data!.invitation_id,
    ]);
    expect(JSON.stringify(row.row)).not.toContain(token);
    expect(row.row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const jobs = await t.dataSource.query(`SELECT payload FROM jobs WHERE payload->>'invitation_id' = $1`, [
      res.data!.invitation_id,
    ]);
    expect(jobs).toHaveLength(1);
    expect(JSON.stringify(jobs[0].payload)).not.toContain(token);
    expect(jobs[0].payload.sealed_token).toBeUndefined();
  });

  it('moves email_dispatch_status to failed when the server refuses the mail, audited', async () => {
    const email = `reject-${uniqueEmail()}`;
    const res = await invite(owner.token, { email, role: 'viewer' });
    expect(res.data!.email_dispatch_status).toBe('queued');
    await until(
      async () => (await dispatchStatus(res.data!.invitation_id)) === 'failed',
      20_000,
      'status failed',
    );
    const [event] = await auditOf(t, owner.token, 'invitation.email_failed', {
      target_id: res.data!.invitation_id,
    });
    expect(event.metadata).toMatchObject({ email, permanent: true });
    expect(event.metadata.error).toMatch(/550|Mailbox unavailable|rejected/i);
    // The invitation itself stays usable (e.g. the link can be passed on by other means).
    expect((await invitationById(t, owner.token, res.data!.invitation_id)).status).toBe('pending');
  });

  it('invite → mail → accept → act as a developer, refused where developers are refused', async () => {
    const invitee = await signup(t);
    const res = await invite(owner.token, { email: invitee.email, role: 'developer' });
    expect(res.response.status).toBe(201);
    const token = tokenFromText((await sink.until(() => sink.mailTo(invitee.email))).text);

    const joined = await accept(invitee.token, token);
    expect(joined.response.status).toBe(200);
    expect(joined.data).toEqual({
      tenant_id: owner.tenantId,
      role: 'developer',
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
    });
    const claims = decodeJwt(joined.data!.access_token);
    expect(claims).toMatchObject({ sub: invitee.userId, tid: owner.tenantId, role: 'developer' });
    const dev = joined.data!.access_token;

    // Acts in the owner's tenant as a developer.
    const account = await t.api.GET('/api/v1/portal/account', { headers: bearer(dev) });
    expect(account.data).toMatchObject({
      tenant_id: owner.tenantId,
      role: 'developer',
      user_id: invitee.userId,
    });
    const members = await t.api.GET('/api/v1/team/members', { headers: bearer(dev) });
    expect(members.response.status).toBe(200);
    expect(members.data!.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user_id: invitee.userId, role: 'developer', status: 'active' }),
        expect.objectContaining({ user_id: owner.userId, role: 'owner' }),
      ]),
    );
    // Refused where developers are refused (rules §2: team, settings and audit are admin matters).
    const headers = bearer(dev);
    const ownerPath = { path: { user_id: owner.userId } };
    const probes: [string, string, () => Promise<{ response: Response; error?: { error: string } }>][] = [
      ['POST', '/team/invitations', () => invite(dev, { email: uniqueEmail(), role: 'viewer' })],
      [
        'PATCH',
        '/settings/security',
        () => t.api.PATCH('/api/v1/settings/security', { headers, body: { session_ttl_minutes: 30 } }),
      ],
      [
        'PATCH',
        `/team/members/${owner.userId}`,
        () =>
          t.api.PATCH('/api/v1/team/members/{user_id}', {
            headers,
            params: ownerPath,
            body: { role: 'viewer' },
          }),
      ],
      [
        'POST',
        `/team/members/${owner.userId}/block`,
        () => t.api.POST('/api/v1/team/members/{user_id}/block', { headers, params: ownerPath }),
      ],
      [
        'DELETE',
        `/team/members/${owner.userId}`,
        () => t.api.DELETE('/api/v1/team/members/{user_id}', { headers, params: ownerPath }),
      ],
      ['DELETE', `/team/invitations/${res.data!.invitation_id}`, () => revoke(dev, res.data!.invitation_id)],
      ['GET', '/audit', () => t.api.GET('/api/v1/audit', { headers })],
    ];
    for (const [method, path, send] of probes) {
      const refused = await send();
      expect({ method, path, status: refused.response.status, error: refused.error?.error }).toEqual({
        method,
        path,
        status: 403,
        error: 'forbidden',
      });
    }

    // The invitation is used up: accepted in the list, and the link works once only.
    expect((await invitationById(t, owner.token, res.data!.invitation_id)).status).toBe('accepted');
    const again = await accept(invitee.token, token);
    expect(outcome(again)).toMatchObject({ status: 409, body: { error: 'conflict' } });
    expect(again.error!.detail).toMatch(/already been used/);

    const [joinedEvent] = await auditOf(t, owner.token, 'member.joined', { target_id: invitee.userId });
    expect(joinedEvent).toMatchObject({
      actor: { type: 'user', id: invitee.userId },
      metadata: { role: 'developer', invitation_id: res.data!.invitation_id },
    });
    const [invitedEvent] = await auditOf(t, owner.token, 'member.invited', {
      target_id: res.data!.invitation_id,
    });
    expect(invitedEvent).toMatchObject({
      actor: { type: 'user', id: owner.userId },
      metadata: { email: invitee.email, role: 'developer' },
    });
  });

  it('accepts only for the invited email (case-insensitive), and a token used concurrently joins once', async () => {
    const invitee = await signup(t, { email: uniqueEmail('Mixed.Case') });
    const stranger = await signup(t);
    const res = await invite(owner.token, { email: invitee.email.toUpperCase(), role: 'viewer' });
    const token = tokenFromText((await sink.until(() => sink.mailTo(invitee.email.toLowerCase()))).text);

    const wrong = await accept(stranger.token, token);
    expect(outcome(wrong)).toMatchObject({ status: 403, body: { error: 'forbidden' } });

    const answers = await Promise.all([accept(invitee.token, token), accept(invitee.token, token)]);
    expect(answers.map((a) => a.response.status).sort()).toEqual([200, 409]);
    const [membership] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM memberships WHERE tenant_id = $1 AND user_id = $2`,
      [owner.tenantId, invitee.userId],
    );
    expect(membership.n).toBe(1);
    expect((await invitationById(t, owner.token, res.data!.invitation_id)).status).toBe('accepted');
  });

  it('refuses unknown, revoked and expired tokens, and a JWT-less or API-key accept', async () => {
    const invitee = await signup(t);
    expect(outcome(await accept(invitee.token, 'x'.repeat(43)))).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
    // Raw: an empty token is outside the contract.
    expect(
      await call(t.baseUrl, 'POST', '/portal/invitations/accept', {
        token: invitee.token,
        body: { token: '' },
      }),
    ).toMatchObject({
      status: 422,
      body: { error: 'validation_error' },
    });

    const revoked = await invite(owner.token, { email: invitee.email, role: 'viewer' });
    const revokedToken = tokenFromText((await sink.until(() => sink.mailTo(invitee.email))).text);
    const del = await revoke(owner.token, revoked.data!.invitation_id);
    expect(del.response.status).toBe(204);
    const afterRevoke = await accept(invitee.token, revokedToken);
    expect(outcome(afterRevoke)).toMatchObject({ status: 409, body: { error: 'conflict' } });
    expect(afterRevoke.error!.detail).toMatch(/revoked/);
    expect((await invitationById(t, owner.token, revoked.data!.invitation_id)).status).toBe('revoked');
    const [revokedEvent] = await auditOf(t, owner.token, 'invitation.revoked', {
      target_id: revoked.data!.invitation_id,
    });
    expect(revokedEvent).toMatchObject({
      actor: { type: 'user', id: owner.userId },
      metadata: { reason: 'revoked' },
    });
    // Revoking again is a no-op.
    expect((await revoke(owner.token, revoked.data!.invitation_id)).response.status).toBe(204);
    expect(
      await auditOf(t, owner.token, 'invitation.revoked', { target_id: revoked.data!.invitation_id }),
    ).toHaveLength(1);

    const other = await signup(t);
    const expiring = await invite(owner.token, { email: other.email, role: 'viewer' });
    const expiringToken = tokenFromText((await sink.until(() => sink.mailTo(other.email))).text);
    await t.dataSource.query(
      `UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [expiring.data!.invitation_id],
    );
    const expired = await accept(other.token, expiringToken);
    expect(outcome(expired)).toMatchObject({ status: 409, body: { error: 'conflict' } });
    expect(expired.error!.detail).toMatch(/expired/);
    expect((await invitationById(t, owner.token, expiring.data!.invitation_id)).status).toBe('expired');

    expect(
      outcome(await t.api.POST('/api/v1/portal/invitations/accept', { body: { token: expiringToken } })),
    ).toMatchObject({
      status: 401,
      body: { error: 'unauthenticated' },
    });
    const key = await mintKey(t, other.tenantId, { scopes: ['admin'] });
    expect(outcome(await accept(key.key, expiringToken))).toMatchObject({
      status: 401,
      body: { error: 'invalid_token' },
    });
  });

  it('re-inviting a pending email replaces the invitation: the old link stops working', async () => {
    const invitee = await signup(t);
    const first = await invite(owner.token, { email: invitee.email, role: 'viewer' });
    const firstToken = tokenFromText((await sink.until(() => sink.mailTo(invitee.email))).text);
    const second = await invite(owner.token, { email: invitee.email, role: 'admin' });
    expect(second.response.status).toBe(201);
    expect(second.data!.invitation_id).not.toBe(first.data!.invitation_id);
    const secondToken = tokenFromText(
      (await sink.until(() => sink.mails.filter((m) => m.to.includes(invitee.email))[1])).text,
    );
    expect(secondToken).not.toBe(firstToken);

    expect((await invitationById(t, owner.token, first.data!.invitation_id)).status).toBe('revoked');
    expect(outcome(await accept(invitee.token, firstToken))).toMatchObject({ status: 409 });
    expect(outcome(await accept(invitee.token, secondToken))).toMatchObject({
      status: 200,
      body: { role: 'admin' },
    });
    const [replaced] = await auditOf(t, owner.token, 'invitation.revoked', {
      target_id: first.data!.invitation_id,
    });
    expect(replaced.metadata).toMatchObject({ reason: 'replaced', replaced_by: second.data!.invitation_id });
  });

  it('refuses to invite an existing member (409), and lets only owners invite owners', async () => {
    const admin = await member(t, owner.tenantId, 'admin');
    expect(outcome(await invite(owner.token, { email: admin.email, role: 'viewer' }))).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
    expect(
      outcome(await invite(owner.token, { email: owner.email.toUpperCase(), role: 'viewer' })),
    ).toMatchObject({
      status: 409,
    });

    const byAdmin = await invite(admin.token, { email: uniqueEmail(), role: 'owner' });
    expect(outcome(byAdmin)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    for (const role of ['admin', 'developer', 'viewer'] as const) {
      expect((await invite(admin.token, { email: uniqueEmail(), role })).response.status).toBe(201);
    }
    const ownerInvite = await invite(owner.token, { email: uniqueEmail(), role: 'owner' });
    expect(outcome(ownerInvite)).toMatchObject({ status: 201, body: { role: 'owner' } });
    // ... and only owners withdraw an owner invitation.
    expect(outcome(await revoke(admin.token, ownerInvite.data!.invitation_id))).toMatchObject({
      status: 403,
    });

    // An admin-scoped API key acts as an admin: it invites, but never owners.
    const key = await mintKey(t, owner.tenantId, { scopes: ['admin'] });
    const byKey = await invite(key.key, { email: uniqueEmail(), role: 'developer' });
    expect(byKey.response.status).toBe(201);
    const [keyEvent] = await auditOf(t, owner.token, 'member.invited', {
      target_id: byKey.data!.invitation_id,
    });
    expect(keyEvent.actor).toEqual({ type: 'api_key', id: key.id });
    expect(outcome(await invite(key.key, { email: uniqueEmail(), role: 'owner' }))).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    const narrow = await mintKey(t, owner.tenantId, { scopes: ['keys:write', 'audit:read'] });
    expect(outcome(await invite(narrow.key, { email: uniqueEmail(), role: 'viewer' }))).toMatchObject({
      status: 403,
      body: { error: 'insufficient_scope', required_scopes: ['admin'] },
    });
  });

  it('validates the body (422 with field errors, unknown fields included)', async () => {
    // Raw: these bodies are outside the contract.
    const bad = await inviteRaw(owner.token, { email: 'not-an-email', role: 'superuser', extra: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toBe('validation_error');
    expect((bad.body.errors as any[]).map((e) => e.field).sort()).toEqual(['email', 'extra', 'role']);
    expect((await inviteRaw(owner.token, {})).status).toBe(422);
  });

  it('lists every status newest first; other tenants see nothing and get 404 on revoke', async () => {
    const fresh = await signup(t);
    const a = await invite(fresh.token, { email: uniqueEmail(), role: 'viewer' });
    const b = await invite(fresh.token, { email: uniqueEmail(), role: 'developer' });
    await revoke(fresh.token, a.data!.invitation_id);
    const list = await t.api.GET('/api/v1/team/invitations', { headers: bearer(fresh.token) });
    expect(list.response.status).toBe(200);
    expect(list.data!.invitations).toEqual([
      {
        invitation_id: b.data!.invitation_id,
        email: b.data!.email,
        role: 'developer',
        status: 'pending',
        email_dispatch_status: expect.stringMatching(/^(queued|sent)$/),
        expires_at: b.data!.expires_at,
        created_at: expect.any(String),
      },
      expect.objectContaining({ invitation_id: a.data!.invitation_id, status: 'revoked' }),
    ]);
    const paged = await t.api.GET('/api/v1/team/invitations', {
      headers: bearer(fresh.token),
      params: { query: { limit: 1, offset: 1 } },
    });
    expect(paged.data!.invitations.map((i) => i.invitation_id)).toEqual([a.data!.invitation_id]);
    // Raw: limit=0 is outside the contract.
    expect((await call(t.baseUrl, 'GET', '/team/invitations?limit=0', { token: fresh.token })).status).toBe(
      422,
    );

    const outsider = await signup(t);
    expect(
      (await t.api.GET('/api/v1/team/invitations', { headers: bearer(outsider.token) })).data!.invitations,
    ).toEqual([]);
    expect(outcome(await revoke(outsider.token, b.data!.invitation_id))).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
    // Raw: a deliberately malformed (non-UUID) id.
    expect(
      await call(t.baseUrl, 'DELETE', '/team/invitations/not-a-uuid', { token: fresh.token }),
    ).toMatchObject({ status: 404 });
    expect((await invitationById(t, fresh.token, b.data!.invitation_id)).status).toBe('pending');
  });

  it('does not mail an invitation withdrawn before its mail job runs', async () => {
    const email = uniqueEmail();
    const res = await invite(owner.token, { email, role: 'viewer' });
    const id = res.data!.invitation_id;
    await until(async () => (await dispatchStatus(id)) === 'sent');
    expect(sink.mails.filter((m) => m.to.includes(email))).toHaveLength(1);

    // A mail job still queued for an invitation that has been revoked in the meantime.
    await t.dataSource.query(
      `UPDATE invitations SET status = 'revoked', revoked_at = now(), email_dispatch_status = 'queued' WHERE id = $1`,
      [id],
    );
    const mailer = t.app.get(InvitationMailer);
    await t.dataSource.transaction((manager) =>
      mailer.enqueue(manager, owner.tenantId, id, 'must-not-be-mailed'),
    );
    mailer.wake();
    await until(async () => (await dispatchStatus(id)) === 'failed');
    expect(sink.mails.filter((m) => m.to.includes(email))).toHaveLength(1);
    const [event] = await auditOf(t, owner.token, 'invitation.email_failed', { target_id: id });
    expect(event.metadata.error).toMatch(/revoked/);
  });
});
