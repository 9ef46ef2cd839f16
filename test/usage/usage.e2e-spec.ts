import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { periodOf } from '../../src/usage/metering.service.js';
import { bearer, flushMetering, uploadAndWait } from '../collections/helpers.js';
import { onPostgres, startApp, type TestApp } from '../support/app.js';
import { member, mintKey, setPlan, signup, type TestAccount } from '../support/factories.js';
import { call } from '../support/http.js';

/** A tenant with one collection `parts` holding one indexed record, and a key for it. */
async function tenantWithData(
  t: TestApp,
  scopes = ['admin'] as const,
): Promise<TestAccount & { key: string }> {
  const account = await signup(t);
  const { key } = await mintKey(t, account.tenantId, { scopes: [...scopes] });
  const schema = await call(t.baseUrl, 'PUT', '/schemas/parts/part', {
    apiKey: key,
    body: { fields: [{ name: 'sku', type: 'string', searchable: true }] },
  });
  expect(schema.status).toBe(200);
  const record = await call(t.baseUrl, 'POST', '/entities/parts/part', {
    apiKey: key,
    body: { name: 'Steel bearing', visibility: 'public', collection_data: { sku: 'B-1' } },
  });
  expect(record.status).toBe(201);
  return { ...account, key };
}

const search = (t: TestApp, key: string, query = 'bearing') =>
  call(t.baseUrl, 'POST', '/search/parts', { apiKey: key, body: { query } });

