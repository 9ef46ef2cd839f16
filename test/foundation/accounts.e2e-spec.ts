import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import bcrypt from 'bcrypt';
import { randomUUID } from 'node:crypto';
import { startApp, type TestApp } from '../support/app.js';
import { signup, uniqueEmail } from '../support/factories.js';
import type { components } from '../generated/api.js';
import { bearer, call, outcome } from '../support/http.js';

describe('portal accounts and sessions (rules §3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const login = (body: components['schemas']['LoginDto'], headers: Record<string, string> = {}) =>
    t.api.POST('/api/v1/portal/auth/login', { body, headers });
  const signupAs = (body: components['schemas']['SignupDto']) =>
    t.api.POST('/api/v1/portal/auth/signup', { body });
  const audit = (token: string, action: components['schemas']['AuditAction']) =>
    t.api.GET('/api/v1/audit', { headers: bearer(token), params: { query: { action } } });
  const accountOf = (token: string) => t.api.GET('/api/v1/portal/account', { headers: bearer(token) });
  const changePassword = (token: string, body: components['schemas']['ChangePasswordDto']) =>
    t.api.POST('/api/v1/portal/account/password', { headers: bearer(token), body });

  describe('signup', () => {
    it('creates the user, a free tenant with the user as owner, and project default with its two environments', async () => {
      const email = uniqueEmail();
      const { data, response } = await t.api.POST('/api/v1/portal/auth/signup', {
        body: { email, password: 'a very good password', display_name: 'Ada', company: 'Acme Ltd' },
      });
      expect(response.status).toBe(201);
      expect(data).toEqual({
        access_token: expect.stringMatching(/^eyJ/),
        token_type: 'Bearer',
        expires_in: 3600,
        user: {
          user_id: expect.any(String),
          email,
          display_name: 'Ada',
          company: 'Acme Ltd',
          created_at: expect.any(String),
        },
        tenant: { tenant_id: expect.any(String), name: 'Acme Ltd', plan: 'free' },
      });
      const tenantId = data!.tenant.tenant_id;
      const [membership] = await t.dataSource.query(
        `SELECT role, status FROM memberships WHERE tenant_id = $1 AND user_id = $2`,
        [tenantId, data!.user.user_id],
      );
      expect(membership).toEqual({ role: 'owner', status: 'active' });
      const envs = await t.dataSource.query(
        `SELECT p.name AS project, e.name, e.kind FROM environments e JOIN projects p ON p.id = e.project_id WHERE p.tenant_id = $1 ORDER BY e.name`,
        [tenantId],
      );
      expect(envs).toEqual([
        { project: 'default', name: 'development', kind: 'test' },
        { project: 'default', name: 'production', kind: 'live' },
      ]);
    });

    it('stores the password as a bcrypt hash at the configured cost (BCRYPT_COST=10 here), never in clear', async () => {
      const account = await signup(t);
      const [row] = await t.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [
        account.userId,
      ]);
      expect(row.password_hash).toMatch(/^\$2[aby]\$10\$/);
      expect(await bcrypt.compare(account.password, row.password_hash)).toBe(true);
    });

    it('answers 409 email_taken for a taken email, whatever its case', async () => {
      const account = await signup(t);
      const res = await signupAs({ email: account.email.toUpperCase(), password: 'another password!' });
      expect(res.response.status).toBe(409);
      expect(res.error).toEqual({ detail: expect.any(String), error: 'email_taken' });
    });

    it('lets exactly one of concurrent signups with the same email win', async () => {
      const email = uniqueEmail('race');
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => signupAs({ email, password: 'racing password' })),
      );
      expect(answers.filter((a) => a.response.status === 201)).toHaveLength(1);
      expect(
        answers.filter((a) => a.response.status === 409).every((a) => a.error?.error === 'email_taken'),
      ).toBe(true);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [
        email,
      ]);
      expect(n).toBe(1);
    });

    it('refuses short passwords, bad emails and passwords over 72 bytes', async () => {
      // Raw: every body here is outside the contract.
      const short = await call(t.baseUrl, 'POST', '/portal/auth/signup', {
        body: { email: uniqueEmail(), password: '123456789' },
      });
      expect(short.status).toBe(422);
      expect(short.body.errors).toEqual([{ field: 'password', message: expect.stringContaining('10') }]);
      const long = await call(t.baseUrl, 'POST', '/portal/auth/signup', {
        body: { email: uniqueEmail(), password: 'é'.repeat(40) },
      });
      expect(long.status).toBe(422);
      const bad = await call(t.baseUrl, 'POST', '/portal/auth/signup', {
        body: { email: 'not-an-email', password: '1234567890' },
      });
      expect(bad.body.errors).toEqual([{ field: 'email', message: expect.any(String) }]);
    });
  });

  describe('login', () => {
    it('answers a token for the first tenant and audits auth.login', async () => {
      const account = await signup(t);
      const res = await login({ email: account.email.toUpperCase(), password: account.password });
      expect(res.response.status).toBe(200);
      expect(res.data).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 3600,
        tenant_id: account.tenantId,
      });
      const events = await audit(res.data!.access_token, 'auth.login');
      expect(events.data!.events[0]).toMatchObject({
        action: 'auth.login',
        actor: { type: 'user', id: account.userId },
      });
    });

    it('answers the same 401 invalid_credentials for an unknown email and a wrong password', async () => {
      const account = await signup(t);
      const wrong = await login({ email: account.email, password: 'not the password' });
      const unknown = await login({ email: uniqueEmail('ghost'), password: 'not the password' });
      expect(wrong.response.status).toBe(401);
      expect(unknown.response.status).toBe(401);
      expect(wrong.error).toEqual(unknown.error);
      expect(wrong.error!.error).toBe('invalid_credentials');
    });

    it('audits a failed login in the tenant of the user', async () => {
      const account = await signup(t);
      await login({ email: account.email, password: 'wrong password' }, { 'user-agent': 'probe/1.0' });
      const res = await audit(account.token, 'auth.login_failed');
      expect(res.data!.events).toEqual([
        expect.objectContaining({
          action: 'auth.login_failed',
          target: { type: 'user', id: account.userId },
          user_agent: 'probe/1.0',
          ip: expect.any(String),
          metadata: expect.objectContaining({ email: account.email }),
        }),
      ]);
    });

    it('answers 429 after 10 failed attempts per email+IP in 15 minutes, even with the right password', async () => {
      const account = await signup(t);
      for (let i = 0; i < 10; i++) {
        expect((await login({ email: account.email, password: `wrong ${i}` })).response.status).toBe(401);
      }
      const blocked = await login({ email: account.email, password: account.password });
      expect(blocked.response.status).toBe(429);
      expect(blocked.error!.error).toBe('rate_limited');
      expect(Number(blocked.response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(blocked.response.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    });

    it('never lets concurrent failed attempts slip past the limit', async () => {
      const account = await signup(t);
      const answers = await Promise.all(
        Array.from({ length: 25 }, (_, i) => login({ email: account.email, password: `wrong ${i}` })),
      );
      expect(answers.filter((a) => a.response.status === 401)).toHaveLength(10);
      expect(answers.filter((a) => a.response.status === 429)).toHaveLength(15);
    });

    it('clears the failures of an email+IP on a successful login', async () => {
      const account = await signup(t);
      for (let i = 0; i < 9; i++) await login({ email: account.email, password: 'wrong' });
      expect((await login({ email: account.email, password: account.password })).response.status).toBe(200);
      for (let i = 0; i < 10; i++)
        expect((await login({ email: account.email, password: 'wrong' })).response.status).toBe(401);
    });

    it('signs in to a requested tenant; another tenant answers 404', async () => {
      const account = await signup(t);
      const other = await signup(t);
      expect(
        (await login({ email: account.email, password: account.password, tenant_id: account.tenantId }))
          .response.status,
      ).toBe(200);
      const foreign = await login({
        email: account.email,
        password: account.password,
        tenant_id: other.tenantId,
      });
      expect(foreign.response.status).toBe(404);
      expect(foreign.error!.error).toBe('not_found');
      // Raw: a tenant_id that is not a UUID is outside the contract.
      const bad = await call(t.baseUrl, 'POST', '/portal/auth/login', {
        body: { email: account.email, password: account.password, tenant_id: 'nope' },
      });
      expect(bad.status).toBe(422);
    });
  });

  describe('tenants and switching', () => {
    it('lists the tenants of the user and switches between them', async () => {
      const a = await signup(t);
      const b = await signup(t);
      // make a a developer in b's tenant
      await t.dataSource.query(
        `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'developer')`,
        [b.tenantId, a.userId],
      );
      const { data: list } = await t.api.GET('/api/v1/portal/tenants', { headers: bearer(a.token) });
      expect(list!.tenants).toEqual(
        expect.arrayContaining([
          { tenant_id: a.tenantId, name: expect.any(String), role: 'owner', plan: 'free' },
          { tenant_id: b.tenantId, name: expect.any(String), role: 'developer', plan: 'free' },
        ]),
      );
      const switchTo = (tenant_id: string) =>
        t.api.POST('/api/v1/portal/auth/switch-tenant', { headers: bearer(a.token), body: { tenant_id } });
      const switched = await switchTo(b.tenantId);
      expect(switched.response.status).toBe(200);
      expect(switched.data!.tenant_id).toBe(b.tenantId);
      const account = await accountOf(switched.data!.access_token);
      expect(account.data).toMatchObject({ tenant_id: b.tenantId, role: 'developer' });
      const foreign = await switchTo(randomUUID());
      expect(foreign.response.status).toBe(404);
    });
  });

  describe('account', () => {
    it('answers the account and changes only display_name and company', async () => {
      const account = await signup(t);
      const patched = await t.api.PATCH('/api/v1/portal/account', {
        headers: bearer(account.token),
        body: { display_name: 'Grace', company: 'Navy' },
      });
      expect(patched.response.status).toBe(200);
      expect(patched.data).toEqual({
        user_id: account.userId,
        email: account.email,
        tenant_id: account.tenantId,
        role: 'owner',
        display_name: 'Grace',
        company: 'Navy',
        created_at: expect.any(String),
      });
      // Raw: email is not a field of the account update.
      const refused = await call(t.baseUrl, 'PATCH', '/portal/account', {
        token: account.token,
        body: { email: 'x@y.z' },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ field: 'email', message: expect.any(String) }]);
      const unchanged = await accountOf(account.token);
      expect(unchanged.data!.email).toBe(account.email);
      const events = await audit(account.token, 'account.updated');
      expect(events.data!.events).toHaveLength(1);
    });

    it('changes the password, ends every older token, and keeps the new password working', async () => {
      const account = await signup(t);
      const second = (await login({ email: account.email, password: account.password })).data!.access_token;
      const wrong = await changePassword(account.token, {
        current_password: 'not it at all',
        new_password: 'brand new password',
      });
      expect(wrong.response.status).toBe(401);
      expect(wrong.error!.error).toBe('invalid_credentials');
      const changed = await changePassword(account.token, {
        current_password: account.password,
        new_password: 'brand new password',
      });
      expect(changed.response.status).toBe(204);
      for (const old of [account.token, second]) {
        expect(outcome(await accountOf(old))).toMatchObject({
          status: 401,
          body: { error: 'invalid_token' },
        });
      }
      expect((await login({ email: account.email, password: account.password })).response.status).toBe(401);
      const fresh = await login({ email: account.email, password: 'brand new password' });
      expect(fresh.response.status).toBe(200);
      const events = await audit(fresh.data!.access_token, 'account.password_changed');
      expect(events.data!.events).toHaveLength(1);
    });

    it('lets one of concurrent password changes win; the others answer 401 and change nothing', async () => {
      const account = await signup(t);
      const answers = await Promise.all(
        [1, 2, 3, 4, 5].map((i) =>
          changePassword(account.token, {
            current_password: account.password,
            new_password: `racing new password ${i}`,
          }),
        ),
      );
      const won = answers.flatMap((a, i) => (a.response.status === 204 ? [i + 1] : []));
      expect(won).toHaveLength(1);
      expect(answers.filter((a) => a.response.status === 401).length).toBe(4);
      for (const i of [1, 2, 3, 4, 5]) {
        const res = await login({ email: account.email, password: `racing new password ${i}` });
        expect(res.response.status).toBe(i === won[0] ? 200 : 401);
      }
    });
  });
});
