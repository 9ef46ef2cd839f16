import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { member, mintKey, signup, tenantWithKey } from '../support/factories.js';
import type { components } from '../generated/api.js';
import { bearer, call, outcome } from '../support/http.js';
import {
  auditEvents,
  defaultProject,
  KEY_FORMAT,
  KEY_VIEW_FIELDS,
  OLD_KEY_INVALID_MESSAGE,
  STORE_MESSAGE,
} from './helpers.js';

describe('API keys: the three doors (rules §4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  /** The key as Bearer or in X-Api-Key: both are credentials the contract names. */
  const whoami = async (key: string, header: 'bearer' | 'x-api-key' = 'bearer') =>
    outcome(
      await t.api.GET('/api/v1/auth/whoami', {
        headers: header === 'bearer' ? bearer(key) : { 'x-api-key': key },
      }),
    );

  describe('/auth/keys (API key)', () => {
    it('creates a key whose answer is the view plus key and message, and the key works with Bearer and X-Api-Key', async () => {
      const owner = await tenantWithKey(t, ['keys:write', 'keys:read', 'search']);
      const asKey = bearer(owner.apiKey.key);
      const res = await t.api.POST('/api/v1/auth/keys', {
        headers: asKey,
        body: { name: 'reporting', scopes: ['search'] },
      });
      expect(res.response.status).toBe(201);
      const made = res.data!;
      expect(Object.keys(made).sort()).toEqual([...KEY_VIEW_FIELDS, 'key', 'message'].sort());
      const project = await defaultProject(t, owner.tenantId);
      expect(made).toEqual({
        id: expect.any(String),
        project_id: project.id,
        environment_id: project.liveEnvironmentId,
        name: 'reporting',
        key_prefix: made.key.slice(0, 12),
        scopes: ['search'],
        status: 'active',
        expires_at: null,
        last_used_at: null,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        created_by: { type: 'api_key', id: owner.apiKey.id },
        revoked_at: null,
        replaced_by_key_id: null,
        grace_expires_at: null,
        rotation_interval_days: null,
        next_rotation_at: null,
        rotation_webhook_url: null,
        rate_limit: null,
        key: expect.stringMatching(KEY_FORMAT),
        message: STORE_MESSAGE,
      });
      expect(made.key.startsWith('sk_live_')).toBe(true);

      for (const header of ['bearer', 'x-api-key'] as const) {
        const me = await whoami(made.key, header);
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({ key_id: made.id, tenant_id: owner.tenantId, scopes: ['search'] });
      }
      // The creating key also works through X-Api-Key on the key routes.
      const listed = await t.api.GET('/api/v1/auth/keys', { headers: { 'x-api-key': owner.apiKey.key } });
      expect(listed.response.status).toBe(200);
      expect(Array.isArray(listed.data)).toBe(true);
      expect(listed.data!.map((k) => k.id)).toEqual(expect.arrayContaining([made.id, owner.apiKey.id]));
      const view = listed.data!.find((k) => k.id === made.id)!;
      expect(Object.keys(view).sort()).toEqual(KEY_VIEW_FIELDS);
      expect(view).not.toHaveProperty('key');

      const one = await t.api.GET('/api/v1/auth/keys/{id}', {
        headers: asKey,
        params: { path: { id: made.id } },
      });
      expect(one.response.status).toBe(200);
      const { key: _key, message: _message, ...expected } = made;
      expect(one.data).toEqual(expected);

      const [created] = await auditEvents(t, owner.tenantId, 'api_key.created');
      expect(created).toMatchObject({
        actor_type: 'api_key',
        actor_id: owner.apiKey.id,
        target_id: made.id,
        metadata: { name: 'reporting', scopes: ['search'], key_prefix: made.key_prefix },
      });
      expect(JSON.stringify(created)).not.toContain(made.key);
    });

    it('works through the generated client', async () => {
      const owner = await tenantWithKey(t, ['admin']);
      const headers = { authorization: `Bearer ${owner.apiKey.key}` };
      const created = await t.api.POST('/api/v1/auth/keys', {
        headers,
        body: {
          name: 'typed',
          scopes: ['entities:read'],
          expires_at: new Date(Date.now() + 86_400_000).toISOString(),
        },
      });
      expect(created.response.status).toBe(201);
      expect(created.data!.scopes).toEqual(['entities:read']);
      const fetched = await t.api.GET('/api/v1/auth/keys/{id}', {
        headers,
        params: { path: { id: created.data!.id }, query: { include: ['created_by'] } },
      });
      expect(fetched.data!.created_by).toMatchObject({
        type: 'api_key',
        id: owner.apiKey.id,
        name: 'test key',
      });
    });

    it('rotates without grace: the old key fails at once, the successor inherits everything', async () => {
      const owner = await tenantWithKey(t, ['admin']);
      const asKey = bearer(owner.apiKey.key);
      const createdRes = await t.api.POST('/api/v1/auth/keys', {
        headers: asKey,
        body: {
          name: 'rotating',
          scopes: ['search', 'usage:read'],
          expires_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          rotation_interval_days: 30,
          rate_limit: { requests_per_minute: 20 },
        },
      });
      expect(createdRes.response.status).toBe(201);
      const created = createdRes.data!;
      const params = { path: { id: created.id } };
      const rotate = () => t.api.POST('/api/v1/auth/keys/{id}/rotate', { headers: asKey, params });
      const rotatedRes = await rotate();
      expect(rotatedRes.response.status).toBe(200);
      const rotated = rotatedRes.data!;
      expect(Object.keys(rotated).sort()).toEqual(
        [...KEY_VIEW_FIELDS, 'key', 'message', 'old_key_id'].sort(),
      );
      expect(rotated).toMatchObject({
        old_key_id: created.id,
        message: OLD_KEY_INVALID_MESSAGE,
        name: 'rotating',
        scopes: ['search', 'usage:read'],
        expires_at: created.expires_at,
        project_id: created.project_id,
        environment_id: created.environment_id,
        rotation_interval_days: 30,
        rate_limit: { requests_per_minute: 20 },
        status: 'active',
      });
      expect(rotated.id).not.toBe(created.id);
      expect(rotated.key).not.toBe(created.key);
      expect(rotated.next_rotation_at).not.toBeNull();

      expect(await whoami(created.key)).toMatchObject({ status: 401, body: { error: 'invalid_key' } });
      expect((await whoami(rotated.key)).status).toBe(200);

      const old = await t.api.GET('/api/v1/auth/keys/{id}', { headers: asKey, params });
      expect(old.data).toMatchObject({
        status: 'revoked',
        replaced_by_key_id: rotated.id,
        revoked_at: expect.any(String),
        grace_expires_at: null,
        next_rotation_at: null,
      });
      const again = await rotate();
      expect(outcome(again)).toMatchObject({ status: 409, body: { error: 'conflict' } });

      const [event] = await auditEvents(t, owner.tenantId, 'api_key.rotated');
      expect(event).toMatchObject({
        actor_type: 'api_key',
        actor_id: owner.apiKey.id,
        target_id: created.id,
        metadata: { new_key_id: rotated.id, grace_period_seconds: 0 },
      });
    });

    it('revokes: 204, the key fails on the very next request, and it leaves the default list', async () => {
      const owner = await tenantWithKey(t, ['keys:read', 'keys:write', 'search']);
      const headers = bearer(owner.apiKey.key);
      const victim = (
        await t.api.POST('/api/v1/auth/keys', { headers, body: { name: 'victim', scopes: ['search'] } })
      ).data!;
      const params = { path: { id: victim.id } };
      expect((await whoami(victim.key)).status).toBe(200);
      const revoked = await t.api.DELETE('/api/v1/auth/keys/{id}', { headers, params });
      expect(revoked.response.status).toBe(204);
      expect(await revoked.response.text()).toBe('');
      expect(await whoami(victim.key)).toMatchObject({ status: 401, body: { error: 'invalid_key' } });
      expect(await whoami(victim.key, 'x-api-key')).toMatchObject({
        status: 401,
        body: { error: 'invalid_key' },
      });

      const ids = async (status?: components['schemas']['KeyStatusFilter']) =>
        (await t.api.GET('/api/v1/auth/keys', { headers, params: { query: { status } } })).data!.map(
          (k) => k.id,
        );
      expect(await ids()).not.toContain(victim.id);
      expect(await ids('active')).not.toContain(victim.id);
      expect(await ids('revoked')).toEqual([victim.id]);
      expect(await ids('all')).toEqual(expect.arrayContaining([victim.id, owner.apiKey.id]));

      const view = await t.api.GET('/api/v1/auth/keys/{id}', { headers, params });
      expect(view.data).toMatchObject({ status: 'revoked', revoked_at: expect.any(String) });
      // Idempotent, audited once.
      expect((await t.api.DELETE('/api/v1/auth/keys/{id}', { headers, params })).response.status).toBe(204);
      const events = await auditEvents(t, owner.tenantId, 'api_key.revoked');
      expect(events).toEqual([
        expect.objectContaining({
          actor_type: 'api_key',
          actor_id: owner.apiKey.id,
          target_id: victim.id,
        }),
      ]);
      // Rotating a revoked key: 409.
      expect((await t.api.POST('/api/v1/auth/keys/{id}/rotate', { headers, params })).response.status).toBe(
        409,
      );
    });

    it('lists expired keys under status=expired and still by default', async () => {
      const owner = await tenantWithKey(t, ['admin']);
      const expired = await mintKey(t, owner.tenantId, {
        scopes: ['search'],
        expiresAt: new Date(Date.now() - 1000),
      });
      const headers = bearer(owner.apiKey.key);
      const list = async (status?: components['schemas']['KeyStatusFilter']) =>
        (await t.api.GET('/api/v1/auth/keys', { headers, params: { query: { status } } })).data!.map(
          (k) => `${k.id}:${k.status}`,
        );
      expect(await list()).toContain(`${expired.id}:expired`);
      expect(await list('expired')).toEqual([`${expired.id}:expired`]);
      expect(await list('active')).toEqual([`${owner.apiKey.id}:active`]);
      expect(await whoami(expired.key)).toMatchObject({ status: 401, body: { error: 'key_expired' } });
      const rotate = await t.api.POST('/api/v1/auth/keys/{id}/rotate', {
        headers,
        params: { path: { id: expired.id } },
      });
      expect(rotate.response.status).toBe(409);
    });

    it('refuses portal tokens (API keys only)', async () => {
      const owner = await signup(t);
      const res = await t.api.GET('/api/v1/auth/keys', { headers: bearer(owner.token) });
      expect(outcome(res)).toMatchObject({
        status: 401,
        body: { error: 'invalid_key' },
      });
    });

    it('needs keys:read to read and keys:write to write', async () => {
      const list = async (key: string) =>
        outcome(await t.api.GET('/api/v1/auth/keys', { headers: bearer(key) }));
      const reader = await tenantWithKey(t, ['keys:read']);
      expect((await list(reader.apiKey.key)).status).toBe(200);
      const write = await t.api.POST('/api/v1/auth/keys', {
        headers: bearer(reader.apiKey.key),
        body: { name: 'x', scopes: ['keys:read'] },
      });
      expect(outcome(write)).toMatchObject({
        status: 403,
        body: { error: 'insufficient_scope', required_scopes: ['keys:write'] },
      });
      const searcher = await tenantWithKey(t, ['search']);
      expect(await list(searcher.apiKey.key)).toMatchObject({
        status: 403,
        body: { error: 'insufficient_scope', required_scopes: ['keys:read'] },
      });
    });
  });

  describe('/portal/keys (JWT)', () => {
    it('creates, lists as {keys}, gets, rotates with grace and revokes', async () => {
      const owner = await signup(t);
      const headers = bearer(owner.token);
      const createdRes = await t.api.POST('/api/v1/portal/keys', {
        headers,
        body: { name: 'portal key', scopes: ['admin'] },
      });
      expect(createdRes.response.status).toBe(201);
      const created = createdRes.data!;
      const params = { path: { id: created.id } };
      expect(created).toMatchObject({
        scopes: ['admin'],
        created_by: { type: 'user', id: owner.userId },
        message: STORE_MESSAGE,
        key: expect.stringMatching(/^sk_live_/),
      });
      const list = await t.api.GET('/api/v1/portal/keys', { headers });
      expect(list.response.status).toBe(200);
      expect(Object.keys(list.data!)).toEqual(['keys']);
      expect(list.data!.keys).toHaveLength(1);
      expect(Object.keys(list.data!.keys[0]!).sort()).toEqual(KEY_VIEW_FIELDS);

      const rotatedRes = await t.api.POST('/api/v1/portal/keys/{id}/rotate', {
        headers,
        params,
        body: { grace_period_seconds: 3600 },
      });
      expect(rotatedRes.response.status).toBe(200);
      const rotated = rotatedRes.data!;
      expect(rotated).toMatchObject({
        old_key_id: created.id,
        message: STORE_MESSAGE,
        status: 'active',
      });
      const old = await t.api.GET('/api/v1/portal/keys/{id}', { headers, params });
      expect(old.data).toMatchObject({
        status: 'grace',
        replaced_by_key_id: rotated.id,
        revoked_at: null,
      });
      const graceEnds = Date.parse(old.data!.grace_expires_at!);
      expect(graceEnds).toBeGreaterThan(Date.now() + 3500_000);
      expect(graceEnds).toBeLessThan(Date.now() + 3700_000);
      // Both work during the grace period.
      expect((await whoami(created.key)).status).toBe(200);
      expect((await whoami(rotated.key)).status).toBe(200);
      // Grace keys are listed by default and by status=grace; rotating one again is a conflict.
      const graceList = await t.api.GET('/api/v1/portal/keys', {
        headers,
        params: { query: { status: 'grace' } },
      });
      expect(graceList.data!.keys.map((k) => k.id)).toEqual([created.id]);
      expect((await t.api.POST('/api/v1/portal/keys/{id}/rotate', { headers, params })).response.status).toBe(
        409,
      );
      // Revoking a key in grace ends its grace.
      expect((await t.api.DELETE('/api/v1/portal/keys/{id}', { headers, params })).response.status).toBe(204);
      expect((await whoami(created.key)).status).toBe(401);
      const [event] = await auditEvents(t, owner.tenantId, 'api_key.revoked');
      expect(event).toMatchObject({ actor_type: 'user', actor_id: owner.userId, target_id: created.id });
    });

    it('refuses API keys', async () => {
      const owner = await tenantWithKey(t, ['admin']);
      const res = await t.api.GET('/api/v1/portal/keys', { headers: bearer(owner.apiKey.key) });
      expect(outcome(res)).toMatchObject({
        status: 401,
        body: { error: 'invalid_token' },
      });
    });
  });

  describe('/api-keys (either credential)', () => {
    it('requires project_id on list and create, and answers the rotation summary', async () => {
      const owner = await tenantWithKey(t, ['admin']);
      const project = await defaultProject(t, owner.tenantId);
      const asUser = bearer(owner.token);
      const asKey = bearer(owner.apiKey.key);
      // Raw: without project_id, which the contract requires, in the body and in the query.
      const noProject = await call(t.baseUrl, 'POST', '/api-keys', {
        token: owner.token,
        body: { name: 'x', scopes: ['search'] },
      });
      expect(noProject.status).toBe(422);
      expect(noProject.body.errors).toEqual([expect.objectContaining({ field: 'project_id' })]);
      const listNoProject = await call(t.baseUrl, 'GET', '/api-keys', { apiKey: owner.apiKey.key });
      expect(listNoProject.status).toBe(422);
      expect(listNoProject.body.errors).toEqual([expect.objectContaining({ field: 'project_id' })]);

      const createdRes = await t.api.POST('/api/v1/api-keys', {
        headers: asKey,
        body: { name: 'by project', scopes: ['ingest'], project_id: project.id },
      });
      expect(createdRes.response.status).toBe(201);
      const created = createdRes.data!;
      expect(Object.keys(created).sort()).toEqual([...KEY_VIEW_FIELDS, 'key', 'message'].sort());

      const query = { project_id: project.id };
      const byJwt = await t.api.GET('/api/v1/api-keys', { headers: asUser, params: { query } });
      const byKey = await t.api.GET('/api/v1/api-keys', { headers: asKey, params: { query } });
      expect(byJwt.response.status).toBe(200);
      expect(byKey.response.status).toBe(200);
      expect(Array.isArray(byJwt.data)).toBe(true);
      expect(byJwt.data!.map((k) => k.id).sort()).toEqual([created.id, owner.apiKey.id].sort());
      expect(byKey.data!.map((k) => k.id).sort()).toEqual([created.id, owner.apiKey.id].sort());

      const params = { path: { id: created.id } };
      const one = await t.api.GET('/api/v1/api-keys/{id}', { headers: asUser, params });
      expect(one.data).toMatchObject({ id: created.id, name: 'by project' });

      const rotatedRes = await t.api.POST('/api/v1/api-keys/{id}/rotate', {
        headers: asUser,
        params,
        body: { grace_period_seconds: 60 },
      });
      expect(rotatedRes.response.status).toBe(200);
      const rotated = rotatedRes.data!;
      const { message, ...summary } = rotated;
      expect(message).toBe(STORE_MESSAGE);
      expect(summary).toEqual({
        old_key_id: created.id,
        new_key_id: expect.any(String),
        project_id: project.id,
        name: 'by project',
        key: expect.stringMatching(KEY_FORMAT),
        key_prefix: rotated.key.slice(0, 12),
        scopes: ['ingest'],
        expires_at: null,
        created_at: expect.any(String),
        grace_expires_at: expect.any(String),
      });
      const noGrace = await t.api.POST('/api/v1/api-keys/{id}/rotate', {
        headers: asKey,
        params: { path: { id: rotated.new_key_id } },
      });
      expect(noGrace.data).toMatchObject({ grace_expires_at: null, message: OLD_KEY_INVALID_MESSAGE });

      const deleted = await t.api.DELETE('/api/v1/api-keys/{id}', {
        headers: asUser,
        params: { path: { id: noGrace.data!.new_key_id } },
      });
      expect(deleted.response.status).toBe(204);
      expect((await whoami(noGrace.data!.key)).status).toBe(401);
    });
  });

  describe('GET one key with include=', () => {
    it('adds usage, history and created_by; all adds every part; unknown tokens are 422', async () => {
      const owner = await signup(t);
      const headers = bearer(owner.token);
      const first = (
        await t.api.POST('/api/v1/portal/keys', { headers, body: { name: 'chain', scopes: ['search'] } })
      ).data!;
      const second = (
        await t.api.POST('/api/v1/portal/keys/{id}/rotate', { headers, params: { path: { id: first.id } } })
      ).data!;
      const third = (
        await t.api.POST('/api/v1/portal/keys/{id}/rotate', {
          headers,
          params: { path: { id: second.id } },
          body: { grace_period_seconds: 100 },
        })
      ).data!;
      const get = (include?: components['schemas']['KeyInclude'][]) =>
        t.api.GET('/api/v1/portal/keys/{id}', {
          headers,
          params: { path: { id: third.id }, query: { include } },
        });

      const plain = await get();
      expect(plain.data).not.toHaveProperty('usage');
      expect(plain.data).not.toHaveProperty('history');
      expect(plain.data!.created_by).toEqual({ type: 'user', id: owner.userId });

      const history = await get(['history']);
      expect(history.data!.history!.map((k) => [k.id, k.status])).toEqual([
        [second.id, 'grace'],
        [first.id, 'revoked'],
      ]);
      expect(history.data).not.toHaveProperty('usage');

      const creator = await get(['created_by']);
      expect(creator.data!.created_by).toEqual({
        type: 'user',
        id: owner.userId,
        email: owner.email,
        display_name: null,
      });

      const usage = await get(['usage', 'history']);
      expect(usage.data!.usage!.days).toHaveLength(30);
      expect(usage.data!.usage).toMatchObject({ total_requests: 0, total_rejected: 0 });
      expect(usage.data!.history).toHaveLength(2);

      const all = await get(['all']);
      expect(all.data).toHaveProperty('usage');
      expect(all.data).toHaveProperty('history');
      expect(all.data!.created_by).toHaveProperty('email', owner.email);

      // Raw: `secrets` is no include the contract lists.
      const bad = await call(t.baseUrl, 'GET', `/portal/keys/${third.id}?include=usage,secrets`, {
        token: owner.token,
      });
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ error: 'validation_error' });
      expect(bad.body.errors[0]).toMatchObject({
        field: 'include',
        message: expect.stringContaining('usage, history'),
      });
    });
  });

  describe('validation (422 with field errors)', () => {
    let owner: Awaited<ReturnType<typeof signup>>;
    beforeAll(async () => {
      owner = await signup(t);
    });
    /** Bodies the contract allows, refused by the server's rules (or accepted). */
    const create = (body: components['schemas']['CreateKeyDto']) =>
      t.api.POST('/api/v1/portal/keys', { headers: bearer(owner.token), body });
    /** Raw: for bodies outside the contract (unknown scopes, wrong types, out of range, unknown fields). */
    const createRaw = (body: unknown) =>
      call(t.baseUrl, 'POST', '/portal/keys', { token: owner.token, body });
    type Errors = { errors?: { field: string }[] };
    /** The fields a 422 names, from a raw answer or a typed one. */
    const fields = (res: { body?: Errors; error?: Errors }) =>
      (res.error ?? res.body)!.errors!.map((e) => e.field);

    it('names unknown scopes by index and lists the valid ones', async () => {
      const res = await createRaw({ name: 'x', scopes: ['search', 'superuser', 'keys:delete'] });
      expect(res.status).toBe(422);
      expect(res.body.error).toBe('validation_error');
      expect(fields(res)).toEqual(['scopes[1]', 'scopes[2]']);
      expect(res.body.errors[0].message).toContain('search, ingest, upload, entities');
    });

    it('refuses an empty or missing scope list', async () => {
      const empty = await create({ name: 'x', scopes: [] });
      expect(empty.response.status).toBe(422);
      expect(empty.error!.errors).toEqual([
        { field: 'scopes', message: expect.stringContaining('valid scopes') },
      ]);
      expect(fields(await createRaw({ name: 'x' }))).toContain('scopes');
      expect(fields(await createRaw({ name: 'x', scopes: 'search' }))).toContain('scopes');
    });

    it('refuses expires_at in the past or malformed', async () => {
      const past = await create({ name: 'x', scopes: ['search'], expires_at: '2020-01-01T00:00:00.000Z' });
      expect(past.response.status).toBe(422);
      expect(past.error!.errors).toEqual([{ field: 'expires_at', message: 'must be in the future' }]);
      expect(fields(await createRaw({ name: 'x', scopes: ['search'], expires_at: 'tomorrow' }))).toEqual([
        'expires_at',
      ]);
    });

    it('wants a name of 1 to 100 characters', async () => {
      expect(fields(await createRaw({ name: '', scopes: ['search'] }))).toContain('name');
      expect(fields(await create({ name: '   ', scopes: ['search'] }))).toContain('name');
      expect(fields(await createRaw({ name: 'n'.repeat(101), scopes: ['search'] }))).toContain('name');
      expect(fields(await createRaw({ scopes: ['search'] }))).toContain('name');
      expect((await create({ name: 'n'.repeat(100), scopes: ['search'] })).response.status).toBe(201);
    });

    it('checks rotation, rate limit and unknown fields', async () => {
      expect(fields(await createRaw({ name: 'x', scopes: ['search'], rotation_interval_days: 0 }))).toEqual([
        'rotation_interval_days',
      ]);
      expect(fields(await createRaw({ name: 'x', scopes: ['search'], rotation_interval_days: 366 }))).toEqual(
        ['rotation_interval_days'],
      );
      // Over the plan's limit: a value the contract allows (minimum 1), refused by the tenant's plan.
      const overPlan = await create({
        name: 'x',
        scopes: ['search'],
        rate_limit: { requests_per_minute: 61 },
      });
      expect(overPlan.error!.errors).toEqual([
        { field: 'rate_limit.requests_per_minute', message: expect.stringContaining('at most 60') },
      ]);
      expect(
        fields(await createRaw({ name: 'x', scopes: ['search'], rate_limit: { requests_per_minute: 0 } })),
      ).toEqual(['rate_limit.requests_per_minute']);
      // A nested object given as a list (or a list of lists) is not that object.
      for (const rateLimit of [[{ requests_per_minute: 5 }], [[{ requests_per_minute: 5 }]], 5, 'fast']) {
        const refused = await createRaw({ name: 'x', scopes: ['search'], rate_limit: rateLimit });
        expect(refused.status).toBe(422);
        expect(refused.body.errors).toEqual([{ field: 'rate_limit', message: expect.any(String) }]);
      }
      expect(fields(await createRaw({ name: 'x', scopes: ['search'], rate_limit: { rpm: 5 } }))).toContain(
        'rate_limit.rpm',
      );
      expect(fields(await createRaw({ name: 'x', scopes: ['search'], owner: 'me' }))).toEqual(['owner']);
      expect(fields(await createRaw({ name: 'x', scopes: ['search'], project_id: 'nope' }))).toEqual([
        'project_id',
      ]);
      const ok = await create({ name: 'x', scopes: ['search'], rate_limit: { requests_per_minute: 60 } });
      expect(ok.data!.rate_limit).toEqual({ requests_per_minute: 60 });
    });

    it('takes null for the optional fields', async () => {
      const res = await create({
        name: 'nulls',
        scopes: ['search'],
        expires_at: null,
        rotation_interval_days: null,
        rotation_webhook_url: null,
        rate_limit: null,
      });
      expect(res.response.status).toBe(201);
      expect(res.data).toMatchObject({
        expires_at: null,
        rotation_interval_days: null,
        next_rotation_at: null,
        rotation_webhook_url: null,
        rate_limit: null,
      });
      expect(fields(await create({ name: 'x', scopes: ['search'], rotation_webhook_url: '' }))).toEqual([
        'rotation_webhook_url',
      ]);
    });

    it('reports several bad fields at once', async () => {
      const res = await createRaw({ name: 'x', scopes: ['nope'], expires_at: '2001-01-01T00:00:00Z' });
      expect(fields(res).sort()).toEqual(['expires_at', 'scopes[0]']);
    });

    it('checks grace_period_seconds, status and ids', async () => {
      const key = await create({ name: 'g', scopes: ['search'] });
      // Raw from here: out of range, a fraction, an unknown status, a non-UUID id, days over 90.
      const rotate = (body: unknown) =>
        call(t.baseUrl, 'POST', `/portal/keys/${key.data!.id}/rotate`, { token: owner.token, body });
      expect(fields(await rotate({ grace_period_seconds: 604_801 }))).toEqual(['grace_period_seconds']);
      expect(fields(await rotate({ grace_period_seconds: -1 }))).toEqual(['grace_period_seconds']);
      expect(fields(await rotate({ grace_period_seconds: 1.5 }))).toEqual(['grace_period_seconds']);
      const bogus = await call(t.baseUrl, 'GET', '/portal/keys?status=bogus', { token: owner.token });
      expect(fields(bogus)).toEqual(['status']);
      expect(await call(t.baseUrl, 'GET', '/portal/keys/not-a-uuid', { token: owner.token })).toMatchObject({
        status: 404,
        body: { error: 'not_found' },
      });
      const usage = await call(t.baseUrl, 'GET', `/portal/keys/${key.data!.id}/usage?days=91`, {
        token: owner.token,
      });
      expect(fields(usage)).toEqual(['days']);
    });
  });

  describe('tenant isolation', () => {
    it("answers 404 for another tenant's key on every door", async () => {
      const a = await tenantWithKey(t, ['admin']);
      const b = await tenantWithKey(t, ['admin']);
      const foreign = b.apiKey.id;
      const asKey = { headers: bearer(a.apiKey.key) };
      const asUser = { headers: bearer(a.token) };
      const params = { path: { id: foreign } };
      const inProject = { query: { project_id: b.apiKey.projectId } };
      type Answer = { response: Response; error?: { error?: string } };
      const probes: [string, string, () => Promise<Answer>][] = [
        ['GET', `/auth/keys/${foreign}`, () => t.api.GET('/api/v1/auth/keys/{id}', { ...asKey, params })],
        [
          'POST',
          `/auth/keys/${foreign}/rotate`,
          () => t.api.POST('/api/v1/auth/keys/{id}/rotate', { ...asKey, params }),
        ],
        [
          'DELETE',
          `/auth/keys/${foreign}`,
          () => t.api.DELETE('/api/v1/auth/keys/{id}', { ...asKey, params }),
        ],
        [
          'GET',
          `/portal/keys/${foreign}`,
          () => t.api.GET('/api/v1/portal/keys/{id}', { ...asUser, params }),
        ],
        [
          'GET',
          `/portal/keys/${foreign}/usage`,
          () => t.api.GET('/api/v1/portal/keys/{id}/usage', { ...asUser, params }),
        ],
        [
          'POST',
          `/portal/keys/${foreign}/rotate`,
          () => t.api.POST('/api/v1/portal/keys/{id}/rotate', { ...asUser, params }),
        ],
        [
          'DELETE',
          `/portal/keys/${foreign}`,
          () => t.api.DELETE('/api/v1/portal/keys/{id}', { ...asUser, params }),
        ],
        ['GET', `/api-keys/${foreign}`, () => t.api.GET('/api/v1/api-keys/{id}', { ...asUser, params })],
        [
          'POST',
          `/api-keys/${foreign}/rotate`,
          () => t.api.POST('/api/v1/api-keys/{id}/rotate', { ...asKey, params }),
        ],
        ['DELETE', `/api-keys/${foreign}`, () => t.api.DELETE('/api/v1/api-keys/{id}', { ...asKey, params })],
        [
          'GET',
          `/api-keys?project_id=${b.apiKey.projectId}`,
          () => t.api.GET('/api/v1/api-keys', { ...asKey, params: inProject }),
        ],
        [
          'GET',
          `/auth/keys?project_id=${b.apiKey.projectId}`,
          () => t.api.GET('/api/v1/auth/keys', { ...asKey, params: inProject }),
        ],
      ];
      for (const [method, path, send] of probes) {
        const res = await send();
        expect({ method, path, status: res.response.status, error: res.error?.error }).toEqual({
          method,
          path,
          status: 404,
          error: 'not_found',
        });
      }
      const intoForeignProject = await t.api.POST('/api/v1/api-keys', {
        ...asUser,
        body: { name: 'x', scopes: ['search'], project_id: b.apiKey.projectId },
      });
      expect(outcome(intoForeignProject)).toMatchObject({ status: 404, body: { error: 'not_found' } });
      const intoForeignEnvironment = await t.api.POST('/api/v1/auth/keys', {
        ...asKey,
        body: { name: 'x', scopes: ['search'], environment_id: b.apiKey.environmentId },
      });
      expect(outcome(intoForeignEnvironment)).toMatchObject({ status: 404, body: { error: 'not_found' } });
      // b's key is untouched and never listed for a.
      expect((await whoami(b.apiKey.key)).status).toBe(200);
      const listed = await t.api.GET('/api/v1/auth/keys', { ...asKey, params: { query: { status: 'all' } } });
      expect(listed.data!.map((k) => k.id)).not.toContain(foreign);
    });
  });

  describe('no escalation (rules §2)', () => {
    it('lets a key mint only scopes it holds itself, expanded', async () => {
      const owner = await tenantWithKey(t, ['keys:write', 'search', 'entities:read', 'ingest']);
      const mint = async (scopes: components['schemas']['Scope'][]) =>
        outcome(
          await t.api.POST('/api/v1/auth/keys', {
            headers: bearer(owner.apiKey.key),
            body: { name: 'x', scopes },
          }),
        );
      expect(await mint(['admin'])).toMatchObject({
        status: 403,
        body: { error: 'insufficient_scope', required_scopes: ['admin'] },
      });
      expect(await mint(['entities'])).toMatchObject({
        status: 403,
        body: { error: 'insufficient_scope', required_scopes: ['entities'] },
      });
      expect(await mint(['search', 'audit:read', 'keys:read'])).toMatchObject({
        status: 403,
        body: { error: 'insufficient_scope', required_scopes: ['keys:read', 'audit:read'] },
      });
      expect((await mint(['search', 'entities:read', 'upload', 'keys:write'])).status).toBe(201);
      expect(await auditEvents(t, owner.tenantId, 'api_key.created')).toHaveLength(1);
    });

    it('refuses to rotate a key with scopes the caller lacks, but may revoke it', async () => {
      const owner = await tenantWithKey(t, ['keys:write', 'search']);
      const admin = await mintKey(t, owner.tenantId, { scopes: ['admin'] });
      const headers = bearer(owner.apiKey.key);
      const params = { path: { id: admin.id } };
      const rotate = await t.api.POST('/api/v1/auth/keys/{id}/rotate', { headers, params });
      expect(outcome(rotate)).toMatchObject({
        status: 403,
        body: { error: 'insufficient_scope', required_scopes: ['admin'] },
      });
      expect((await whoami(admin.key)).status).toBe(200);
      expect((await t.api.DELETE('/api/v1/auth/keys/{id}', { headers, params })).response.status).toBe(204);
    });
  });

  describe('roles on the portal and /api-keys', () => {
    it('lets developers manage ordinary keys but never admin, keys:* or audit:read', async () => {
      const owner = await signup(t);
      const dev = await member(t, owner.tenantId, 'developer');
      const asDev = bearer(dev.token);
      const create = (scopes: components['schemas']['Scope'][]) =>
        t.api.POST('/api/v1/portal/keys', { headers: asDev, body: { name: 'dev key', scopes } });
      const refused: components['schemas']['Scope'][][] = [
        ['admin'],
        ['keys:read'],
        ['keys:write'],
        ['audit:read'],
        ['search', 'keys:write'],
      ];
      for (const scopes of refused) {
        const res = await create(scopes);
        expect({ scopes, status: res.response.status, error: res.error?.error }).toEqual({
          scopes,
          status: 403,
          error: 'forbidden',
        });
      }
      const ok = await create(['search', 'ingest', 'entities', 'usage:read']);
      expect(ok.response.status).toBe(201);
      expect(ok.data!.created_by).toEqual({ type: 'user', id: dev.userId });
      const rotated = await t.api.POST('/api/v1/portal/keys/{id}/rotate', {
        headers: asDev,
        params: { path: { id: ok.data!.id } },
      });
      expect(rotated.response.status).toBe(200);
      const revoked = await t.api.DELETE('/api/v1/portal/keys/{id}', {
        headers: asDev,
        params: { path: { id: rotated.data!.id } },
      });
      expect(revoked.response.status).toBe(204);

      const adminKey = await mintKey(t, owner.tenantId, { scopes: ['admin'] });
      const keysKey = await mintKey(t, owner.tenantId, { scopes: ['search', 'keys:read'] });
      for (const id of [adminKey.id, keysKey.id]) {
        const params = { path: { id } };
        const rotate = await t.api.POST('/api/v1/portal/keys/{id}/rotate', { headers: asDev, params });
        expect(rotate.error?.error).toBe('forbidden');
        expect(
          (await t.api.DELETE('/api/v1/api-keys/{id}', { headers: asDev, params })).response.status,
        ).toBe(403);
      }
      expect((await whoami(adminKey.key)).status).toBe(200);
      // An admin member may.
      const admin = await member(t, owner.tenantId, 'admin');
      const byAdmin = await t.api.POST('/api/v1/portal/keys', {
        headers: bearer(admin.token),
        body: { name: 'a', scopes: ['admin'] },
      });
      expect(byAdmin.response.status).toBe(201);
    });

    it('lets viewers read but not write', async () => {
      const owner = await signup(t);
      const viewer = await member(t, owner.tenantId, 'viewer');
      const key = await mintKey(t, owner.tenantId, { scopes: ['search'] });
      const project = await defaultProject(t, owner.tenantId);
      const headers = bearer(viewer.token);
      const params = { path: { id: key.id } };
      expect((await t.api.GET('/api/v1/portal/keys', { headers })).response.status).toBe(200);
      expect((await t.api.GET('/api/v1/portal/keys/{id}', { headers, params })).response.status).toBe(200);
      expect((await t.api.GET('/api/v1/portal/keys/{id}/usage', { headers, params })).response.status).toBe(
        200,
      );
      const inProject = { query: { project_id: project.id } };
      expect((await t.api.GET('/api/v1/api-keys', { headers, params: inProject })).response.status).toBe(200);
      type Answer = { response: Response; error?: { error?: string } };
      const writes: [string, () => Promise<Answer>][] = [
        [
          '/portal/keys',
          () => t.api.POST('/api/v1/portal/keys', { headers, body: { name: 'v', scopes: ['search'] } }),
        ],
        [
          `/portal/keys/${key.id}/rotate`,
          () => t.api.POST('/api/v1/portal/keys/{id}/rotate', { headers, params, body: {} }),
        ],
        [`/portal/keys/${key.id}`, () => t.api.DELETE('/api/v1/portal/keys/{id}', { headers, params })],
        [
          '/api-keys',
          () =>
            t.api.POST('/api/v1/api-keys', {
              headers,
              body: { name: 'v', scopes: ['search'], project_id: project.id },
            }),
        ],
        [`/api-keys/${key.id}`, () => t.api.DELETE('/api/v1/api-keys/{id}', { headers, params })],
      ];
      for (const [path, send] of writes) {
        const res = await send();
        expect({ path, status: res.response.status, error: res.error?.error }).toEqual({
          path,
          status: 403,
          error: 'forbidden',
        });
      }
      expect((await whoami(key.key)).status).toBe(200);
    });
  });
});
