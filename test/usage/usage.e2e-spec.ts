import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { periodOf } from '../../src/usage/metering.service.js';
import type { components } from '../generated/api.js';
import { flushMetering, uploadAndWait } from '../collections/helpers.js';
import { onPostgres, startApp, type TestApp } from '../support/app.js';
import { member, mintKey, setPlan, signup, type TestAccount } from '../support/factories.js';
import { bearer, call, outcome } from '../support/http.js';

/** A record of type `part` in the collection `parts`, through the API-key door. */
const addRecord = (t: TestApp, key: string, body: components['schemas']['CreateRecordDto']) =>
  t.api.POST('/api/v1/entities/{collection}/{record_type}', {
    headers: bearer(key),
    params: { path: { collection: 'parts', record_type: 'part' } },
    body,
  });

/** A tenant with one collection `parts` holding one indexed record, and a key for it. */
async function tenantWithData(
  t: TestApp,
  scopes = ['admin'] as const,
): Promise<TestAccount & { key: string }> {
  const account = await signup(t);
  const { key } = await mintKey(t, account.tenantId, { scopes: [...scopes] });
  const schema = await t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
    headers: bearer(key),
    params: { path: { collection: 'parts', record_type: 'part' } },
    body: { fields: [{ name: 'sku', type: 'string', searchable: true }] },
  });
  expect(schema.response.status).toBe(200);
  const record = await addRecord(t, key, {
    name: 'Steel bearing',
    visibility: 'public',
    collection_data: { sku: 'B-1' },
  });
  expect(record.response.status).toBe(201);
  return { ...account, key };
}

const search = (t: TestApp, key: string, query = 'bearing', collection = 'parts') =>
  t.api.POST('/api/v1/search/{collection}', {
    headers: bearer(key),
    params: { path: { collection } },
    body: { query },
  });

/** GET /usage with an API key (a past period, or the current one). */
const usage = (t: TestApp, key: string, period?: string) =>
  t.api.GET('/api/v1/usage', { headers: bearer(key), params: { query: { period } } });

