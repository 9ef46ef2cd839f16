import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { member, setPlan, signup, type TestAccount } from '../support/factories.js';
import { call } from '../support/http.js';
import { uploadFile } from './helpers.js';
import { until } from '../support/until.js';

describe('portal mirrors of the data API, by role (rules §2, §5)', () => {
  let t: TestApp;
  let owner: TestAccount;
  let viewer: string;
  let developer: string;
  let admin: string;
  let recordId: string;
  beforeAll(async () => {
    t = await startApp();
    owner = await signup(t);
    await setPlan(t, owner.tenantId, 'pro');
    [viewer, developer, admin] = (
      await Promise.all([
        member(t, owner.tenantId, 'viewer'),
        member(t, owner.tenantId, 'developer'),
        member(t, owner.tenantId, 'admin'),
      ])
    ).map((person) => person.token);
  });
  afterAll(() => t.close());

  const as = (token: string, method: string, path: string, body?: unknown) =>
    call(t.baseUrl, method, `/portal${path}`, { token, body });

  it('developers define schemas and write records; viewers may not', async () => {
    const schema = { fields: [{ name: 'price', type: 'number', filterable: true }] };
    const denied = await as(viewer, 'PUT', '/schemas/shop/item', schema);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('forbidden');
    const put = await as(developer, 'PUT', '/schemas/shop/item', schema);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ collection: 'shop', record_type: 'item' });
    const got = await as(viewer, 'GET', '/schemas/shop');
    expect(got.body.record_types.map((r: any) => r.record_type)).toEqual(['item']);

    expect((await as(viewer, 'POST', '/records/shop/item', { name: 'x' })).status).toBe(403);
    const created = await as(developer, 'POST', '/records/shop/item', {
      name: 'Garden hose',
      collection_data: { price: 12 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      collection: 'shop',
      record_type: 'item',
      indexing_status: 'indexed',
    });
    recordId = created.body.id;
    const invalid = await as(developer, 'POST', '/records/shop/item', {
      name: 'x',
      collection_data: { price: 'free' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual([{ field: 'collection_data.price', message: 'must be a number' }]);
    const patched = await as(developer, 'PATCH', `/records/shop/${recordId}`, { description: 'green' });
    expect(patched.body.description).toBe('green');
    expect((await as(viewer, 'PATCH', `/records/shop/${recordId}`, { description: 'x' })).status).toBe(403);
  });

  it('viewers list, read and search records', async () => {
    const list = await as(viewer, 'GET', '/records?collection=shop&record_type=item&limit=10');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      total: 1,
      items: [{ id: recordId, name: 'Garden hose', description: 'green' }],
    });
    expect((await as(viewer, 'GET', '/records')).status).toBe(422); // collection is required
    expect((await as(viewer, 'GET', '/records?collection=nothing')).status).toBe(404);
    const one = await as(viewer, 'GET', `/records/shop/${recordId}`);
    expect(one.body.name).toBe('Garden hose');
    const search = await as(viewer, 'POST', '/search/shop', {
      query: 'hose',
      filters: { price: { lte: 20 } },
    });
    expect(search.status).toBe(200);
    expect(search.body).toMatchObject({ collection: 'shop', total: 1, results: [{ id: recordId }] });
    const collections = await as(viewer, 'GET', '/collections');
    expect(collections.body).toMatchObject({
      plan: 'pro',
      record_limit: 100000,
      total_records: 1,
      collections: [{ name: 'shop', record_types: ['item'], total_records: 1, indexed: 1 }],
    });
  });

  it('developers upload files and ingest batches; viewers follow uploads but may not upload', async () => {
    const refused = await uploadFile(t, '', 'shop', 'item', {
      filename: 'a.csv',
      content: 'name,price\nRake,9\n',
      token: viewer,
    });
    expect(refused.status).toBe(403);
    const res = await uploadFile(t, '', 'shop', 'item', {
      filename: 'a.csv',
      content: 'name,price\nRake,9\nShovel,cheap\n',
      token: developer,
    });
    expect(res.status).toBe(202);
    const id = res.body.upload_id as string;
    const upload = await until(
      async () => {
        const { data } = await t.api.GET('/api/v1/portal/uploads/{id}', {
          params: { path: { id } },
          headers: { authorization: `Bearer ${viewer}` },
        });
        return data?.status === 'completed' || data?.status === 'failed' ? data : undefined;
      },
      10_000,
      'the upload finished',
    );
    expect(upload).toMatchObject({ status: 'completed', rows_indexed: 1, rows_failed: 1 });
    const listed = await as(viewer, 'GET', '/uploads?collection=shop');
    expect(listed.body.uploads.map((u: any) => u.id)).toContain(id);

    expect((await as(viewer, 'POST', '/ingest/shop/item', { records: [{ name: 'x' }] })).status).toBe(403);
    const ingest = await as(developer, 'POST', '/ingest/shop/item', { records: [{ name: 'Hoe', price: 5 }] });
    expect(ingest.status).toBe(202);
    const other = await signup(t);
    expect((await as(other.token, 'GET', `/uploads/${id}`)).status).toBe(404);
    // An API key cannot use the portal doors.
    expect(
      (await call(t.baseUrl, 'GET', `/portal/uploads/${id}`, { headers: { 'x-api-key': 'sk_live_x' } }))
        .status,
    ).toBe(401);
  });

  it('admins export, reindex and delete collections; developers may not', async () => {
    expect((await as(developer, 'GET', '/export/shop')).status).toBe(403);
    const exported = await as(admin, 'GET', '/export/shop');
    expect(exported.status).toBe(200);
    expect(exported.text.trimEnd().split('\n').length).toBeGreaterThanOrEqual(3);
    expect((await as(developer, 'POST', '/reindex/shop')).status).toBe(403);
    const reindex = await as(admin, 'POST', '/reindex/shop');
    expect(reindex.status).toBe(202);
    expect((await as(developer, 'DELETE', '/collections/shop')).status).toBe(403);
    expect((await as(admin, 'DELETE', '/collections/shop')).status).toBe(204);
    expect((await as(viewer, 'GET', '/collections')).body.collections).toEqual([]);
    const audit = await t.dataSource.query(
      `SELECT actor_type FROM audit_events WHERE tenant_id = $1 AND action = 'collection.deleted'`,
      [owner.tenantId],
    );
    expect(audit).toEqual([{ actor_type: 'user' }]);
  });
});
