import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { InvitationMailer } from '../../src/team/invitation-mailer.service.js';
import { startApp, type TestApp } from '../support/app.js';
import { member, mintKey, signup, type TestAccount, uniqueEmail } from '../support/factories.js';
import { call } from '../support/http.js';
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

  const invite = (token: string, body: unknown) =>
    call(t.baseUrl, 'POST', '/team/invitations', { token, body });
  const accept = (token: string, invitationToken: string) =>
    call(t.baseUrl, 'POST', '/portal/invitations/accept', { token, body: { token: invitationToken } });
  const dispatchStatus = async (id: string, token = owner.token) =>
    (await invitationById(t, token, id))?.email_dispatch_status as string | undefined;

  it('answers 201 queued while the mail server stalls: the request never waits for SMTP', async () => {
    // A first invitation whose mail the server holds in the DATA phase for 30 s.
    const stalledEmail = `stall-${uniqueEmail()}`;
    const first = await invite(owner.token, { email: stalledEmail, role: 'developer' });
    expect(first.status).toBe(201);
    await sink.until(() => sink.stallOf(stalledEmail));

    // While the server is stalled (the mail worker is inside an SMTP session), another invitation
    // is answered: the request does not depend on the mail server at all.
    const secondEmail = `stall-${uniqueEmail()}`;
    const second = await invite(owner.token, { email: secondEmail, role: 'viewer' });
    expect(sink.stallOf(stalledEmail)!.ended).toBe(false);
    expect(second.status).toBe(201);
    expect(second.body).toEqual({
      invitation_id: expect.any(String),
      email: secondEmail,
      role: 'viewer',
      expires_at: expect.any(String),
      email_dispatch_status: 'queued',
    });
    const days = (Date.parse(second.body.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    // Still stalled, so still queued: nothing has been claimed as sent.
    expect(await dispatchStatus(first.body.invitation_id)).toBe('queued');
    expect(sink.stallOf(stalledEmail)!.ended).toBe(false);
  });

  it('moves email_dispatch_status to sent and mails the accept link', async () => {
    const email = uniqueEmail('Dana');
    const res = await invite(owner.token, { email: email.toUpperCase(), role: 'developer' });
    expect(res.status).toBe(201);
    expect(res.body.email).toBe(email.toLowerCase());
    const mail = await sink.until(() => sink.mailTo(email.toLowerCase()));
    expect(mail.subject).toContain('invited');
    expect(mail.text).toContain(`${PUBLIC_BASE_URL}/invitations/accept?token=`);
    expect(mail.text).toContain('developer');
    const token = tokenFromText(mail.text);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
    await until(async () => (await dispatchStatus(res.body.invitation_id)) === 'sent', 20_000, 'status sent');

    const [event] = await auditOf(t, owner.token, 'invitation.email_sent', {
      target_id: res.body.invitation_id,
    });
    expect(event).toMatchObject({
      actor: { type: 'system' },
      target: { type: 'invitation', id: res.body.invitation_id },
      metadata: { email: email.toLowerCase(), transport: 'smtp' },
    });
  });

  it('stores the token only hashed: neither the invitation nor its finished job holds it', async () => {
    const email = uniqueEmail();
    const res = await invite(owner.token, { email, role: 'viewer' });
    const token = tokenFromText((await sink.until(() => sink.mailTo(email))).text);
    await until(async () => (await dispatchStatus(res.body.invitation_id)) === 'sent');
    const [row] = await t.dataSource.query(`SELECT to_jsonb(i) AS row FROM invitations i WHERE id = $1`, [
      res.body.invitation_id,
    ]);
    expect(JSON.stringify(row.row)).not.toContain(token);
    expect(row.row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const jobs = await t.dataSource.query(`SELECT payload FROM jobs WHERE payload->>'invitation_id' = $1`, [
      res.body.invitation_id,
    ]);
    expect(jobs).toHaveLength(1);
    expect(JSON.stringify(jobs[0].payload)).not.toContain(token);
    expect(jobs[0].payload.sealed_token).toBeUndefined();
  });

  it('moves email_dispatch_status to failed when the server refuses the mail, audited', async () => {
    const email = `reject-${uniqueEmail()}`;
    const res = await invite(owner.token, { email, role: 'viewer' });
    expect(res.body.email_dispatch_status).toBe('queued');
    await until(
      async () => (await dispatchStatus(res.body.invitation_id)) === 'failed',
      20_000,
      'status failed',
    );
    const [event] = await auditOf(t, owner.token, 'invitation.email_failed', {
      target_id: res.body.invitation_id,
    });
    expect(event.metadata).toMatchObject({ email, permanent: true });
    expect(event.metadata.error).toMatch(/550|Mailbox unavailable|rejected/i);
    // The invitation itself stays usable (e.g. the link can be passed on by other means).
    expect((await invitationById(t, owner.token, res.body.invitation_id)).status).toBe('pending');
  });

  it('invite → mail → accept → act as a developer, refused where developers are refused', async () => {
    const invitee = await signup(t);
    const res = await invite(owner.token, { email: invitee.email, role: 'developer' });
    expect(res.status).toBe(201);
    const token = tokenFromText((await sink.until(() => sink.mailTo(invitee.email))).text);

    const joined = await accept(invitee.token, token);
    expect(joined.status).toBe(200);
    expect(joined.body).toEqual({
      tenant_id: owner.tenantId,
      role: 'developer',
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
    });
    const claims = decodeJwt(joined.body.access_token);
    expect(claims).toMatchObject({ sub: invitee.userId, tid: owner.tenantId, role: 'developer' });
    const dev = joined.body.access_token as string;

    // Acts in the owner's tenant as a developer.
    const account = await call(t.baseUrl, 'GET', '/portal/account', { token: dev });
    expect(account.body).toMatchObject({
      tenant_id: owner.tenantId,
      role: 'developer',
      user_id: invitee.userId,
    });
    const members = await call(t.baseUrl, 'GET', '/team/members', { token: dev });
    expect(members.status).toBe(200);
    expect(members.body.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user_id: invitee.userId, role: 'developer', status: 'active' }),
        expect.objectContaining({ user_id: owner.userId, role: 'owner' }),
      ]),
    );
    // Refused where developers are refused (rules §2: team, settings and audit are admin matters).
    for (const [method, path, body] of [
      ['POST', '/team/invitations', { email: uniqueEmail(), role: 'viewer' }],
      ['PATCH', '/settings/security', { session_ttl_minutes: 30 }],
      ['PATCH', `/team/members/${owner.userId}`, { role: 'viewer' }],
      ['POST', `/team/members/${owner.userId}/block`, undefined],
      ['DELETE', `/team/members/${owner.userId}`, undefined],
      ['DELETE', `/team/invitations/${res.body.invitation_id}`, undefined],
      ['GET', '/audit', undefined],
    ] as const) {
      const refused = await call(t.baseUrl, method, path, { token: dev, body });
      expect({ method, path, status: refused.status, error: refused.body?.error }).toEqual({
        method,
        path,
        status: 403,
        error: 'forbidden',
      });
    }

    // The invitation is used up: accepted in the list, and the link works once only.
    expect((await invitationById(t, owner.token, res.body.invitation_id)).status).toBe('accepted');
    const again = await accept(invitee.token, token);
    expect(again).toMatchObject({ status: 409, body: { error: 'conflict' } });
    expect(again.body.detail).toMatch(/already been used/);

    const [joinedEvent] = await auditOf(t, owner.token, 'member.joined', { target_id: invitee.userId });
    expect(joinedEvent).toMatchObject({
      actor: { type: 'user', id: invitee.userId },
      metadata: { role: 'developer', invitation_id: res.body.invitation_id },
    });
    const [invitedEvent] = await auditOf(t, owner.token, 'member.invited', {
      target_id: res.body.invitation_id,
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
    expect(wrong).toMatchObject({ status: 403, body: { error: 'forbidden' } });

    const answers = await Promise.all([accept(invitee.token, token), accept(invitee.token, token)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const [membership] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM memberships WHERE tenant_id = $1 AND user_id = $2`,
      [owner.tenantId, invitee.userId],
    );
    expect(membership.n).toBe(1);
    expect((await invitationById(t, owner.token, res.body.invitation_id)).status).toBe('accepted');
  });

  it('refuses unknown, revoked and expired tokens, and a JWT-less or API-key accept', async () => {
    const invitee = await signup(t);
    expect(await accept(invitee.token, 'x'.repeat(43))).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
    expect(await accept(invitee.token, '')).toMatchObject({
      status: 422,
      body: { error: 'validation_error' },
    });

    const revoked = await invite(owner.token, { email: invitee.email, role: 'viewer' });
    const revokedToken = tokenFromText((await sink.until(() => sink.mailTo(invitee.email))).text);
    const del = await call(t.baseUrl, 'DELETE', `/team/invitations/${revoked.body.invitation_id}`, {
      token: owner.token,
    });
    expect(del.status).toBe(204);
    const afterRevoke = await accept(invitee.token, revokedToken);
    expect(afterRevoke).toMatchObject({ status: 409, body: { error: 'conflict' } });
    expect(afterRevoke.body.detail).toMatch(/revoked/);
    expect((await invitationById(t, owner.token, revoked.body.invitation_id)).status).toBe('revoked');
    const [revokedEvent] = await auditOf(t, owner.token, 'invitation.revoked', {
      target_id: revoked.body.invitation_id,
    });
    expect(revokedEvent).toMatchObject({
      actor: { type: 'user', id: owner.userId },
      metadata: { reason: 'revoked' },
    });
    // Revoking again is a no-op.
    expect(
      (
        await call(t.baseUrl, 'DELETE', `/team/invitations/${revoked.body.invitation_id}`, {
          token: owner.token,
        })
      ).status,
    ).toBe(204);
    expect(
      await auditOf(t, owner.token, 'invitation.revoked', { target_id: revoked.body.invitation_id }),
    ).toHaveLength(1);

    const other = await signup(t);
    const expiring = await invite(owner.token, { email: other.email, role: 'viewer' });
    const expiringToken = tokenFromText((await sink.until(() => sink.mailTo(other.email))).text);
    await t.dataSource.query(
      `UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [expiring.body.invitation_id],
    );
    const expired = await accept(other.token, expiringToken);
    expect(expired).toMatchObject({ status: 409, body: { error: 'conflict' } });
    expect(expired.body.detail).toMatch(/expired/);
    expect((await invitationById(t, owner.token, expiring.body.invitation_id)).status).toBe('expired');

    expect(
      await call(t.baseUrl, 'POST', '/portal/invitations/accept', { body: { token: expiringToken } }),
    ).toMatchObject({
      status: 401,
      body: { error: 'unauthenticated' },
    });
    const key = await mintKey(t, other.tenantId, { scopes: ['admin'] });
    expect(
      await call(t.baseUrl, 'POST', '/portal/invitations/accept', {
        apiKey: key.key,
        body: { token: expiringToken },
      }),
    ).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('re-inviting a pending email replaces the invitation: the old link stops working', async () => {
    const invitee = await signup(t);
    const first = await invite(owner.token, { email: invitee.email, role: 'viewer' });
    const firstToken = tokenFromText((await sink.until(() => sink.mailTo(invitee.email))).text);
    const second = await invite(owner.token, { email: invitee.email, role: 'admin' });
    expect(second.status).toBe(201);
    expect(second.body.invitation_id).not.toBe(first.body.invitation_id);
    const secondToken = tokenFromText(
      (await sink.until(() => sink.mails.filter((m) => m.to.includes(invitee.email))[1])).text,
    );
    expect(secondToken).not.toBe(firstToken);

    expect((await invitationById(t, owner.token, first.body.invitation_id)).status).toBe('revoked');
    expect(await accept(invitee.token, firstToken)).toMatchObject({ status: 409 });
    expect(await accept(invitee.token, secondToken)).toMatchObject({ status: 200, body: { role: 'admin' } });
    const [replaced] = await auditOf(t, owner.token, 'invitation.revoked', {
      target_id: first.body.invitation_id,
    });
    expect(replaced.metadata).toMatchObject({ reason: 'replaced', replaced_by: second.body.invitation_id });
  });

  it('refuses to invite an existing member (409), and lets only owners invite owners', async () => {
    const admin = await member(t, owner.tenantId, 'admin');
    expect(await invite(owner.token, { email: admin.email, role: 'viewer' })).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
    expect(await invite(owner.token, { email: owner.email.toUpperCase(), role: 'viewer' })).toMatchObject({
      status: 409,
    });

    const byAdmin = await invite(admin.token, { email: uniqueEmail(), role: 'owner' });
    expect(byAdmin).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    for (const role of ['admin', 'developer', 'viewer']) {
      expect((await invite(admin.token, { email: uniqueEmail(), role })).status).toBe(201);
    }
    const ownerInvite = await invite(owner.token, { email: uniqueEmail(), role: 'owner' });
    expect(ownerInvite).toMatchObject({ status: 201, body: { role: 'owner' } });
    // ... and only owners withdraw an owner invitation.
    expect(
      await call(t.baseUrl, 'DELETE', `/team/invitations/${ownerInvite.body.invitation_id}`, {
        token: admin.token,
      }),
    ).toMatchObject({ status: 403 });

    // An admin-scoped API key acts as an admin: it invites, but never owners.
    const key = await mintKey(t, owner.tenantId, { scopes: ['admin'] });
    const byKey = await call(t.baseUrl, 'POST', '/team/invitations', {
      apiKey: key.key,
      body: { email: uniqueEmail(), role: 'developer' },
    });
    expect(byKey.status).toBe(201);
    const [keyEvent] = await auditOf(t, owner.token, 'member.invited', {
      target_id: byKey.body.invitation_id,
    });
    expect(keyEvent.actor).toEqual({ type: 'api_key', id: key.id });
    expect(
      await call(t.baseUrl, 'POST', '/team/invitations', {
        apiKey: key.key,
        body: { email: uniqueEmail(), role: 'owner' },
      }),
    ).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const narrow = await mintKey(t, owner.tenantId, { scopes: ['keys:write', 'audit:read'] });
    expect(
      await call(t.baseUrl, 'POST', '/team/invitations', {
        apiKey: narrow.key,
        body: { email: uniqueEmail(), role: 'viewer' },
      }),
    ).toMatchObject({ status: 403, body: { error: 'insufficient_scope', required_scopes: ['admin'] } });
  });

  it('validates the body (422 with field errors, unknown fields included)', async () => {
    const bad = await invite(owner.token, { email: 'not-an-email', role: 'superuser', extra: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toBe('validation_error');
    expect((bad.body.errors as any[]).map((e) => e.field).sort()).toEqual(['email', 'extra', 'role']);
    expect((await invite(owner.token, {})).status).toBe(422);
  });

  it('lists every status newest first; other tenants see nothing and get 404 on revoke', async () => {
    const fresh = await signup(t);
    const a = await invite(fresh.token, { email: uniqueEmail(), role: 'viewer' });
    const b = await invite(fresh.token, { email: uniqueEmail(), role: 'developer' });
    await call(t.baseUrl, 'DELETE', `/team/invitations/${a.body.invitation_id}`, { token: fresh.token });
    const list = await call(t.baseUrl, 'GET', '/team/invitations', { token: fresh.token });
    expect(list.status).toBe(200);
    expect(list.body.invitations).toEqual([
      {
        invitation_id: b.body.invitation_id,
        email: b.body.email,
        role: 'developer',
        status: 'pending',
        email_dispatch_status: expect.stringMatching(/^(queued|sent)$/),
        expires_at: b.body.expires_at,
        created_at: expect.any(String),
      },
      expect.objectContaining({ invitation_id: a.body.invitation_id, status: 'revoked' }),
    ]);
    const paged = await call(t.baseUrl, 'GET', '/team/invitations?limit=1&offset=1', { token: fresh.token });
    expect(paged.body.invitations.map((i: any) => i.invitation_id)).toEqual([a.body.invitation_id]);
    expect((await call(t.baseUrl, 'GET', '/team/invitations?limit=0', { token: fresh.token })).status).toBe(
      422,
    );

    const outsider = await signup(t);
    expect(
      (await call(t.baseUrl, 'GET', '/team/invitations', { token: outsider.token })).body.invitations,
    ).toEqual([]);
    expect(
      await call(t.baseUrl, 'DELETE', `/team/invitations/${b.body.invitation_id}`, { token: outsider.token }),
    ).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(
      await call(t.baseUrl, 'DELETE', '/team/invitations/not-a-uuid', { token: fresh.token }),
    ).toMatchObject({ status: 404 });
    expect((await invitationById(t, fresh.token, b.body.invitation_id)).status).toBe('pending');
  });

  it('does not mail an invitation withdrawn before its mail job runs', async () => {
    const email = uniqueEmail();
    const res = await invite(owner.token, { email, role: 'viewer' });
    const id = res.body.invitation_id as string;
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
