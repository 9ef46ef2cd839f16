import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { member, mintKey, signup, type TestAccount } from '../support/factories.js';
import type { components } from '../generated/api.js';
import { bearer, call, outcome } from '../support/http.js';
import { auditOf, decodeJwt } from './helpers.js';
import { SmtpSink, tokenFromText } from './smtp-sink.js';

const DEFAULTS = {
  require_key_expiration: false,
  max_key_lifetime_days: null,
  allowed_ip_ranges: [],
  session_ttl_minutes: 60,
};

describe('security settings (rules §6)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    // Behind a proxy: X-Forwarded-For names the client, so tests can call "from" any address.
    t = await startApp({ env: { TRUST_PROXY: 'true', SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const get = async (credential: string) =>
    outcome(await t.api.GET('/api/v1/settings/security', { headers: bearer(credential) }));
  const update = async (
    credential: string,
    body: components['schemas']['UpdateSecuritySettingsDto'],
    headers: Record<string, string> = bearer(credential),
  ) => outcome(await t.api.PATCH('/api/v1/settings/security', { headers, body }));
  /** Raw: for bodies outside the contract (wrong types, out of range, unknown fields). */
  const updateRaw = (token: string, body: unknown) =>
    call(t.baseUrl, 'PATCH', '/settings/security', { token, body });
  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it('is read by every member and by admin-scoped keys', async () => {
    const owner = await signup(t);
    const viewer = await member(t, owner.tenantId, 'viewer');
    expect(await get(owner.token)).toMatchObject({ status: 200, body: DEFAULTS });
    expect(await get(viewer.token)).toMatchObject({ status: 200, body: DEFAULTS });
    const admin = await mintKey(t, owner.tenantId, { scopes: ['admin'] });
    expect(await get(admin.key)).toMatchObject({ status: 200, body: DEFAULTS });
    const narrow = await mintKey(t, owner.tenantId, { scopes: ['keys:read', 'usage:read'] });
    expect(await get(narrow.key)).toMatchObject({
      status: 403,
      body: { error: 'insufficient_scope', required_scopes: ['admin'] },
    });
  });

  it('is changed by owner and admin sessions only; every API key gets 403 forbidden', async () => {
    const owner = await signup(t);
    const admin = await member(t, owner.tenantId, 'admin');
    const developer = await member(t, owner.tenantId, 'developer');
    const res = await update(admin.token, { require_key_expiration: true, max_key_lifetime_days: 90 });
    expect(res).toMatchObject({
      status: 200,
      body: { ...DEFAULTS, require_key_expiration: true, max_key_lifetime_days: 90 },
    });
    const cleared = await t.api.PATCH('/api/v1/settings/security', {
      headers: bearer(owner.token),
      body: { max_key_lifetime_days: null },
    });
    expect(cleared.data!.max_key_lifetime_days).toBe(null);
    expect(await update(developer.token, { session_ttl_minutes: 30 })).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    const key = await mintKey(t, owner.tenantId, { scopes: ['admin'] });
    expect(await update(key.key, { session_ttl_minutes: 30 })).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    expect(await update(key.key, {}, { 'x-api-key': key.key })).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    const settings = await t.api.GET('/api/v1/settings/security', { headers: bearer(owner.token) });
    expect(settings.data!.session_ttl_minutes).toBe(60);
  });

  it('audits settings.security_updated with exactly the changed fields', async () => {
    const owner = await signup(t);
    await update(owner.token, { session_ttl_minutes: 120, require_key_expiration: false });
    const [event] = await auditOf(t, owner.token, 'settings.security_updated');
    expect(event).toMatchObject({
      actor: { type: 'user', id: owner.userId },
      target: { type: 'tenant', id: owner.tenantId },
      metadata: {
        changed_fields: ['session_ttl_minutes'],
        changes: { session_ttl_minutes: { from: 60, to: 120 } },
      },
    });
    // Nothing changed: nothing recorded.
    expect((await update(owner.token, { session_ttl_minutes: 120 })).status).toBe(200);
    expect((await update(owner.token, {})).status).toBe(200);
    expect(await auditOf(t, owner.token, 'settings.security_updated')).toHaveLength(1);
  });

  it('validates: CIDRs with indexed field paths, list size, ranges, types and unknown fields (422)', async () => {
    const owner = await signup(t);
    const bad = await updateRaw(owner.token, {
      allowed_ip_ranges: ['10.0.0.0/8', 'not-an-ip', '10.0.0.0/33', 42, '2001:db8::/129'],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toBe('validation_error');
    expect(bad.body.errors.map((e: any) => e.field)).toEqual([
      'allowed_ip_ranges[1]',
      'allowed_ip_ranges[2]',
      'allowed_ip_ranges[3]',
      'allowed_ip_ranges[4]',
    ]);
    const tooMany = Array.from({ length: 101 }, (_, i) => `10.0.${i}.0/24`);
    expect(await updateRaw(owner.token, { allowed_ip_ranges: tooMany })).toMatchObject({
      status: 422,
      body: { errors: [{ field: 'allowed_ip_ranges' }] },
    });
    for (const [field, value] of [
      ['allowed_ip_ranges', '10.0.0.0/8'],
      ['allowed_ip_ranges', null],
      ['session_ttl_minutes', 4],
      ['session_ttl_minutes', 43201],
      ['session_ttl_minutes', 30.5],
      ['session_ttl_minutes', null],
      ['max_key_lifetime_days', 0],
      ['max_key_lifetime_days', 3651],
      ['max_key_lifetime_days', '30'],
      ['require_key_expiration', 'yes'],
      ['require_key_expiration', null],
      ['webhook_signing_secret', 'whsec_x'],
    ] as const) {
      const res = await updateRaw(owner.token, { [field]: value });
      expect({
        field,
        value,
        status: res.status,
        fields: [...new Set(res.body.errors?.map((e: any) => e.field))],
      }).toEqual({
        field,
        value,
        status: 422,
        fields: [field],
      });
    }
    // Bounds themselves are fine.
    expect(
      await update(owner.token, {
        session_ttl_minutes: 5,
        max_key_lifetime_days: 3650,
        allowed_ip_ranges: Array(100).fill('10.0.0.1'),
      }),
    ).toMatchObject({ status: 200, body: { session_ttl_minutes: 5, max_key_lifetime_days: 3650 } });
    expect((await update(owner.token, { session_ttl_minutes: 43200 })).status).toBe(200);
    expect((await get(owner.token)).body).toMatchObject({ allowed_ip_ranges: ['10.0.0.1/32'] });
  });

  it('stores ranges normalised and de-duplicated', async () => {
    const owner = await signup(t);
    const res = await t.api.PATCH('/api/v1/settings/security', {
      headers: bearer(owner.token),
      body: { allowed_ip_ranges: ['10.1.2.3/8', '10.0.0.0/8', ' 203.0.113.9 ', '2001:DB8:0:0::/32', '::1'] },
    });
    expect(res.response.status).toBe(200);
    expect(res.data!.allowed_ip_ranges).toEqual(['10.0.0.0/8', '203.0.113.9/32', '2001:db8::/32', '::1/128']);
  });

  it('refuses API-key calls from outside allowed_ip_ranges with 403 ip_not_allowed', async () => {
    const owner = await signup(t);
    const key = await mintKey(t, owner.tenantId, { scopes: ['admin'] });
    const whoami = async (ip: string, header: 'bearer' | 'x-api-key' = 'bearer') =>
      outcome(
        await t.api.GET('/api/v1/auth/whoami', {
          headers: { ...(header === 'bearer' ? bearer(key.key) : { 'x-api-key': key.key }), ...from(ip) },
        }),
      );

    // Empty list: no restriction.
    expect((await whoami('198.51.100.20')).status).toBe(200);

    await update(owner.token, { allowed_ip_ranges: ['203.0.113.0/24', '2001:db8::/32'] });
    expect((await whoami('203.0.113.77')).status).toBe(200);
    expect((await whoami('203.0.113.77', 'x-api-key')).status).toBe(200);
    expect((await whoami('2001:db8:1::5')).status).toBe(200);
    const refused = await whoami('198.51.100.20');
    expect(refused).toMatchObject({ status: 403, body: { error: 'ip_not_allowed' } });
    expect((await whoami('2001:db9::1')).status).toBe(403);
    // Every key route, not just whoami; the client is the left-most X-Forwarded-For entry.
    expect(
      outcome(
        await t.api.GET('/api/v1/team/members', {
          headers: { ...bearer(key.key), ...from('198.51.100.20, 203.0.113.1') },
        }),
      ),
    ).toMatchObject({ status: 403, body: { error: 'ip_not_allowed' } });
    // Portal sessions are not restricted by the key allow-list.
    expect(
      (
        await t.api.GET('/api/v1/settings/security', {
          headers: { ...bearer(owner.token), ...from('198.51.100.20') },
        })
      ).response.status,
    ).toBe(200);

    // The change is seen by the very next request (no stale cache), both ways.
    await update(owner.token, { allowed_ip_ranges: ['198.51.100.0/24'] });
    expect((await whoami('198.51.100.20')).status).toBe(200);
    expect((await whoami('203.0.113.77')).status).toBe(403);
    await update(owner.token, { allowed_ip_ranges: [] });
    expect((await whoami('203.0.113.77')).status).toBe(200);

    // Other tenants are not affected by this tenant's list.
    const other = await signup(t);
    await update(other.token, { allowed_ip_ranges: ['192.0.2.0/24'] });
    expect((await whoami('203.0.113.77')).status).toBe(200);
  });

  it('issues new portal tokens with session_ttl_minutes (login, switch-tenant, invitation accept)', async () => {
    const owner = await signup(t);
    await update(owner.token, { session_ttl_minutes: 15 });
    const login = await t.api.POST('/api/v1/portal/auth/login', {
      body: { email: owner.email, password: owner.password },
    });
    expect(login.data!.expires_in).toBe(900);
    const claims = decodeJwt(login.data!.access_token);
    expect(claims.exp - claims.iat).toBe(900);

    const other = await signup(t);
    await t.dataSource.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'viewer')`, [
      owner.tenantId,
      other.userId,
    ]);
    const switched = await t.api.POST('/api/v1/portal/auth/switch-tenant', {
      headers: bearer(other.token),
      body: { tenant_id: owner.tenantId },
    });
    expect(switched.data!.expires_in).toBe(900);
    // Back to a tenant with the default TTL.
    const back = await t.api.POST('/api/v1/portal/auth/switch-tenant', {
      headers: bearer(other.token),
      body: { tenant_id: other.tenantId },
    });
    expect(back.data!.expires_in).toBe(3600);

    const invitee = await signup(t);
    await t.api.POST('/api/v1/team/invitations', {
      headers: bearer(owner.token),
      body: { email: invitee.email, role: 'viewer' },
    });
    const token = tokenFromText((await sink.until(() => sink.mailTo(invitee.email))).text);
    const accepted = outcome(
      await t.api.POST('/api/v1/portal/invitations/accept', {
        headers: bearer(invitee.token),
        body: { token },
      }),
    );
    expect(accepted).toMatchObject({ status: 200, body: { expires_in: 900 } });
  });
});

describe('IP allow-list without TRUST_PROXY', () => {
  let t: TestApp;
  let owner: TestAccount;
  beforeAll(async () => {
    t = await startApp({ env: { TRUST_PROXY: 'false' } });
    owner = await signup(t);
  });
  afterAll(() => t.close());

  it('ignores X-Forwarded-For and judges the socket address', async () => {
    const key = await mintKey(t, owner.tenantId, { scopes: ['search'] });
    await t.api.PATCH('/api/v1/settings/security', {
      headers: bearer(owner.token),
      body: { allowed_ip_ranges: ['203.0.113.0/24'] },
    });
    const spoofed = outcome(
      await t.api.GET('/api/v1/auth/whoami', {
        headers: { ...bearer(key.key), 'x-forwarded-for': '203.0.113.5' },
      }),
    );
    expect(spoofed).toMatchObject({ status: 403, body: { error: 'ip_not_allowed' } });
    await t.api.PATCH('/api/v1/settings/security', {
      headers: bearer(owner.token),
      body: { allowed_ip_ranges: ['127.0.0.0/8'] },
    });
    expect((await t.api.GET('/api/v1/auth/whoami', { headers: bearer(key.key) })).response.status).toBe(200);
  });
});
