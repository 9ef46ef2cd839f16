import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { member, mintKey, signup, tenantWithKey } from '../support/factories.js';
import { bearer, call } from '../support/http.js';
import { auditEvents, defaultProject } from './helpers.js';

describe('projects and environments (rules §4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('lists the default project and creates one with production (live) and development (test)', async () => {
    const owner = await signup(t);
    const headers = bearer(owner.token);
    const initial = await t.api.GET('/api/v1/projects', { headers });
    expect(initial.response.status).toBe(200);
    expect(initial.data).toEqual({
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

    const created = await t.api.POST('/api/v1/projects', { headers, body: { name: 'mobile app' } });
    expect(created.response.status).toBe(201);
    expect(created.data).toEqual({
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
    const project = created.data!;
    const [event] = await auditEvents(t, owner.tenantId, 'project.created');
    expect(event).toMatchObject({ actor_type: 'user', actor_id: owner.userId, target_id: project.id });

    const envs = await t.api.GET('/api/v1/projects/{id}/environments', {
      headers,
      params: { path: { id: project.id } },
    });
    expect(envs.data).toEqual({ environments: project.environments });
    const one = await t.api.GET('/api/v1/projects/{id}', { headers, params: { path: { id: project.id } } });
    expect(one.data).toEqual(project);

    const duplicate = await t.api.POST('/api/v1/projects', { headers, body: { name: 'mobile app' } });
    expect({ status: duplicate.response.status, body: duplicate.error }).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
    const list = await t.api.GET('/api/v1/projects', { headers });
    expect(list.data!.projects.map((p) => p.name)).toEqual(['default', 'mobile app']);
  });

  it('makes sk_test_ keys in test environments and sk_live_ keys in live ones', async () => {
    const owner = await tenantWithKey(t, ['admin']);
    const asKey = bearer(owner.apiKey.key);
    const asOwner = bearer(owner.token);
    const project = await t.api.POST('/api/v1/projects', { headers: asKey, body: { name: 'svc' } });
    expect(project.response.status).toBe(201);
    const svc = project.data!;
    const testEnv = svc.environments.find((e) => e.kind === 'test')!;
    const testKey = await t.api.POST('/api/v1/api-keys', {
      headers: asKey,
      body: { name: 'ci', scopes: ['search'], project_id: svc.id, environment_id: testEnv.id },
    });
    expect(testKey.response.status).toBe(201);
    expect(testKey.data!.key).toMatch(/^sk_test_[0-9A-Za-z]{38}$/);
    expect(testKey.data!.key_prefix).toBe(testKey.data!.key.slice(0, 12));
    expect(testKey.data).toMatchObject({ project_id: svc.id, environment_id: testEnv.id });
    const whoami = await t.api.GET('/api/v1/auth/whoami', { headers: { 'x-api-key': testKey.data!.key } });
    expect(whoami.data).toMatchObject({ project_id: svc.id, environment_id: testEnv.id });
    // Rotation keeps the environment and so the prefix (no body: every field of a rotate is optional).
    const rotated = await t.api.POST('/api/v1/auth/keys/{id}/rotate', {
      headers: asKey,
      params: { path: { id: testKey.data!.id } },
    });
    expect(rotated.data!.key).toMatch(/^sk_test_/);

    const liveKey = await t.api.POST('/api/v1/api-keys', {
      headers: asOwner,
      body: { name: 'prod', scopes: ['search'], project_id: svc.id },
    });
    const liveEnv = svc.environments.find((e) => e.kind === 'live')!;
    expect(liveKey.data).toMatchObject({
      environment_id: liveEnv.id,
      key: expect.stringMatching(/^sk_live_/),
    });

    // A new environment of kind test.
    const staging = await t.api.POST('/api/v1/projects/{id}/environments', {
      headers: asOwner,
      params: { path: { id: svc.id } },
      body: { name: 'staging', kind: 'test' },
    });
    expect(staging.response.status).toBe(201);
    expect(staging.data).toEqual({ id: expect.any(String), name: 'staging', kind: 'test' });
    const stagingKey = await t.api.POST('/api/v1/portal/keys', {
      headers: asOwner,
      body: { name: 'staging', scopes: ['search'], environment_id: staging.data!.id },
    });
    expect(stagingKey.data).toMatchObject({
      project_id: svc.id,
      key: expect.stringMatching(/^sk_test_/),
    });
    const envs = await t.api.GET('/api/v1/projects/{id}/environments', {
      headers: asKey,
      params: { path: { id: svc.id } },
    });
    expect(envs.data!.environments.map((e) => e.name)).toEqual(['production', 'development', 'staging']);

    // environment_id must belong to project_id.
    const defaults = await defaultProject(t, owner.tenantId);
    const mismatch = await t.api.POST('/api/v1/api-keys', {
      headers: asOwner,
      body: { name: 'x', scopes: ['search'], project_id: defaults.id, environment_id: staging.data!.id },
    });
    expect(mismatch.response.status).toBe(422);
    expect(mismatch.error!.errors).toEqual([{ field: 'environment_id', message: expect.any(String) }]);
  });

  it('validates environments', async () => {
    const owner = await signup(t);
    const { id } = await defaultProject(t, owner.tenantId);
    // Raw: these bodies break the contract (unknown kind, empty name).
    const add = (body: unknown) =>
      call(t.baseUrl, 'POST', `/projects/${id}/environments`, { token: owner.token, body });
    const bad = await add({ name: 'qa', kind: 'staging' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ field: 'kind', message: expect.stringContaining('live, test') }]);
    expect((await add({ name: '', kind: 'live' })).status).toBe(422);
    const taken = await t.api.POST('/api/v1/projects/{id}/environments', {
      headers: bearer(owner.token),
      params: { path: { id } },
      body: { name: 'production', kind: 'live' },
    });
    expect({ status: taken.response.status, body: taken.error }).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
  });

  it('renames projects (audited); the default project keeps its name; names stay unique', async () => {
    const owner = await signup(t);
    const headers = bearer(owner.token);
    const rename = (id: string, name: string) =>
      t.api.PATCH('/api/v1/projects/{id}', { headers, params: { path: { id } }, body: { name } });
    const p = (await t.api.POST('/api/v1/projects', { headers, body: { name: 'one' } })).data!;
    const renamed = await rename(p.id, 'uno');
    expect(renamed.response.status).toBe(200);
    expect(renamed.data).toMatchObject({ id: p.id, name: 'uno' });
    // Audited once with both names; renaming to the same name changes nothing and audits nothing.
    await rename(p.id, 'uno');
    expect(await auditEvents(t, owner.tenantId, 'project.renamed')).toEqual([
      {
        actor_type: 'user',
        actor_id: owner.userId,
        target_id: p.id,
        metadata: { from: 'one', to: 'uno' },
      },
    ]);
    expect((await rename(p.id, 'default')).response.status).toBe(409);
    const def = await defaultProject(t, owner.tenantId);
    expect((await rename(def.id, 'main')).response.status).toBe(409);
    // Raw: an unknown field is outside the contract.
    expect(
      (
        await call(t.baseUrl, 'PATCH', `/projects/${p.id}`, {
          token: owner.token,
          body: { name: 'x', extra: 1 },
        })
      ).status,
    ).toBe(422);
  });

  it('deletes a project without working keys; 409 while it has some, and for the default project', async () => {
    const owner = await signup(t);
    const headers = bearer(owner.token);
    const deleteProject = (id: string) =>
      t.api.DELETE('/api/v1/projects/{id}', { headers, params: { path: { id } } });
    const revokeKey = (id: string) =>
      t.api.DELETE('/api/v1/portal/keys/{id}', { headers, params: { path: { id } } });
    const p = (await t.api.POST('/api/v1/projects', { headers, body: { name: 'temp' } })).data!;
    const key = (
      await t.api.POST('/api/v1/portal/keys', {
        headers,
        body: { name: 'k', scopes: ['search'], project_id: p.id },
      })
    ).data!;
    const refused = await deleteProject(p.id);
    expect({ status: refused.response.status, body: refused.error }).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
    // A key in rotation grace still works: still 409.
    const rotated = await t.api.POST('/api/v1/portal/keys/{id}/rotate', {
      headers,
      params: { path: { id: key.id } },
      body: { grace_period_seconds: 600 },
    });
    await revokeKey(rotated.data!.id);
    expect((await deleteProject(p.id)).response.status).toBe(409);
    await revokeKey(key.id);

    const deleted = await deleteProject(p.id);
    expect(deleted.response.status).toBe(204);
    expect(
      (await t.api.GET('/api/v1/projects/{id}', { headers, params: { path: { id: p.id } } })).response.status,
    ).toBe(404);
    const [event] = await auditEvents(t, owner.tenantId, 'project.deleted');
    expect(event).toMatchObject({
      actor_type: 'user',
      actor_id: owner.userId,
      target_id: p.id,
      metadata: { name: 'temp' },
    });

    const def = await defaultProject(t, owner.tenantId);
    const defaultRefused = await deleteProject(def.id);
    expect({ status: defaultRefused.response.status, body: defaultRefused.error }).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
  });

  it('needs keys:read / keys:write for API keys, viewer to read and admin to write for people', async () => {
    const owner = await signup(t);
    const listAs = async (credential: string) =>
      (await t.api.GET('/api/v1/projects', { headers: bearer(credential) })).response.status;
    const createAs = async (credential: string, name: string) => {
      const { response, error } = await t.api.POST('/api/v1/projects', {
        headers: bearer(credential),
        body: { name },
      });
      return { status: response.status, body: error };
    };
    const reader = await mintKey(t, owner.tenantId, { scopes: ['keys:read'] });
    expect(await listAs(reader.key)).toBe(200);
    expect(await createAs(reader.key, 'r')).toMatchObject({
      status: 403,
      body: { error: 'insufficient_scope', required_scopes: ['keys:write'] },
    });
    const searcher = await mintKey(t, owner.tenantId, { scopes: ['search'] });
    expect(await listAs(searcher.key)).toBe(403);

    const viewer = await member(t, owner.tenantId, 'viewer');
    const developer = await member(t, owner.tenantId, 'developer');
    const def = await defaultProject(t, owner.tenantId);
    expect(await listAs(viewer.token)).toBe(200);
    expect(
      (
        await t.api.GET('/api/v1/projects/{id}/environments', {
          headers: bearer(viewer.token),
          params: { path: { id: def.id } },
        })
      ).response.status,
    ).toBe(200);
    for (const who of [viewer, developer]) {
      expect(await createAs(who.token, 'nope')).toMatchObject({
        status: 403,
        body: { error: 'forbidden' },
      });
      expect(
        (
          await t.api.POST('/api/v1/projects/{id}/environments', {
            headers: bearer(who.token),
            params: { path: { id: def.id } },
            body: { name: 'e', kind: 'test' },
          })
        ).response.status,
      ).toBe(403);
    }
    const admin = await member(t, owner.tenantId, 'admin');
    expect((await createAs(admin.token, 'yes')).status).toBe(201);
  });

  it("answers 404 for another tenant's project", async () => {
    const a = await signup(t);
    const b = await signup(t);
    const theirs = await defaultProject(t, b.tenantId);
    const headers = bearer(a.token);
    const params = { path: { id: theirs.id } };
    const probes: [string, string, () => Promise<{ response: Response; error?: { error: string } }>][] = [
      ['GET', `/projects/${theirs.id}`, () => t.api.GET('/api/v1/projects/{id}', { headers, params })],
      [
        'PATCH',
        `/projects/${theirs.id}`,
        () => t.api.PATCH('/api/v1/projects/{id}', { headers, params, body: { name: 'mine' } }),
      ],
      ['DELETE', `/projects/${theirs.id}`, () => t.api.DELETE('/api/v1/projects/{id}', { headers, params })],
      [
        'GET',
        `/projects/${theirs.id}/environments`,
        () => t.api.GET('/api/v1/projects/{id}/environments', { headers, params }),
      ],
      [
        'POST',
        `/projects/${theirs.id}/environments`,
        () =>
          t.api.POST('/api/v1/projects/{id}/environments', {
            headers,
            params,
            body: { name: 'x', kind: 'live' },
          }),
      ],
    ];
    for (const [method, path, send] of probes) {
      const res = await send();
      expect({ path, method, status: res.response.status, error: res.error?.error }).toEqual({
        path,
        method,
        status: 404,
        error: 'not_found',
      });
    }
    const list = await t.api.GET('/api/v1/projects', { headers });
    expect(list.data!.projects.map((p) => p.id)).not.toContain(theirs.id);
  });
});
