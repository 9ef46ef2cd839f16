import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { mintKey, setPlan, signup, tenantWithKey } from '../support/factories.js';
import type { components } from '../generated/api.js';
import { bearer, outcome } from '../support/http.js';
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
      const headers = bearer(owner.token);
      await t.api.DELETE('/api/v1/portal/keys/{id}', { headers, params: { path: { id: revoked.id } } });

      const answers = await Promise.all(
        Array.from({ length: 15 }, async (_, i) =>
          outcome(
            await t.api.POST('/api/v1/portal/keys', {
              headers,
              body: { name: `race ${i}`, scopes: ['search'] },
            }),
          ),
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

      const projects = await t.api.GET('/api/v1/projects', { headers });
      expect(projects.data!.projects).toEqual([
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
      const headers = bearer(owner.apiKey.key);
      const create = (name: string) =>
        t.api.POST('/api/v1/auth/keys', { headers, body: { name, scopes: ['search'] } });
      const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => create(`race ${i}`)));
      expect(answers.filter((a) => a.response.status === 201)).toHaveLength(9);
      expect(
        answers.filter((a) => a.response.status === 409 && a.error?.error === 'key_limit_reached'),
      ).toHaveLength(6);
      expect(await activeInDb(project.id)).toBe(10);

      // At the limit: rotation (with or without grace) still works and keeps the count.
      const victim = answers.find((a) => a.response.status === 201)!.data!;
      const rotated = await t.api.POST('/api/v1/auth/keys/{id}/rotate', {
        headers,
        params: { path: { id: victim.id } },
        body: { grace_period_seconds: 600 },
      });
      expect(rotated.response.status).toBe(200);
      expect(await activeInDb(project.id)).toBe(10);
      const again = await t.api.POST('/api/v1/auth/keys/{id}/rotate', {
        headers,
        params: { path: { id: rotated.data!.id } },
      });
      expect(again.response.status).toBe(200);
      expect(await activeInDb(project.id)).toBe(10);

      // Revoking frees a slot.
      expect((await create('one more')).response.status).toBe(409);
      await t.api.DELETE('/api/v1/auth/keys/{id}', { headers, params: { path: { id: again.data!.id } } });
      expect((await create('one more')).response.status).toBe(201);
    });

    it('counts per project, and takes the limit from the plan', async () => {
      const owner = await signup(t);
      for (let i = 0; i < 10; i++) await mintKey(t, owner.tenantId, { scopes: ['search'] });
      const headers = bearer(owner.token);
      const create = async (body: Partial<components['schemas']['CreateKeyDto']>) =>
        outcome(
          await t.api.POST('/api/v1/portal/keys', {
            headers,
            body: { name: 'k', scopes: ['search'], ...body },
          }),
        );
      expect((await create({})).status).toBe(409);
      const other = await t.api.POST('/api/v1/projects', { headers, body: { name: 'other' } });
      expect((await create({ project_id: other.data!.id })).status).toBe(201);

      await setPlan(t, owner.tenantId, 'scale');
      expect((await create({})).status).toBe(201);
      const projects = await t.api.GET('/api/v1/projects', { headers });
      expect(projects.data!.projects.map((p) => p)).toEqual([
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
          t.api.POST('/api/v1/portal/keys/{id}/rotate', {
            headers: bearer(owner.token),
            params: { path: { id: key.id } },
            body: { grace_period_seconds: i % 2 === 0 ? 0 : 60 },
          }),
        ),
      );
      const winners = answers.filter((a) => a.response.status === 200);
      expect(winners).toHaveLength(1);
      const losers = answers.filter((a) => a.response.status === 409);
      expect(losers).toHaveLength(9);
      for (const l of losers) expect(l.error).toMatchObject({ error: 'conflict' });
      const rows: { id: string; replaced_by_key_id: string | null }[] = await t.dataSource.query(
        `SELECT id, replaced_by_key_id FROM api_keys WHERE tenant_id = $1 AND name = 'contested'`,
        [owner.tenantId],
      );
      expect(rows).toHaveLength(2);
      expect(rows.find((r) => r.id === key.id)!.replaced_by_key_id).toBe(winners[0]!.data!.id);
      expect(await auditEvents(t, owner.tenantId, 'api_key.rotated')).toHaveLength(1);
    });

    it('lets a rotation and a revocation race without leaving both keys active', async () => {
      const owner = await signup(t);
      const key = await mintKey(t, owner.tenantId, { scopes: ['search'] });
      const headers = bearer(owner.token);
      const params = { path: { id: key.id } };
      const [rotate, revoke] = await Promise.all([
        t.api.POST('/api/v1/portal/keys/{id}/rotate', { headers, params }),
        t.api.DELETE('/api/v1/portal/keys/{id}', { headers, params }),
      ]);
      expect(revoke.response.status).toBe(204);
      expect([200, 409]).toContain(rotate.response.status);
      const whoami = await t.api.GET('/api/v1/auth/whoami', { headers: bearer(key.key) });
      expect(whoami.response.status).toBe(401);
    });
  });

  describe('grace period', () => {
    it('keeps the old key working during grace and refuses it after', async () => {
      const owner = await signup(t);
      const key = await mintKey(t, owner.tenantId, { scopes: ['search'] });
      const headers = bearer(owner.token);
      const params = { path: { id: key.id } };
      const rotated = await t.api.POST('/api/v1/portal/keys/{id}/rotate', {
        headers,
        params,
        body: { grace_period_seconds: 2 },
      });
      expect(rotated.response.status).toBe(200);
      const successor = rotated.data!;
      const graceEnds = Date.parse(
        (await t.api.GET('/api/v1/portal/keys/{id}', { headers, params })).data!.grace_expires_at!,
      );
      const old = async () => outcome(await t.api.GET('/api/v1/auth/whoami', { headers: bearer(key.key) }));
      expect((await old()).status).toBe(200);
      const viaHeader = await t.api.GET('/api/v1/auth/whoami', { headers: { 'x-api-key': successor.key } });
      expect(viaHeader.response.status).toBe(200);
      await until(() => Date.now() > graceEnds + 50, 10_000, 'grace end');
      expect(await old()).toMatchObject({ status: 401, body: { error: 'invalid_key' } });
      const renewed = await t.api.GET('/api/v1/auth/whoami', { headers: bearer(successor.key) });
      expect(renewed.response.status).toBe(200);
      const view = await t.api.GET('/api/v1/portal/keys/{id}', { headers, params });
      expect(view.data).toMatchObject({
        status: 'revoked',
        revoked_at: view.data!.grace_expires_at,
        replaced_by_key_id: successor.id,
      });
      // Out of grace it has left the default list.
      const list = await t.api.GET('/api/v1/portal/keys', { headers });
      expect(list.data!.keys.map((k) => k.id)).toEqual([successor.id]);
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
      const headers = bearer(owner.apiKey.key);
      const without = await t.api.POST('/api/v1/auth/keys', {
        headers,
        body: { name: 'x', scopes: ['search'] },
      });
      expect(without.response.status).toBe(422);
      expect(without.error!.errors).toEqual([
        { field: 'expires_at', message: expect.stringContaining('security settings') },
      ]);
      const withExpiry = await t.api.POST('/api/v1/auth/keys', {
        headers,
        body: { name: 'x', scopes: ['search'], expires_at: inDays(400) },
      });
      expect(withExpiry.response.status).toBe(201);
    });

    it('refuses keys beyond the maximum lifetime, and keys without expiry then too', async () => {
      const owner = await signup(t);
      await settings(owner.tenantId, false, 30);
      const headers = bearer(owner.token);
      const create = (body: Partial<components['schemas']['CreateKeyDto']>) =>
        t.api.POST('/api/v1/portal/keys', { headers, body: { name: 'x', scopes: ['search'], ...body } });
      const tooLong = await create({ expires_at: inDays(31) });
      expect(tooLong.response.status).toBe(422);
      expect(tooLong.error!.errors).toEqual([
        { field: 'expires_at', message: expect.stringContaining('30 days') },
      ]);
      const forever = await create({});
      expect(forever.response.status).toBe(422);
      expect(forever.error!.errors![0]).toMatchObject({
        field: 'expires_at',
        message: expect.stringContaining('30 days'),
      });
      const ok = await create({ expires_at: inDays(29) });
      expect(ok.response.status).toBe(201);
      // Rotation keeps the expiry and is never refused by the settings.
      const rotated = await t.api.POST('/api/v1/portal/keys/{id}/rotate', {
        headers,
        params: { path: { id: ok.data!.id } },
      });
      expect(rotated.response.status).toBe(200);
      expect(rotated.data!.expires_at).toBe(ok.data!.expires_at);
    });
  });
});
