import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { member, mintKey, signup, tenantWithKey } from '../support/factories.js';
import { call } from '../support/http.js';
import { auditEvents, defaultProject } from './helpers.js';

describe('projects and environments (rules §4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('lists the default project and creates one with production (live) and development (test)', async () => {
    const owner = await signup(t);
    const initial = await call(t.baseUrl, 'GET', '/projects', { token: owner.token });
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      projects: [
        {
          id: expect.any(String),
          name: 'default',
          created_at: expect.any(String),
          active_key_count: 0,
          key_limit: 10,
        },
      ],
    });

    const created = await call(t.baseUrl, 'POST', '/projects', {
      token: owner.token,
      body: { name: 'mobile app' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'mobile app',
      created_at: expect.any(String),
      active_key_count: 0,
      key_limit: 10,
      environments: [
        { id: expect.any(String), name: 'production', kind: 'live' },
        { id: expect.any(String), name: 'development', kind: 'test' },
      ],
    });
    const [event] = await auditEvents(t, owner.tenantId, 'project.created');
    expect(event).toMatchObject({ actor_type: 'user', actor_id: owner.userId, target_id: created.body.id });

    const envs = await call(t.baseUrl, 'GET', `/projects/${created.body.id}/environments`, {
      token: owner.token,
    });
    expect(envs.body).toEqual({ environments: created.body.environments });
    const one = await call(t.baseUrl, 'GET', `/projects/${created.body.id}`, { token: owner.token });
    expect(one.body).toEqual(created.body);

    const duplicate = await call(t.baseUrl, 'POST', '/projects', {
      token: owner.token,
      body: { name: 'mobile app' },
    });
    expect(duplicate).toMatchObject({ status: 409, body: { error: 'conflict' } });
    const list = await call(t.baseUrl, 'GET', '/projects', { token: owner.token });
    expect(list.body.projects.map((p: { name: string }) => p.name)).toEqual(['default', 'mobile app']);
  });

  it('makes sk_test_ keys in test environments and sk_live_ keys in live ones', async () => {
    const owner = await tenantWithKey(t, ['admin']);
    const project = await call(t.baseUrl, 'POST', '/projects', {
      apiKey: owner.apiKey.key,
      body: { name: 'svc' },
    });
    expect(project.status).toBe(201);
    const testEnv = project.body.environments.find((e: { kind: string }) => e.kind === 'test');
    const testKey = await call(t.baseUrl, 'POST', '/api-keys', {
      apiKey: owner.apiKey.key,
      body: { name: 'ci', scopes: ['search'], project_id: project.body.id, environment_id: testEnv.id },
    });
    expect(testKey.status).toBe(201);
    expect(testKey.body.key).toMatch(/^sk_test_[0-9A-Za-z]{38}$/);
    expect(testKey.body.key_prefix).toBe(testKey.body.key.slice(0, 12));
    expect(testKey.body).toMatchObject({ project_id: project.body.id, environment_id: testEnv.id });
    const whoami = await call(t.baseUrl, 'GET', '/auth/whoami', {
      apiKey: testKey.body.key,
      header: 'x-api-key',
    });
    expect(whoami.body).toMatchObject({ project_id: project.body.id, environment_id: testEnv.id });
    // Rotation keeps the environment and so the prefix.
    const rotated = await call(t.baseUrl, 'POST', `/auth/keys/${testKey.body.id}/rotate`, {
      apiKey: owner.apiKey.key,
    });
    expect(rotated.body.key).toMatch(/^sk_test_/);

    const liveKey = await call(t.baseUrl, 'POST', '/api-keys', {
      token: owner.token,
      body: { name: 'prod', scopes: ['search'], project_id: project.body.id },
    });
    const liveEnv = project.body.environments.find((e: { kind: string }) => e.kind === 'live');
    expect(liveKey.body).toMatchObject({
      environment_id: liveEnv.id,
      key: expect.stringMatching(/^sk_live_/),
    });

    // A new environment of kind test.
    const staging = await call(t.baseUrl, 'POST', `/projects/${project.body.id}/environments`, {
      token: owner.token,
      body: { name: 'staging', kind: 'test' },
    });
    expect(staging.status).toBe(201);
    expect(staging.body).toEqual({ id: expect.any(String), name: 'staging', kind: 'test' });
    const stagingKey = await call(t.baseUrl, 'POST', '/portal/keys', {
      token: owner.token,
      body: { name: 'staging', scopes: ['search'], environment_id: staging.body.id },
    });
    expect(stagingKey.body).toMatchObject({
      project_id: project.body.id,
      key: expect.stringMatching(/^sk_test_/),
    });
    const envs = await call(t.baseUrl, 'GET', `/projects/${project.body.id}/environments`, {
      apiKey: owner.apiKey.key,
    });
    expect(envs.body.environments.map((e: { name: string }) => e.name)).toEqual([
      'production',
      'development',
      'staging',
    ]);

    // environment_id must belong to project_id.
    const defaults = await defaultProject(t, owner.tenantId);
    const mismatch = await call(t.baseUrl, 'POST', '/api-keys', {
      token: owner.token,
      body: { name: 'x', scopes: ['search'], project_id: defaults.id, environment_id: staging.body.id },
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors).toEqual([{ field: 'environment_id', message: expect.any(String) }]);
  });

  it('validates environments', async () => {
    const owner = await signup(t);
    const { id } = await defaultProject(t, owner.tenantId);
    const add = (body: unknown) =>
      call(t.baseUrl, 'POST', `/projects/${id}/environments`, { token: owner.token, body });
    const bad = await add({ name: 'qa', kind: 'staging' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ field: 'kind', message: expect.stringContaining('live, test') }]);
    expect((await add({ name: '', kind: 'live' })).status).toBe(422);
    expect(await add({ name: 'production', kind: 'live' })).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
  });

  it('renames projects (audited); the default project keeps its name; names stay unique', async () => {
    const owner = await signup(t);
    const p = await call(t.baseUrl, 'POST', '/projects', { token: owner.token, body: { name: 'one' } });
    const renamed = await call(t.baseUrl, 'PATCH', `/projects/${p.body.id}`, {
      token: owner.token,
      body: { name: 'uno' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: p.body.id, name: 'uno' });
    // Audited once with both names; renaming to the same name changes nothing and audits nothing.
    await call(t.baseUrl, 'PATCH', `/projects/${p.body.id}`, { token: owner.token, body: { name: 'uno' } });
    expect(await auditEvents(t, owner.tenantId, 'project.renamed')).toEqual([
      {
        actor_type: 'user',
        actor_id: owner.userId,
        target_id: p.body.id,
        metadata: { from: 'one', to: 'uno' },
      },
    ]);
    expect(
      (
        await call(t.baseUrl, 'PATCH', `/projects/${p.body.id}`, {
          token: owner.token,
          body: { name: 'default' },
        })
      ).status,
    ).toBe(409);
    const def = await defaultProject(t, owner.tenantId);
    expect(
      (await call(t.baseUrl, 'PATCH', `/projects/${def.id}`, { token: owner.token, body: { name: 'main' } }))
        .status,
    ).toBe(409);
    expect(
      (
        await call(t.baseUrl, 'PATCH', `/projects/${p.body.id}`, {
          token: owner.token,
          body: { name: 'x', extra: 1 },
        })
      ).status,
    ).toBe(422);
  });

  it('deletes a project without working keys; 409 while it has some, and for the default project', async () => {
    const owner = await signup(t);
    const p = await call(t.baseUrl, 'POST', '/projects', { token: owner.token, body: { name: 'temp' } });
    const key = await call(t.baseUrl, 'POST', '/portal/keys', {
      token: owner.token,
      body: { name: 'k', scopes: ['search'], project_id: p.body.id },
    });
    const refused = await call(t.baseUrl, 'DELETE', `/projects/${p.body.id}`, { token: owner.token });
    expect(refused).toMatchObject({ status: 409, body: { error: 'conflict' } });
    // A key in rotation grace still works: still 409.
    const rotated = await call(t.baseUrl, 'POST', `/portal/keys/${key.body.id}/rotate`, {
      token: owner.token,
      body: { grace_period_seconds: 600 },
    });
    await call(t.baseUrl, 'DELETE', `/portal/keys/${rotated.body.id}`, { token: owner.token });
    expect((await call(t.baseUrl, 'DELETE', `/projects/${p.body.id}`, { token: owner.token })).status).toBe(
      409,
    );
    await call(t.baseUrl, 'DELETE', `/portal/keys/${key.body.id}`, { token: owner.token });

    const deleted = await call(t.baseUrl, 'DELETE', `/projects/${p.body.id}`, { token: owner.token });
    expect(deleted.status).toBe(204);
    expect((await call(t.baseUrl, 'GET', `/projects/${p.body.id}`, { token: owner.token })).status).toBe(404);
    const [event] = await auditEvents(t, owner.tenantId, 'project.deleted');
    expect(event).toMatchObject({
      actor_type: 'user',
      actor_id: owner.userId,
      target_id: p.body.id,
      metadata: { name: 'temp' },
    });

    const def = await defaultProject(t, owner.tenantId);
    expect(await call(t.baseUrl, 'DELETE', `/projects/${def.id}`, { token: owner.token })).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
  });

  it('needs keys:read / keys:write for API keys, viewer to read and admin to write for people', async () => {
    const owner = await signup(t);
    const reader = await mintKey(t, owner.tenantId, { scopes: ['keys:read'] });
    expect((await call(t.baseUrl, 'GET', '/projects', { apiKey: reader.key })).status).toBe(200);
    expect(
      await call(t.baseUrl, 'POST', '/projects', { apiKey: reader.key, body: { name: 'r' } }),
    ).toMatchObject({
      status: 403,
      body: { error: 'insufficient_scope', required_scopes: ['keys:write'] },
    });
    const searcher = await mintKey(t, owner.tenantId, { scopes: ['search'] });
    expect((await call(t.baseUrl, 'GET', '/projects', { apiKey: searcher.key })).status).toBe(403);

    const viewer = await member(t, owner.tenantId, 'viewer');
    const developer = await member(t, owner.tenantId, 'developer');
    const def = await defaultProject(t, owner.tenantId);
    expect((await call(t.baseUrl, 'GET', '/projects', { token: viewer.token })).status).toBe(200);
    expect(
      (await call(t.baseUrl, 'GET', `/projects/${def.id}/environments`, { token: viewer.token })).status,
    ).toBe(200);
    for (const who of [viewer, developer]) {
      expect(
        await call(t.baseUrl, 'POST', '/projects', { token: who.token, body: { name: 'nope' } }),
      ).toMatchObject({
        status: 403,
        body: { error: 'forbidden' },
      });
      expect(
        (
          await call(t.baseUrl, 'POST', `/projects/${def.id}/environments`, {
            token: who.token,
            body: { name: 'e', kind: 'test' },
          })
        ).status,
      ).toBe(403);
    }
    const admin = await member(t, owner.tenantId, 'admin');
    expect(
      (await call(t.baseUrl, 'POST', '/projects', { token: admin.token, body: { name: 'yes' } })).status,
    ).toBe(201);
  });

  it("answers 404 for another tenant's project", async () => {
    const a = await signup(t);
    const b = await signup(t);
    const theirs = await defaultProject(t, b.tenantId);
    const probes: [string, string, unknown][] = [
      ['GET', `/projects/${theirs.id}`, undefined],
      ['PATCH', `/projects/${theirs.id}`, { name: 'mine' }],
      ['DELETE', `/projects/${theirs.id}`, undefined],
      ['GET', `/projects/${theirs.id}/environments`, undefined],
      ['POST', `/projects/${theirs.id}/environments`, { name: 'x', kind: 'live' }],
    ];
    for (const [method, path, body] of probes) {
      const res = await call(t.baseUrl, method, path, { token: a.token, body });
      expect({ path, method, status: res.status, error: res.body.error }).toEqual({
        path,
        method,
        status: 404,
        error: 'not_found',
      });
    }
    const list = await call(t.baseUrl, 'GET', '/projects', { token: a.token });
    expect(list.body.projects.map((p: { id: string }) => p.id)).not.toContain(theirs.id);
  });
});
