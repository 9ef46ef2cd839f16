import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { mintKey, setPlan, signup, tenantWithKey } from '../support/factories.js';
import { call } from '../support/http.js';
import { auditEvents, defaultProject } from './helpers.js';
import { until } from '../support/until.js';

describe('API keys: limits, races, grace and tenant security settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const activeInDb = async (projectId: string): Promise<number> =>
    (
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM api_keys WHERE project_id = $1 AND revoked_at IS NULL
            AND replaced_by_key_id IS NULL AND (expires_at IS NULL OR expires_at > now())`,
        [projectId],
      )
    )[0].n;

  describe('active keys per project', () => {
    it('lets exactly the free slots win when 15 creates race (JWT door)', async () => {
      const owner = await signup(t);
      const project = await defaultProject(t, owner.tenantId);
      for (let i = 0; i < 3; i++) await mintKey(t, owner.tenantId, { scopes: ['search'] });
      // Keys that are not active do not take a slot.
      await mintKey(t, owner.tenantId, { scopes: ['search'], expiresAt: new Date(Date.now() - 1000) });
      const revoked = await mintKey(t, owner.tenantId, { scopes: ['search'] });
      await call(t.baseUrl, 'DELETE', `/portal/keys/${revoked.id}`, { token: owner.token });

      const answers = await Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          call(t.baseUrl, 'POST', '/portal/keys', {
            token: owner.token,
            body: { name: `race ${i}`, scopes: ['search'] },
          }),
        ),
      );
      const created = answers.filter((a) => a.status === 201);
      const refused = answers.filter((a) => a.status === 409);
      expect(created).toHaveLength(7);
      expect(refused).toHaveLength(8);
      for (const r of refused) {
        expect(r.body).toEqual({
          error: 'key_limit_reached',
          detail: expect.stringContaining('10 active keys'),
        });
      }
      expect(await activeInDb(project.id)).toBe(10);
      expect(await auditEvents(t, owner.tenantId, 'api_key.created')).toHaveLength(7);

      const projects = await call(t.baseUrl, 'GET', '/projects', { token: owner.token });
      expect(projects.body.projects).toEqual([
        {
          id: project.id,
          name: 'default',
          created_at: expect.any(String),
          active_key_count: 10,
          key_limit: 10,
        },
      ]);
    });

    it('holds on the API-key door too, where rotation never fails on the limit', async () => {
      const owner = await tenantWithKey(t, ['admin']);
      const project = await defaultProject(t, owner.tenantId);
      const answers = await Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          call(t.baseUrl, 'POST', '/auth/keys', {
            apiKey: owner.apiKey.key,
            body: { name: `race ${i}`, scopes: ['search'] },
          }),
        ),
      );
      expect(answers.filter((a) => a.status === 201)).toHaveLength(9);
      expect(answers.filter((a) => a.status === 409 && a.body.error === 'key_limit_reached')).toHaveLength(6);
      expect(await activeInDb(project.id)).toBe(10);

      // At the limit: rotation (with or without grace) still works and keeps the count.
      const victim = answers.find((a) => a.status === 201)!.body;
      const rotated = await call(t.baseUrl, 'POST', `/auth/keys/${victim.id}/rotate`, {
        apiKey: owner.apiKey.key,
        body: { grace_period_seconds: 600 },
      });
      expect(rotated.status).toBe(200);
      expect(await activeInDb(project.id)).toBe(10);
      const again = await call(t.baseUrl, 'POST', `/auth/keys/${rotated.body.id}/rotate`, {
        apiKey: owner.apiKey.key,
      });
      expect(again.status).toBe(200);
      expect(await activeInDb(project.id)).toBe(10);

      // Revoking frees a slot.
      expect(
        (
          await call(t.baseUrl, 'POST', '/auth/keys', {
            apiKey: owner.apiKey.key,
            body: { name: 'one more', scopes: ['search'] },
          })
        ).status,
      ).toBe(409);
      await call(t.baseUrl, 'DELETE', `/auth/keys/${again.body.id}`, { apiKey: owner.apiKey.key });
      expect(
        (
          await call(t.baseUrl, 'POST', '/auth/keys', {
            apiKey: owner.apiKey.key,
            body: { name: 'one more', scopes: ['search'] },
          })
        ).status,
      ).toBe(201);
    });

    it('counts per project, and takes the limit from the plan', async () => {
      const owner = await signup(t);
      for (let i = 0; i < 10; i++) await mintKey(t, owner.tenantId, { scopes: ['search'] });
      const create = (body: Record<string, unknown>) =>
        call(t.baseUrl, 'POST', '/portal/keys', {
          token: owner.token,
          body: { name: 'k', scopes: ['search'], ...body },
        });
      expect((await create({})).status).toBe(409);
      const other = await call(t.baseUrl, 'POST', '/projects', {
        token: owner.token,
        body: { name: 'other' },
      });
      expect((await create({ project_id: other.body.id })).status).toBe(201);

      await setPlan(t, owner.tenantId, 'scale');
      expect((await create({})).status).toBe(201);
      const projects = await call(t.baseUrl, 'GET', '/projects', { token: owner.token });
      expect(
        projects.body.projects.map((p: { name: string; active_key_count: number; key_limit: number }) => p),
      ).toEqual([
        expect.objectContaining({ name: 'default', active_key_count: 11, key_limit: 25 }),
        expect.objectContaining({ name: 'other', active_key_count: 1, key_limit: 25 }),
      ]);
    });
  });

  describe('racing rotations', () => {
    it('lets exactly one of 10 concurrent rotations of one key win', async () => {
      const owner = await signup(t);
      const key = await mintKey(t, owner.tenantId, { scopes: ['search'], name: 'contested' });
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          call(t.baseUrl, 'POST', `/portal/keys/${key.id}/rotate`, {
            token: owner.token,
            body: { grace_period_seconds: i % 2 === 0 ? 0 : 60 },
          }),
        ),
      );
      const winners = answers.filter((a) => a.status === 200);
      expect(winners).toHaveLength(1);
      const losers = answers.filter((a) => a.status === 409);
      expect(losers).toHaveLength(9);
      for (const l of losers) expect(l.body).toMatchObject({ error: 'conflict' });
      const rows: { id: string; replaced_by_key_id: string | null }[] = await t.dataSource.query(
        `SELECT id, replaced_by_key_id FROM api_keys WHERE tenant_id = $1 AND name = 'contested'`,
        [owner.tenantId],
      );
      expect(rows).toHaveLength(2);
      expect(rows.find((r) => r.id === key.id)!.replaced_by_key_id).toBe(winners[0].body.id);
      expect(await auditEvents(t, owner.tenantId, 'api_key.rotated')).toHaveLength(1);
    });

    it('lets a rotation and a revocation race without leaving both keys active', async () => {
      const owner = await signup(t);
      const key = await mintKey(t, owner.tenantId, { scopes: ['search'] });
      const [rotate, revoke] = await Promise.all([
        call(t.baseUrl, 'POST', `/portal/keys/${key.id}/rotate`, { token: owner.token }),
        call(t.baseUrl, 'DELETE', `/portal/keys/${key.id}`, { token: owner.token }),
      ]);
      expect(revoke.status).toBe(204);
      expect([200, 409]).toContain(rotate.status);
      const whoami = await call(t.baseUrl, 'GET', '/auth/whoami', { apiKey: key.key });
      expect(whoami.status).toBe(401);
    });
  });

  describe('grace period', () => {
    it('keeps the old key working during grace and refuses it after', async () => {
      const owner = await signup(t);
      const key = await mintKey(t, owner.tenantId, { scopes: ['search'] });
      const rotated = await call(t.baseUrl, 'POST', `/portal/keys/${key.id}/rotate`, {
        token: owner.token,
        body: { grace_period_seconds: 2 },
      });
      expect(rotated.status).toBe(200);
      const graceEnds = Date.parse(
        (await call(t.baseUrl, 'GET', `/portal/keys/${key.id}`, { token: owner.token })).body
          .grace_expires_at,
      );
      const old = () => call(t.baseUrl, 'GET', '/auth/whoami', { apiKey: key.key });
      expect((await old()).status).toBe(200);
      expect(
        (await call(t.baseUrl, 'GET', '/auth/whoami', { apiKey: rotated.body.key, header: 'x-api-key' }))
          .status,
      ).toBe(200);
      await until(() => Date.now() > graceEnds + 50, 10_000, 'grace end');
      expect(await old()).toMatchObject({ status: 401, body: { error: 'invalid_key' } });
      expect((await call(t.baseUrl, 'GET', '/auth/whoami', { apiKey: rotated.body.key })).status).toBe(200);
      const view = await call(t.baseUrl, 'GET', `/portal/keys/${key.id}`, { token: owner.token });
      expect(view.body).toMatchObject({
        status: 'revoked',
        revoked_at: view.body.grace_expires_at,
        replaced_by_key_id: rotated.body.id,
      });
      // Out of grace it has left the default list.
      const list = await call(t.baseUrl, 'GET', '/portal/keys', { token: owner.token });
      expect(list.body.keys.map((k: { id: string }) => k.id)).toEqual([rotated.body.id]);
    });
  });

  describe('tenant security settings', () => {
    const settings = (tenantId: string, requireExpiration: boolean, maxDays: number | null) =>
      t.dataSource.query(
        `UPDATE tenants SET require_key_expiration = $2, max_key_lifetime_days = $3 WHERE id = $1`,
        [tenantId, requireExpiration, maxDays],
      );
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

    it('refuses keys without expiry when expiration is required', async () => {
      const owner = await tenantWithKey(t, ['admin']);
      await settings(owner.tenantId, true, null);
      const without = await call(t.baseUrl, 'POST', '/auth/keys', {
        apiKey: owner.apiKey.key,
        body: { name: 'x', scopes: ['search'] },
      });
      expect(without.status).toBe(422);
      expect(without.body.errors).toEqual([
        { field: 'expires_at', message: expect.stringContaining('security settings') },
      ]);
      const withExpiry = await call(t.baseUrl, 'POST', '/auth/keys', {
        apiKey: owner.apiKey.key,
        body: { name: 'x', scopes: ['search'], expires_at: inDays(400) },
      });
      expect(withExpiry.status).toBe(201);
    });

    it('refuses keys beyond the maximum lifetime, and keys without expiry then too', async () => {
      const owner = await signup(t);
      await settings(owner.tenantId, false, 30);
      const create = (body: Record<string, unknown>) =>
        call(t.baseUrl, 'POST', '/portal/keys', {
          token: owner.token,
          body: { name: 'x', scopes: ['search'], ...body },
        });
      const tooLong = await create({ expires_at: inDays(31) });
      expect(tooLong.status).toBe(422);
      expect(tooLong.body.errors).toEqual([
        { field: 'expires_at', message: expect.stringContaining('30 days') },
      ]);
      const forever = await create({});
      expect(forever.status).toBe(422);
      expect(forever.body.errors[0]).toMatchObject({
        field: 'expires_at',
        message: expect.stringContaining('30 days'),
      });
      const ok = await create({ expires_at: inDays(29) });
      expect(ok.status).toBe(201);
      // Rotation keeps the expiry and is never refused by the settings.
      const rotated = await call(t.baseUrl, 'POST', `/portal/keys/${ok.body.id}/rotate`, {
        token: owner.token,
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body.expires_at).toBe(ok.body.expires_at);
    });
  });
});