describe('usage, quota and search limits (rules §7)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('answers the usage body on both doors, with the arithmetic of the plan', async () => {
    const account = await tenantWithData(t);
    for (let i = 0; i < 3; i++) expect((await search(t, account.key)).status).toBe(200);
    const viaKey = await call(t.baseUrl, 'GET', '/usage', { apiKey: account.key });
    expect(viaKey.status).toBe(200);
    expect(viaKey.body).toEqual({
      tenant_id: account.tenantId,
      plan: 'free',
      period: periodOf(),
      records: { used: 1, included: 1000, overage: 0, overage_cost: 0 },
      searches: { used: 3, included: 1000, overage: 0, overage_cost: 0 },
      rate_limit: { requests_per_minute: 60, search_per_minute: 30, max_collections: 3 },
      allows_overage: false,
      estimated_overage_total: 0,
    });
    const viaPortal = await call(t.baseUrl, 'GET', '/portal/usage', { token: account.token });
    expect(viaPortal.body).toEqual(viaKey.body);

    await setPlan(t, account.tenantId, 'pro');
    for (let i = 0; i < 4; i++) expect((await search(t, account.key)).status).toBe(200);
    const pro = await call(t.baseUrl, 'GET', '/usage', { apiKey: account.key });
    expect(pro.body).toMatchObject({
      plan: 'pro',
      records: { used: 1, included: 100000, overage: 0, overage_cost: 0 },
      searches: { used: 7, included: null, overage: 7, overage_cost: 0.01 },
      rate_limit: { requests_per_minute: 200, search_per_minute: 100, max_collections: -1 },
      allows_overage: true,
      estimated_overage_total: 0.01,
    });
  });

  it('reads past periods and refuses bad ones', async () => {
    const account = await tenantWithData(t);
    await search(t, account.key);
    const past = await call(t.baseUrl, 'GET', '/usage?period=2020-01', { apiKey: account.key });
    expect(past.body).toMatchObject({ period: '2020-01', searches: { used: 0 } });
    for (const bad of ['2020-13', '2020-1', 'now', '2020-01-01']) {
      const res = await call(t.baseUrl, 'GET', `/usage?period=${bad}`, { apiKey: account.key });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('period');
    }
  });

  it('needs usage:read', async () => {
    const account = await signup(t);
    const { key } = await mintKey(t, account.tenantId, { scopes: ['search'] });
    expect(await call(t.baseUrl, 'GET', '/usage', { apiKey: key })).toMatchObject({
      status: 403,
      body: { error: 'insufficient_scope', required_scopes: ['usage:read'] },
    });
    expect(await call(t.baseUrl, 'GET', '/analytics', { apiKey: key })).toMatchObject({ status: 403 });
  });

  it('free plan: searches past the included 1,000 answer 429 quota_exceeded until next month; a paid plan goes on', async () => {
    const account = await tenantWithData(t);
    await t.dataSource.query(
      `INSERT INTO usage_search_counts (tenant_id, period, searches) VALUES ($1, $2, 998)`,
      [account.tenantId, periodOf()],
    );
    expect((await search(t, account.key)).status).toBe(200);
    expect((await search(t, account.key)).status).toBe(200);
    const refused = await search(t, account.key);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('quota_exceeded');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const portal = await call(t.baseUrl, 'POST', '/portal/search/parts', {
      token: account.token,
      body: { query: 'bearing' },
    });
    expect(portal.body.error).toBe('quota_exceeded');
    expect((await call(t.baseUrl, 'GET', '/usage', { apiKey: account.key })).body.searches.used).toBe(1000);
    await setPlan(t, account.tenantId, 'scale');
    expect((await search(t, account.key)).status).toBe(200);
  });

  it('never lets concurrent searches overshoot the free quota', async () => {
    const account = await tenantWithData(t);
    await t.dataSource.query(
      `UPDATE tenants SET custom_search_per_minute = 1000, custom_requests_per_minute = 1000 WHERE id = $1`,
      [account.tenantId],
    );
    await t.dataSource.query(
      `INSERT INTO usage_search_counts (tenant_id, period, searches) VALUES ($1, $2, 990)`,
      [account.tenantId, periodOf()],
    );
    const answers = await Promise.all(Array.from({ length: 20 }, () => search(t, account.key)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429 && a.body.error === 'quota_exceeded')).toHaveLength(10);
  });

  it('does not count a search that fails', async () => {
    const account = await tenantWithData(t);
    expect(
      (await call(t.baseUrl, 'POST', '/search/nothing-here', { apiKey: account.key, body: { query: 'x' } }))
        .status,
    ).toBe(404);
    expect((await call(t.baseUrl, 'GET', '/usage', { apiKey: account.key })).body.searches.used).toBe(0);
  });

  it('limits searches per minute on top of requests per minute, with headers and 429 rate_limited', async () => {
    const account = await tenantWithData(t);
    await t.app
      .get((await import('../../src/tenancy/tenant-admin.service.js')).TenantAdminService)
      .setLimits(account.tenantId, {
        searchPerMinute: 2,
      });
    const into = Date.now() % 60_000;
    if (into > 50_000) await new Promise((r) => setTimeout(r, 60_000 - into + 50));
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await search(t, account.key));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[2]!.body.error).toBe('rate_limited');
    expect(answers.map((a) => a.headers.get('x-ratelimit-limit'))).toEqual(['2', '2', '2']);
    expect(answers.map((a) => a.headers.get('x-ratelimit-remaining'))).toEqual(['1', '0', '0']);
    // other routes still answer under the request limit
    const whoami = await call(t.baseUrl, 'GET', '/auth/whoami', { apiKey: account.key });
    expect(whoami.status).toBe(200);
    expect(whoami.headers.get('x-ratelimit-limit')).toBe('60');
  });
});

