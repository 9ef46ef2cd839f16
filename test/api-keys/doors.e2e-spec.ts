import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { member, mintKey, signup, tenantWithKey } from '../support/factories.js';
import { call } from '../support/http.js';
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

  const whoami = (key: string, header: 'bearer' | 'x-api-key' = 'bearer') =>
    call(t.baseUrl, 'GET', '/auth/whoami', { apiKey: key, header });

  describe('/auth/keys (API key)', () => {
    it('creates a key whose answer is the view plus key and message, and the key works with Bearer and X-Api-Key', async () => {
      const owner = await tenantWithKey(t, ['keys:write', 'keys:read', 'search']);
      const res = await call(t.baseUrl, 'POST', '/auth/keys', {
        apiKey: owner.apiKey.key,
        body: { name: 'reporting', scopes: ['search'] },
      });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual([...KEY_VIEW_FIELDS, 'key', 'message'].sort());
      const project = await defaultProject(t, owner.tenantId);
      expect(res.body).toEqual({
        id: expect.any(String),
        project_id: project.id,
        environment_id: project.liveEnvironmentId,
        name: 'reporting',
        key_prefix: res.body.key.slice(0, 12),
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
      expect(res.body.key.startsWith('sk_live_')).toBe(true);

      for (const header of ['bearer', 'x-api-key'] as const) {
        const me = await whoami(res.body.key, header);
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({ key_id: res.body.id, tenant_id: owner.tenantId, scopes: ['search'] });
      }
      // The creating key also works through X-Api-Key on the key routes.
      const listed = await call(t.baseUrl, 'GET', '/auth/keys', {
        apiKey: owner.apiKey.key,
        header: 'x-api-key',
      });
      expect(listed.status).toBe(200);
      expect(Array.isArray(listed.body)).toBe(true);
      expect(listed.body.map((k: { id: string }) => k.id)).toEqual(
        expect.arrayContaining([res.body.id, owner.apiKey.id]),
      );
      const view = listed.body.find((k: { id: string }) => k.id === res.body.id);
      expect(Object.keys(view).sort()).toEqual(KEY_VIEW_FIELDS);
      expect(view).not.toHaveProperty('key');

      const one = await call(t.baseUrl, 'GET', `/auth/keys/${res.body.id}`, { apiKey: owner.apiKey.key });
      expect(one.status).toBe(200);
      const { key: _key, message: _message, ...expected } = res.body;
      expect(one.body).toEqual(expected);

      const [created] = await auditEvents(t, owner.tenantId, 'api_key.created');
      expect(created).toMatchObject({
        actor_type: 'api_key',
        actor_id: owner.apiKey.id,
        target_id: res.body.id,
        metadata: { name: 'reporting', scopes: ['search'], key_prefix: res.body.key_prefix },
      });
      expect(JSON.stringify(created)).not.toContain(res.body.key);
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
      const created = await call(t.baseUrl, 'POST', '/auth/keys', {
        apiKey: owner.apiKey.key,
        body: {
          name: 'rotating',
          scopes: ['search', 'usage:read'],
          expires_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          rotation_interval_days: 30,
          rate_limit: { requests_per_minute: 20 },
        },
      });
      expect(created.status).toBe(201);
      const rotated = await call(t.baseUrl, 'POST', `/auth/keys/${created.body.id}/rotate`, {
        apiKey: owner.apiKey.key,
      });
      expect(rotated.status).toBe(200);
      expect(Object.keys(rotated.body).sort()).toEqual(
        [...KEY_VIEW_FIELDS, 'key', 'message', 'old_key_id'].sort(),
      );
      expect(rotated.body).toMatchObject({
        old_key_id: created.body.id,
        message: OLD_KEY_INVALID_MESSAGE,
        name: 'rotating',
        scopes: ['search', 'usage:read'],
        expires_at: created.body.expires_at,
        project_id: created.body.project_id,
        environment_id: created.body.environment_id,
        rotation_interval_days: 30,
        rate_limit: { requests_per_minute: 20 },
        status: 'active',
      });
      expect(rotated.body.id).not.toBe(created.body.id);
      expect(rotated.body.key).not.toBe(created.body.key);
      expect(rotated.body.next_rotation_at).not.toBeNull();

      expect(await whoami(created.body.key)).toMatchObject({ status: 401, body: { error: 'invalid_key' } });
      expect((await whoami(rotated.body.key)).status).toBe(200);

      const old = await call(t.baseUrl, 'GET', `/auth/keys/${created.body.id}`, { apiKey: owner.apiKey.key });
      expect(old.body).toMatchObject({
        status: 'revoked',
        replaced_by_key_id: rotated.body.id,
        revoked_at: expect.any(String),
        grace_expires_at: null,
        next_rotation_at: null,
      });
      const again = await call(t.baseUrl, 'POST', `/auth/keys/${created.body.id}/rotate`, {
        apiKey: owner.apiKey.key,
      });
      expect(again).toMatchObject({ status: 409, body: { error: 'conflict' } });

      const [event] = await auditEvents(t, owner.tenantId, 'api_key.rotated');
      expect(event).toMatchObject({
        actor_type: 'api_key',
        actor_id: owner.apiKey.id,
        target_id: created.body.id,
        metadata: { new_key_id: rotated.body.id, grace_period_seconds: 0 },
      });
    });

    it('revokes: 204, the key fails on the very next request, and it leaves the default list', async () => {
      const owner = await tenantWithKey(t, ['keys:read', 'keys:write', 'search']);
      const victim = await call(t.baseUrl, 'POST', '/auth/keys', {
        apiKey: owner.apiKey.key,
        body: { name: 'victim', scopes: ['search'] },
      });
      expect((await whoami(victim.body.key)).status).toBe(200);
      const revoked = await call(t.baseUrl, 'DELETE', `/auth/keys/${victim.body.id}`, {
        apiKey: owner.apiKey.key,
      });
      expect(revoked.status).toBe(204);
      expect(revoked.text).toBe('');
      expect(await whoami(victim.body.key)).toMatchObject({ status: 401, body: { error: 'invalid_key' } });
      expect(await whoami(victim.body.key, 'x-api-key')).toMatchObject({
        status: 401,
        body: { error: 'invalid_key' },
      });

      const ids = async (query: string) =>
        (await call(t.baseUrl, 'GET', `/auth/keys${query}`, { apiKey: owner.apiKey.key })).body.map(
          (k: { id: string }) => k.id,
        );
      expect(await ids('')).not.toContain(victim.body.id);
      expect(await ids('?status=active')).not.toContain(victim.body.id);
      expect(await ids('?status=revoked')).toEqual([victim.body.id]);
      expect(await ids('?status=all')).toEqual(expect.arrayContaining([victim.body.id, owner.apiKey.id]));

      const view = await call(t.baseUrl, 'GET', `/auth/keys/${victim.body.id}`, { apiKey: owner.apiKey.key });
      expect(view.body).toMatchObject({ status: 'revoked', revoked_at: expect.any(String) });
      // Idempotent, audited once.
      expect(
        (await call(t.baseUrl, 'DELETE', `/auth/keys/${victim.body.id}`, { apiKey: owner.apiKey.key }))
          .status,
      ).toBe(204);
      const events = await auditEvents(t, owner.tenantId, 'api_key.revoked');
      expect(events).toEqual([
        expect.objectContaining({
          actor_type: 'api_key',
          actor_id: owner.apiKey.id,
          target_id: victim.body.id,
        }),
      ]);
      // Rotating a revoked key: 409.
      expect(
        (await call(t.baseUrl, 'POST', `/auth/keys/${victim.body.id}/rotate`, { apiKey: owner.apiKey.key }))
          .status,
      ).toBe(409);
    });

    it('lists expired keys under status=expired and still by default', async () => {
      const owner = await tenantWithKey(t, ['admin']);
      const expired = await mintKey(t, owner.tenantId, {
        scopes: ['search'],
        expiresAt: new Date(Date.now() - 1000),
      });
      const list = async (query: string) =>
        (await call(t.baseUrl, 'GET', `/auth/keys${query}`, { apiKey: owner.apiKey.key })).body.map(
          (k: { id: string; status: string }) => `${k.id}:${k.status}`,
        );
      expect(await list('')).toContain(`${expired.id}:expired`);
      expect(await list('?status=expired')).toEqual([`${expired.id}:expired`]);
      expect(await list('?status=active')).toEqual([`${owner.apiKey.id}:active`]);
      expect(await whoami(expired.key)).toMatchObject({ status: 401, body: { error: 'key_expired' } });
      expect(
        (await call(t.baseUrl, 'POST', `/auth/keys/${expired.id}/rotate`, { apiKey: owner.apiKey.key }))
          .status,
      ).toBe(409);
    });

    it('refuses portal tokens (API keys only)', async () => {
      const owner = await signup(t);
      expect(await call(t.baseUrl, 'GET', '/auth/keys', { token: owner.token })).toMatchObject({
        status: 401,
        body: { error: 'invalid_key' },
      });
    });

    it('needs keys:read to read and keys:write to write', async () => {
      const reader = await tenantWithKey(t, ['keys:read']);
      expect((await call(t.baseUrl, 'GET', '/auth/keys', { apiKey: reader.apiKey.key })).status).toBe(200);
      const write = await call(t.baseUrl, 'POST', '/auth/keys', {
        apiKey: reader.apiKey.key,
        body: { name: 'x', scopes: ['keys:read'] },
      });
      expect(write).toMatchObject({
        status: 403,
        body: { error: 'insufficient_scope', required_scopes: ['keys:write'] },
      });
      const searcher = await tenantWithKey(t, ['search']);
      expect(await call(t.baseUrl, 'GET', '/auth/keys', { apiKey: searcher.apiKey.key })).toMatchObject({
        status: 403,
        body: { error: 'insufficient_scope', required_scopes: ['keys:read'] },
      });
    });
  });

  describe('/portal/keys (JWT)', () => {
    it('creates, lists as {keys}, gets, rotates with grace and revokes', async () => {
      const owner = await signup(t);
      const created = await call(t.baseUrl, 'POST', '/portal/keys', {
        token: owner.token,
        body: { name: 'portal key', scopes: ['admin'] },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        scopes: ['admin'],
        created_by: { type: 'user', id: owner.userId },
        message: STORE_MESSAGE,
        key: expect.stringMatching(/^sk_live_/),
      });
      const list = await call(t.baseUrl, 'GET', '/portal/keys', { token: owner.token });
      expect(list.status).toBe(200);
      expect(Object.keys(list.body)).toEqual(['keys']);
      expect(list.body.keys).toHaveLength(1);
      expect(Object.keys(list.body.keys[0]).sort()).toEqual(KEY_VIEW_FIELDS);

      const rotated = await call(t.baseUrl, 'POST', `/portal/keys/${created.body.id}/rotate`, {
        token: owner.token,
        body: { grace_period_seconds: 3600 },
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body).toMatchObject({
        old_key_id: created.body.id,
        message: STORE_MESSAGE,
        status: 'active',
      });
      const old = await call(t.baseUrl, 'GET', `/portal/keys/${created.body.id}`, { token: owner.token });
      expect(old.body).toMatchObject({
        status: 'grace',
        replaced_by_key_id: rotated.body.id,
        revoked_at: null,
      });
      const graceEnds = Date.parse(old.body.grace_expires_at);
      expect(graceEnds).toBeGreaterThan(Date.now() + 3500_000);
      expect(graceEnds).toBeLessThan(Date.now() + 3700_000);
      // Both work during the grace period.
      expect((await whoami(created.body.key)).status).toBe(200);
      expect((await whoami(rotated.body.key)).status).toBe(200);
      // Grace keys are listed by default and by status=grace; rotating one again is a conflict.
      const graceList = await call(t.baseUrl, 'GET', '/portal/keys?status=grace', { token: owner.token });
      expect(graceList.body.keys.map((k: { id: string }) => k.id)).toEqual([created.body.id]);
      expect(
        (await call(t.baseUrl, 'POST', `/portal/keys/${created.body.id}/rotate`, { token: owner.token }))
          .status,
      ).toBe(409);
      // Revoking a key in grace ends its grace.
      expect(
        (await call(t.baseUrl, 'DELETE', `/portal/keys/${created.body.id}`, { token: owner.token })).status,
      ).toBe(204);
      expect((await whoami(created.body.key)).status).toBe(401);
      const [event] = await auditEvents(t, owner.tenantId, 'api_key.revoked');
      expect(event).toMatchObject({ actor_type: 'user', actor_id: owner.userId, target_id: created.body.id });
    });

    it('refuses API keys', async () => {
      const owner = await tenantWithKey(t, ['admin']);
      expect(await call(t.baseUrl, 'GET', '/portal/keys', { apiKey: owner.apiKey.key })).toMatchObject({
        status: 401,
        body: { error: 'invalid_token' },
      });
    });
  });

  describe('/api-keys (either credential)', () => {
    it('requires project_id on list and create, and answers the rotation summary', async () => {
      const owner = await tenantWithKey(t, ['admin']);
      const project = await defaultProject(t, owner.tenantId);
      const noProject = await call(t.baseUrl, 'POST', '/api-keys', {
        token: owner.token,
        body: { name: 'x', scopes: ['search'] },
      });
      expect(noProject.status).toBe(422);
      expect(noProject.body.errors).toEqual([expect.objectContaining({ field: 'project_id' })]);
      const listNoProject = await call(t.baseUrl, 'GET', '/api-keys', { apiKey: owner.apiKey.key });
      expect(listNoProject.status).toBe(422);
      expect(listNoProject.body.errors).toEqual([expect.objectContaining({ field: 'project_id' })]);

      const created = await call(t.baseUrl, 'POST', '/api-keys', {
        apiKey: owner.apiKey.key,
        body: { name: 'by project', scopes: ['ingest'], project_id: project.id },
      });
      expect(created.status).toBe(201);
      expect(Object.keys(created.body).sort()).toEqual([...KEY_VIEW_FIELDS, 'key', 'message'].sort());

      const byJwt = await call(t.baseUrl, 'GET', `/api-keys?project_id=${project.id}`, {
        token: owner.token,
      });
      const byKey = await call(t.baseUrl, 'GET', `/api-keys?project_id=${project.id}`, {
        apiKey: owner.apiKey.key,
      });
      expect(byJwt.status).toBe(200);
      expect(byKey.status).toBe(200);
      expect(Array.isArray(byJwt.body)).toBe(true);
      expect(byJwt.body.map((k: { id: string }) => k.id).sort()).toEqual(
        [created.body.id, owner.apiKey.id].sort(),
      );
      expect(byKey.body.map((k: { id: string }) => k.id).sort()).toEqual(
        [created.body.id, owner.apiKey.id].sort(),
      );

      const one = await call(t.baseUrl, 'GET', `/api-keys/${created.body.id}`, { token: owner.token });
      expect(one.body).toMatchObject({ id: created.body.id, name: 'by project' });

      const rotated = await call(t.baseUrl, 'POST', `/api-keys/${created.body.id}/rotate`, {
        token: owner.token,
        body: { grace_period_seconds: 60 },
      });
      expect(rotated.status).toBe(200);
      const { message, ...summary } = rotated.body;
      expect(message).toBe(STORE_MESSAGE);
      expect(summary).toEqual({
        old_key_id: created.body.id,
        new_key_id: expect.any(String),
        project_id: project.id,
        name: 'by project',
        key: expect.stringMatching(KEY_FORMAT),
        key_prefix: rotated.body.key.slice(0, 12),
        scopes: ['ingest'],
        expires_at: null,
        created_at: expect.any(String),
        grace_expires_at: expect.any(String),
      });
      const noGrace = await call(t.baseUrl, 'POST', `/api-keys/${rotated.body.new_key_id}/rotate`, {
        apiKey: owner.apiKey.key,
      });
      expect(noGrace.body).toMatchObject({ grace_expires_at: null, message: OLD_KEY_INVALID_MESSAGE });

      expect(
        (await call(t.baseUrl, 'DELETE', `/api-keys/${noGrace.body.new_key_id}`, { token: owner.token }))
          .status,
      ).toBe(204);
      expect((await whoami(noGrace.body.key)).status).toBe(401);
    });
  });

  describe('GET one key with include=', () => {
    it('adds usage, history and created_by; all adds every part; unknown tokens are 422', async () => {
      const owner = await signup(t);
      const first = await call(t.baseUrl, 'POST', '/portal/keys', {
        token: owner.token,
        body: { name: 'chain', scopes: ['search'] },
      });
      const second = await call(t.baseUrl, 'POST', `/portal/keys/${first.body.id}/rotate`, {
        token: owner.token,
      });
      const third = await call(t.baseUrl, 'POST', `/portal/keys/${second.body.id}/rotate`, {
        token: owner.token,
        body: { grace_period_seconds: 100 },
      });

      const plain = await call(t.baseUrl, 'GET', `/portal/keys/${third.body.id}`, { token: owner.token });
      expect(plain.body).not.toHaveProperty('usage');
      expect(plain.body).not.toHaveProperty('history');
      expect(plain.body.created_by).toEqual({ type: 'user', id: owner.userId });

      const history = await call(t.baseUrl, 'GET', `/portal/keys/${third.body.id}?include=history`, {
        token: owner.token,
      });
      expect(history.body.history.map((k: { id: string; status: string }) => [k.id, k.status])).toEqual([
        [second.body.id, 'grace'],
        [first.body.id, 'revoked'],
      ]);
      expect(history.body).not.toHaveProperty('usage');

      const creator = await call(t.baseUrl, 'GET', `/portal/keys/${third.body.id}?include=created_by`, {
        token: owner.token,
      });
      expect(creator.body.created_by).toEqual({
        type: 'user',
        id: owner.userId,
        email: owner.email,
        display_name: null,
      });

      const usage = await call(t.baseUrl, 'GET', `/portal/keys/${third.body.id}?include=usage,history`, {
        token: owner.token,
      });
      expect(usage.body.usage.days).toHaveLength(30);
      expect(usage.body.usage).toMatchObject({ total_requests: 0, total_rejected: 0 });
      expect(usage.body.history).toHaveLength(2);

      const all = await call(t.baseUrl, 'GET', `/portal/keys/${third.body.id}?include=all`, {
        token: owner.token,
      });
      expect(all.body).toHaveProperty('usage');
      expect(all.body).toHaveProperty('history');
      expect(all.body.created_by).toHaveProperty('email', owner.email);

      const bad = await call(t.baseUrl, 'GET', `/portal/keys/${third.body.id}?include=usage,secrets`, {
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
    const create = (body: unknown) => call(t.baseUrl, 'POST', '/portal/keys', { token: owner.token, body });
    const fields = (res: { body: { errors: { field: string }[] } }) => res.body.errors.map((e) => e.field);

    it('names unknown scopes by index and lists the valid ones', async () => {
      const res = await create({ name: 'x', scopes: ['search', 'superuser', 'keys:delete'] });
      expect(res.status).toBe(422);
      expect(res.body.error).toBe('validation_error');
      expect(fields(res)).toEqual(['scopes[1]', 'scopes[2]']);
      expect(res.body.errors[0].message).toContain('search, ingest, upload, entities');
    });

    it('refuses an empty or missing scope list', async () => {
      const empty = await create({ name: 'x', scopes: [] });
      expect(empty.status).toBe(422);
      expect(empty.body.errors).toEqual([
        { field: 'scopes', message: expect.stringContaining('valid scopes') },
      ]);
      expect(fields(await create({ name: 'x' }))).toContain('scopes');
      expect(fields(await create({ name: 'x', scopes: 'search' }))).toContain('scopes');
    });

    it('refuses expires_at in the past or malformed', async () => {
      const past = await create({ name: 'x', scopes: ['search'], expires_at: '2020-01-01T00:00:00.000Z' });
      expect(past.status).toBe(422);
      expect(past.body.errors).toEqual([{ field: 'expires_at', message: 'must be in the future' }]);
      expect(fields(await create({ name: 'x', scopes: ['search'], expires_at: 'tomorrow' }))).toEqual([
        'expires_at',
      ]);
    });

    it('wants a name of 1 to 100 characters', async () => {
      expect(fields(await create({ name: '', scopes: ['search'] }))).toContain('name');
      expect(fields(await create({ name: '   ', scopes: ['search'] }))).toContain('name');
      expect(fields(await create({ name: 'n'.repeat(101), scopes: ['search'] }))).toContain('name');
      expect(fields(await create({ scopes: ['search'] }))).toContain('name');
      expect((await create({ name: 'n'.repeat(100), scopes: ['search'] })).status).toBe(201);
    });

    it('checks rotation, rate limit and unknown fields', async () => {
      expect(fields(await create({ name: 'x', scopes: ['search'], rotation_interval_days: 0 }))).toEqual([
        'rotation_interval_days',
      ]);
      expect(fields(await create({ name: 'x', scopes: ['search'], rotation_interval_days: 366 }))).toEqual([
        'rotation_interval_days',
      ]);
      const overPlan = await create({
        name: 'x',
        scopes: ['search'],
        rate_limit: { requests_per_minute: 61 },
      });
      expect(overPlan.body.errors).toEqual([
        { field: 'rate_limit.requests_per_minute', message: expect.stringContaining('at most 60') },
      ]);
      expect(
        fields(await create({ name: 'x', scopes: ['search'], rate_limit: { requests_per_minute: 0 } })),
      ).toEqual(['rate_limit.requests_per_minute']);
      // A nested object given as a list (or a list of lists) is not that object.
      for (const rateLimit of [[{ requests_per_minute: 5 }], [[{ requests_per_minute: 5 }]], 5, 'fast']) {
        const refused = await create({ name: 'x', scopes: ['search'], rate_limit: rateLimit });
        expect(refused.status).toBe(422);
        expect(refused.body.errors).toEqual([{ field: 'rate_limit', message: expect.any(String) }]);
      }
      expect(fields(await create({ name: 'x', scopes: ['search'], rate_limit: { rpm: 5 } }))).toContain(
        'rate_limit.rpm',
      );
      expect(fields(await create({ name: 'x', scopes: ['search'], owner: 'me' }))).toEqual(['owner']);
      expect(fields(await create({ name: 'x', scopes: ['search'], project_id: 'nope' }))).toEqual([
        'project_id',
      ]);
      const ok = await create({ name: 'x', scopes: ['search'], rate_limit: { requests_per_minute: 60 } });
      expect(ok.body.rate_limit).toEqual({ requests_per_minute: 60 });
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
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
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
      const res = await create({ name: 'x', scopes: ['nope'], expires_at: '2001-01-01T00:00:00Z' });
      expect(fields(res).sort()).toEqual(['expires_at', 'scopes[0]']);
    });

    it('checks grace_period_seconds, status and ids', async () => {
      const key = await create({ name: 'g', scopes: ['search'] });
      const rotate = (body: unknown) =>
        call(t.baseUrl, 'POST', `/portal/keys/${key.body.id}/rotate`, { token: owner.token, body });
      expect(fields(await rotate({ grace_period_seconds: 604_801 }))).toEqual(['grace_period_seconds']);
      expect(fields(await rotate({ grace_period_seconds: -1 }))).toEqual(['grace_period_seconds']);
      expect(fields(await rotate({ grace_period_seconds: 1.5 }))).toEqual(['grace_period_seconds']);
      const bogus = await call(t.baseUrl, 'GET', '/portal/keys?status=bogus', { token: owner.token });
      expect(fields(bogus)).toEqual(['status']);
      expect(await call(t.baseUrl, 'GET', '/portal/keys/not-a-uuid', { token: owner.token })).toMatchObject({
        status: 404,
        body: { error: 'not_found' },
      });
      const usage = await call(t.baseUrl, 'GET', `/portal/keys/${key.body.id}/usage?days=91`, {
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
      const probes: [string, string, { token?: string; apiKey?: string }][] = [
        ['GET', `/auth/keys/${foreign}`, { apiKey: a.apiKey.key }],
        ['POST', `/auth/keys/${foreign}/rotate`, { apiKey: a.apiKey.key }],
        ['DELETE', `/auth/keys/${foreign}`, { apiKey: a.apiKey.key }],
        ['GET', `/portal/keys/${foreign}`, { token: a.token }],
        ['GET', `/portal/keys/${foreign}/usage`, { token: a.token }],
        ['POST', `/portal/keys/${foreign}/rotate`, { token: a.token }],
        ['DELETE', `/portal/keys/${foreign}`, { token: a.token }],
        ['GET', `/api-keys/${foreign}`, { token: a.token }],
        ['POST', `/api-keys/${foreign}/rotate`, { apiKey: a.apiKey.key }],
        ['DELETE', `/api-keys/${foreign}`, { apiKey: a.apiKey.key }],
        ['GET', `/api-keys?project_id=${b.apiKey.projectId}`, { apiKey: a.apiKey.key }],
        ['GET', `/auth/keys?project_id=${b.apiKey.projectId}`, { apiKey: a.apiKey.key }],
      ];
      for (const [method, path, credential] of probes) {
        const res = await call(t.baseUrl, method, path, credential);
        expect({ method, path, status: res.status, error: res.body?.error }).toEqual({
          method,
          path,
          status: 404,
          error: 'not_found',
        });
      }
      const intoForeignProject = await call(t.baseUrl, 'POST', '/api-keys', {
        token: a.token,
        body: { name: 'x', scopes: ['search'], project_id: b.apiKey.projectId },
      });
      expect(intoForeignProject).toMatchObject({ status: 404, body: { error: 'not_found' } });
      const intoForeignEnvironment = await call(t.baseUrl, 'POST', '/auth/keys', {
        apiKey: a.apiKey.key,
        body: { name: 'x', scopes: ['search'], environment_id: b.apiKey.environmentId },
      });
      expect(intoForeignEnvironment).toMatchObject({ status: 404, body: { error: 'not_found' } });
      // b's key is untouched and never listed for a.
      expect((await whoami(b.apiKey.key)).status).toBe(200);
      const listed = await call(t.baseUrl, 'GET', '/auth/keys?status=all', { apiKey: a.apiKey.key });
      expect(listed.body.map((k: { id: string }) => k.id)).not.toContain(foreign);
    });
  });

  describe('no escalation (rules §2)', () => {
    it('lets a key mint only scopes it holds itself, expanded', async () => {
      const owner = await tenantWithKey(t, ['keys:write', 'search', 'entities:read', 'ingest']);
      const mint = (scopes: string[]) =>
        call(t.baseUrl, 'POST', '/auth/keys', { apiKey: owner.apiKey.key, body: { name: 'x', scopes } });
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
      const rotate = await call(t.baseUrl, 'POST', `/auth/keys/${admin.id}/rotate`, {
        apiKey: owner.apiKey.key,
      });
      expect(rotate).toMatchObject({
        status: 403,
        body: { error: 'insufficient_scope', required_scopes: ['admin'] },
      });
      expect((await whoami(admin.key)).status).toBe(200);
      expect(
        (await call(t.baseUrl, 'DELETE', `/auth/keys/${admin.id}`, { apiKey: owner.apiKey.key })).status,
      ).toBe(204);
    });
  });

  describe('roles on the portal and /api-keys', () => {
    it('lets developers manage ordinary keys but never admin, keys:* or audit:read', async () => {
      const owner = await signup(t);
      const dev = await member(t, owner.tenantId, 'developer');
      const create = (scopes: string[]) =>
        call(t.baseUrl, 'POST', '/portal/keys', { token: dev.token, body: { name: 'dev key', scopes } });
      for (const scopes of [
        ['admin'],
        ['keys:read'],
        ['keys:write'],
        ['audit:read'],
        ['search', 'keys:write'],
      ]) {
        const res = await create(scopes);
        expect({ scopes, status: res.status, error: res.body.error }).toEqual({
          scopes,
          status: 403,
          error: 'forbidden',
        });
      }
      const ok = await create(['search', 'ingest', 'entities', 'usage:read']);
      expect(ok.status).toBe(201);
      expect(ok.body.created_by).toEqual({ type: 'user', id: dev.userId });
      const rotated = await call(t.baseUrl, 'POST', `/portal/keys/${ok.body.id}/rotate`, {
        token: dev.token,
      });
      expect(rotated.status).toBe(200);
      expect(
        (await call(t.baseUrl, 'DELETE', `/portal/keys/${rotated.body.id}`, { token: dev.token })).status,
      ).toBe(204);

      const adminKey = await mintKey(t, owner.tenantId, { scopes: ['admin'] });
      const keysKey = await mintKey(t, owner.tenantId, { scopes: ['search', 'keys:read'] });
      for (const id of [adminKey.id, keysKey.id]) {
        expect(
          (await call(t.baseUrl, 'POST', `/portal/keys/${id}/rotate`, { token: dev.token })).body.error,
        ).toBe('forbidden');
        expect((await call(t.baseUrl, 'DELETE', `/api-keys/${id}`, { token: dev.token })).status).toBe(403);
      }
      expect((await whoami(adminKey.key)).status).toBe(200);
      // An admin member may.
      const admin = await member(t, owner.tenantId, 'admin');
      expect(
        (
          await call(t.baseUrl, 'POST', '/portal/keys', {
            token: admin.token,
            body: { name: 'a', scopes: ['admin'] },
          })
        ).status,
      ).toBe(201);
    });

    it('lets viewers read but not write', async () => {
      const owner = await signup(t);
      const viewer = await member(t, owner.tenantId, 'viewer');
      const key = await mintKey(t, owner.tenantId, { scopes: ['search'] });
      const project = await defaultProject(t, owner.tenantId);
      expect((await call(t.baseUrl, 'GET', '/portal/keys', { token: viewer.token })).status).toBe(200);
      expect((await call(t.baseUrl, 'GET', `/portal/keys/${key.id}`, { token: viewer.token })).status).toBe(
        200,
      );
      expect(
        (await call(t.baseUrl, 'GET', `/portal/keys/${key.id}/usage`, { token: viewer.token })).status,
      ).toBe(200);
      expect(
        (await call(t.baseUrl, 'GET', `/api-keys?project_id=${project.id}`, { token: viewer.token })).status,
      ).toBe(200);
      const writes: [string, string, unknown][] = [
        ['POST', '/portal/keys', { name: 'v', scopes: ['search'] }],
        ['POST', `/portal/keys/${key.id}/rotate`, {}],
        ['DELETE', `/portal/keys/${key.id}`, undefined],
        ['POST', '/api-keys', { name: 'v', scopes: ['search'], project_id: project.id }],
        ['DELETE', `/api-keys/${key.id}`, undefined],
      ];
      for (const [method, path, body] of writes) {
        const res = await call(t.baseUrl, method, path, { token: viewer.token, body });
        expect({ path, status: res.status, error: res.body.error }).toEqual({
          path,
          status: 403,
          error: 'forbidden',
        });
      }
      expect((await whoami(key.key)).status).toBe(200);
    });
  });
});