describe('usage, quota and search limits (rules §7)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('answers the usage body on both doors, with the arithmetic of the plan', async () => {
    const account = await tenantWithData(t);
    for (let i = 0; i < 3; i++) expect((await search(t, account.key)).response.status).toBe(200);
    const viaKey = await usage(t, account.key);
    expect(viaKey.response.status).toBe(200);
    expect(viaKey.data).toEqual({
      tenant_id: account.tenantId,
      plan: 'free',
      period: periodOf(),
      records: { used: 1, included: 1000, overage: 0, overage_cost: 0 },
      searches: { used: 3, included: 1000, overage: 0, overage_cost: 0 },
      rate_limit: { requests_per_minute: 60, search_per_minute: 30, max_collections: 3 },
      allows_overage: false,
      estimated_overage_total: 0,
    });
    const viaPortal = await t.api.GET('/api/v1/portal/usage', { headers: bearer(account.token) });
    expect(viaPortal.data).toEqual(viaKey.data);

    await setPlan(t, account.tenantId, 'pro');
    for (let i = 0; i < 4; i++) expect((await search(t, account.key)).response.status).toBe(200);
    const pro = await usage(t, account.key);
    expect(pro.data).toMatchObject({
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
    const past = await usage(t, account.key, '2020-01');
    expect(past.data).toMatchObject({ period: '2020-01', searches: { used: 0 } });
    // Raw: periods outside the contract (YYYY-MM).
    for (const bad of ['2020-13', '2020-1', 'now', '2020-01-01']) {
      const res = await call(t.baseUrl, 'GET', `/usage?period=${bad}`, { apiKey: account.key });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('period');
    }
  });

  it('needs usage:read', async () => {
    const account = await signup(t);
    const { key } = await mintKey(t, account.tenantId, { scopes: ['search'] });
    expect(outcome(await usage(t, key))).toMatchObject({
      status: 403,
      body: { error: 'insufficient_scope', required_scopes: ['usage:read'] },
    });
    expect(outcome(await t.api.GET('/api/v1/analytics', { headers: bearer(key) }))).toMatchObject({
      status: 403,
    });
  });

  it('free plan: searches past the included 1,000 answer 429 quota_exceeded until next month; a paid plan goes on', async () => {
    const account = await tenantWithData(t);
    await t.dataSource.query(
      `INSERT INTO usage_search_counts (tenant_id, period, searches) VALUES ($1, $2, 998)`,
      [account.tenantId, periodOf()],
    );
    expect((await search(t, account.key)).response.status).toBe(200);
    expect((await search(t, account.key)).response.status).toBe(200);
    const refused = await search(t, account.key);
    expect(refused.response.status).toBe(429);
    expect(refused.error!.error).toBe('quota_exceeded');
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    const portal = await t.api.POST('/api/v1/portal/search/{collection}', {
      headers: bearer(account.token),
      params: { path: { collection: 'parts' } },
      body: { query: 'bearing' },
    });
    expect(portal.error!.error).toBe('quota_exceeded');
    expect((await usage(t, account.key)).data!.searches.used).toBe(1000);
    await setPlan(t, account.tenantId, 'scale');
    expect((await search(t, account.key)).response.status).toBe(200);
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
    expect(answers.filter((a) => a.response.status === 200)).toHaveLength(10);
    expect(
      answers.filter((a) => a.response.status === 429 && a.error?.error === 'quota_exceeded'),
    ).toHaveLength(10);
  });

  it('does not count a search that fails', async () => {
    const account = await tenantWithData(t);
    expect((await search(t, account.key, 'x', 'nothing-here')).response.status).toBe(404);
    expect((await usage(t, account.key)).data!.searches.used).toBe(0);
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
    expect(answers.map((a) => a.response.status)).toEqual([200, 200, 429]);
    expect(answers[2]!.error!.error).toBe('rate_limited');
    expect(answers.map((a) => a.response.headers.get('x-ratelimit-limit'))).toEqual(['2', '2', '2']);
    expect(answers.map((a) => a.response.headers.get('x-ratelimit-remaining'))).toEqual(['1', '0', '0']);
    // other routes still answer under the request limit
    const whoami = await t.api.GET('/api/v1/auth/whoami', { headers: bearer(account.key) });
    expect(whoami.response.status).toBe(200);
    expect(whoami.response.headers.get('x-ratelimit-limit')).toBe('60');
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
    const res = await t.api.PUT('/api/v1/portal/plan', {
      headers: bearer(account.token),
      body: { plan: 'scale' },
    });
    expect(res.response.status).toBe(200);
    expect(res.data).toMatchObject({
      tenant_id: account.tenantId,
      plan: 'scale',
      searches: { included: 100000 },
    });
    const events = await t.api.GET('/api/v1/audit', {
      headers: bearer(account.token),
      params: { query: { action: 'plan.changed' } },
    });
    expect(events.data!.events[0]).toMatchObject({
      actor: { type: 'user', id: account.userId },
      metadata: { from: 'free', to: 'scale' },
    });
  });

  it('refuses admins and API keys, and unknown plans', async () => {
    const account = await signup(t);
    const admin = (await member(t, account.tenantId, 'admin')).token;
    const changePlan = (credential: string) =>
      t.api.PUT('/api/v1/portal/plan', { headers: bearer(credential), body: { plan: 'pro' } });
    expect(outcome(await changePlan(admin))).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    const { key } = await mintKey(t, account.tenantId, { scopes: ['admin'] });
    expect((await changePlan(key)).response.status).toBe(401);
    // Raw: a plan name outside the contract.
    const bad = await call(t.baseUrl, 'PUT', '/portal/plan', {
      token: account.token,
      body: { plan: 'platinum' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('plan');
    expect((await t.api.GET('/api/v1/portal/usage', { headers: bearer(account.token) })).data!.plan).toBe(
      'free',
    );
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
      (await t.api.GET('/api/v1/portal/quickstart', { headers: bearer(account.token) })).data!;
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
    const created = await t.api.POST('/api/v1/portal/keys', {
      headers: bearer(account.token),
      body: { name: 'app', scopes: ['admin'] },
    });
    const key = created.data!.key;
    expect((await quickstart()).steps.map((s: { completed: boolean }) => s.completed)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    await t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      headers: bearer(key),
      params: { path: { collection: 'parts', record_type: 'part' } },
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
    await addRecord(t, account.key, { name: `Gear ${marker}`, visibility: 'public' });
    await addRecord(t, account.key, { name: `Private ${marker}` });
    const open = await t.api.POST('/api/v1/open/search', { body: { query: marker } });
    expect(open.response.status).toBe(200);
    expect(open.data!.results).toHaveLength(1);
    await flushMetering(t);
    const analytics = await t.api.GET('/api/v1/portal/analytics', { headers: bearer(account.token) });
    expect(analytics.data).toEqual({
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
    const viaKey = await t.api.GET('/api/v1/analytics', { headers: bearer(account.key) });
    expect(viaKey.data).toEqual(analytics.data);
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
    expect(answers.every((r) => r.response.status === 200)).toBe(true);
    await Promise.all([flushMetering(a), flushMetering(b)]);
    const counted = await usage(a, account.key);
    expect(counted.data!.searches).toEqual({ used: 40, included: null, overage: 40, overage_cost: 0.06 });
  });
});