describe('plan change (PUT /portal/plan)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('lets the owner change the plan, audited, answering the new usage', async () => {
    const account = await signup(t);
    const res = await call(t.baseUrl, 'PUT', '/portal/plan', {
      token: account.token,
      body: { plan: 'scale' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tenant_id: account.tenantId,
      plan: 'scale',
      searches: { included: 100000 },
    });
    const events = await call(t.baseUrl, 'GET', '/audit?action=plan.changed', { token: account.token });
    expect(events.body.events[0]).toMatchObject({
      actor: { type: 'user', id: account.userId },
      metadata: { from: 'free', to: 'scale' },
    });
  });

  it('refuses admins and API keys, and unknown plans', async () => {
    const account = await signup(t);
    const admin = (await member(t, account.tenantId, 'admin')).token;
    expect(
      await call(t.baseUrl, 'PUT', '/portal/plan', { token: admin, body: { plan: 'pro' } }),
    ).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    const { key } = await mintKey(t, account.tenantId, { scopes: ['admin'] });
    expect(
      (await call(t.baseUrl, 'PUT', '/portal/plan', { apiKey: key, body: { plan: 'pro' } })).status,
    ).toBe(401);
    const bad = await call(t.baseUrl, 'PUT', '/portal/plan', {
      token: account.token,
      body: { plan: 'platinum' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('plan');
    expect((await call(t.baseUrl, 'GET', '/portal/usage', { token: account.token })).body.plan).toBe('free');
  });
});

describe('quickstart and analytics from real events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('completes each step at its first real event, in order, and keeps the first time', async () => {
    const account = await signup(t);
    const quickstart = async () =>
      (await call(t.baseUrl, 'GET', '/portal/quickstart', { token: account.token })).body;
    const start = await quickstart();
    expect(start).toEqual({
      steps: [
        { id: 'create_api_key', title: 'Create an API key', completed: false, completed_at: null },
        { id: 'define_schema', title: 'Define a schema', completed: false, completed_at: null },
        { id: 'upload_data', title: 'Upload sample data', completed: false, completed_at: null },
        { id: 'first_search', title: 'Run your first search', completed: false, completed_at: null },
      ],
      all_completed: false,
    });
    const created = await call(t.baseUrl, 'POST', '/portal/keys', {
      token: account.token,
      body: { name: 'app', scopes: ['admin'] },
    });
    const key = created.body.key as string;
    expect((await quickstart()).steps.map((s: { completed: boolean }) => s.completed)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    await call(t.baseUrl, 'PUT', '/schemas/parts/part', {
      apiKey: key,
      body: { fields: [{ name: 'sku', type: 'string' }] },
    });
    expect((await quickstart()).steps.map((s: { completed: boolean }) => s.completed)).toEqual([
      true,
      true,
      false,
      false,
    ]);
    await uploadAndWait(t, key, 'parts', 'part', {
      filename: 'parts.csv',
      content: 'name,sku\nBearing,B-1\n',
    });
    expect((await quickstart()).steps.map((s: { completed: boolean }) => s.completed)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    await search(t, key);
    const done = await quickstart();
    expect(done.all_completed).toBe(true);
    await search(t, key);
    expect((await quickstart()).steps[3].completed_at).toBe(done.steps[3].completed_at);
  });

  it('counts open searches per collection of the tenant, with record and public counts', async () => {
    const account = await tenantWithData(t);
    const marker = `zqx${account.tenantId.slice(0, 8)}`;
    await call(t.baseUrl, 'POST', '/entities/parts/part', {
      apiKey: account.key,
      body: { name: `Gear ${marker}`, visibility: 'public' },
    });
    await call(t.baseUrl, 'POST', '/entities/parts/part', {
      apiKey: account.key,
      body: { name: `Private ${marker}` },
    });
    const open = await call(t.baseUrl, 'POST', '/open/search', { body: { query: marker } });
    expect(open.status).toBe(200);
    expect(open.body.results).toHaveLength(1);
    await flushMetering(t);
    const analytics = await call(t.baseUrl, 'GET', '/portal/analytics', { token: account.token });
    expect(analytics.body).toEqual({
      tenant_id: account.tenantId,
      period: periodOf(),
      total_open_searches: 1,
      collections: [
        {
          collection: 'parts',
          record_count: 3,
          public_count: 2,
          open_searches: 1,
          last_updated: expect.any(String),
        },
      ],
    });
    const viaKey = await call(t.baseUrl, 'GET', '/analytics', { headers: bearer(account.key) });
    expect(viaKey.body).toEqual(analytics.body);
  });
});

(onPostgres ? describe : describe.skip)('search counters across two instances (PostgreSQL)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await Promise.all([startApp(), startApp()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('counts concurrent searches on both instances exactly', async () => {
    const account = await tenantWithData(a);
    await setPlan(a, account.tenantId, 'pro');
    await a.dataSource.query(
      `UPDATE tenants SET custom_search_per_minute = 1000, custom_requests_per_minute = 1000 WHERE id = $1`,
      [account.tenantId],
    );
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => search(i % 2 ? a : b, account.key)),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    await Promise.all([flushMetering(a), flushMetering(b)]);
    const usage = await call(a.baseUrl, 'GET', '/usage', { apiKey: account.key });
    expect(usage.body.searches).toEqual({ used: 40, included: null, overage: 40, overage_cost: 0.06 });
  });
});
