import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import type { components } from '../generated/api.js';
import { member, setPlan, signup, type TestAccount } from '../support/factories.js';
import { bearer, call } from '../support/http.js';
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

  const shop = { collection: 'shop' };
  const shopItem = { collection: 'shop', record_type: 'item' };
  const createRecord = (token: string, body: components['schemas']['CreateRecordDto']) =>
    t.api.POST('/api/v1/portal/records/{collection}/{record_type}', {
      headers: bearer(token),
      params: { path: shopItem },
      body,
    });
  const updateRecord = (token: string, id: string, body: components['schemas']['UpdateRecordDto']) =>
    t.api.PATCH('/api/v1/portal/records/{collection}/{id}', {
      headers: bearer(token),
      params: { path: { ...shop, id } },
      body,
    });
  const listCollections = (token: string) =>
    t.api.GET('/api/v1/portal/collections', { headers: bearer(token) });
  const exportShop = (token: string) =>
    t.api.GET('/api/v1/portal/export/{collection}', {
      headers: bearer(token),
      params: { path: shop },
      parseAs: 'text', // NDJSON
    });
  const reindexShop = (token: string) =>
    t.api.POST('/api/v1/portal/reindex/{collection}', { headers: bearer(token), params: { path: shop } });
  const deleteShop = (token: string) =>
    t.api.DELETE('/api/v1/portal/collections/{name}', {
      headers: bearer(token),
      params: { path: { name: 'shop' } },
    });
  const ingestShop = (token: string, body: components['schemas']['IngestDto']) =>
    t.api.POST('/api/v1/portal/ingest/{collection}/{record_type}', {
      headers: bearer(token),
      params: { path: shopItem },
      body,
    });

  it('developers define schemas and write records; viewers may not', async () => {
    const schema: components['schemas']['PutSchemaDto'] = {
      fields: [{ name: 'price', type: 'number', filterable: true }],
    };
    const putSchema = (token: string) =>
      t.api.PUT('/api/v1/portal/schemas/{collection}/{record_type}', {
        headers: bearer(token),
        params: { path: shopItem },
        body: schema,
      });
    const denied = await putSchema(viewer);
    expect(denied.response.status).toBe(403);
    expect(denied.error!.error).toBe('forbidden');
    const put = await putSchema(developer);
    expect(put.response.status).toBe(200);
    expect(put.data).toMatchObject({ collection: 'shop', record_type: 'item' });
    const got = await t.api.GET('/api/v1/portal/schemas/{collection}', {
      headers: bearer(viewer),
      params: { path: shop },
    });
    expect(got.data!.record_types.map((r) => r.record_type)).toEqual(['item']);

    expect((await createRecord(viewer, { name: 'x' })).response.status).toBe(403);
    const created = await createRecord(developer, {
      name: 'Garden hose',
      collection_data: { price: 12 },
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      collection: 'shop',
      record_type: 'item',
      indexing_status: 'indexed',
    });
    recordId = created.data!.id;
    // Of the documented shape (collection_data is free-form); the record type's schema refuses it.
    const invalid = await createRecord(developer, {
      name: 'x',
      collection_data: { price: 'free' },
    });
    expect(invalid.response.status).toBe(422);
    expect(invalid.error!.errors).toEqual([{ field: 'collection_data.price', message: 'must be a number' }]);
    const patched = await updateRecord(developer, recordId, { description: 'green' });
    expect(patched.data!.description).toBe('green');
    expect((await updateRecord(viewer, recordId, { description: 'x' })).response.status).toBe(403);
  });

  it('viewers list, read and search records', async () => {
    const listRecords = (query: { collection: string; record_type?: string; limit?: number }) =>
      t.api.GET('/api/v1/portal/records', { headers: bearer(viewer), params: { query } });
    const list = await listRecords({ collection: 'shop', record_type: 'item', limit: 10 });
    expect(list.response.status).toBe(200);
    expect(list.data).toMatchObject({
      total: 1,
      items: [{ id: recordId, name: 'Garden hose', description: 'green' }],
    });
    // Raw: without the required collection parameter.
    expect((await call(t.baseUrl, 'GET', '/portal/records', { token: viewer })).status).toBe(422);
    expect((await listRecords({ collection: 'nothing' })).response.status).toBe(404);
    const one = await t.api.GET('/api/v1/portal/records/{collection}/{id}', {
      headers: bearer(viewer),
      params: { path: { ...shop, id: recordId } },
    });
    expect(one.data!.name).toBe('Garden hose');
    const search = await t.api.POST('/api/v1/portal/search/{collection}', {
      headers: bearer(viewer),
      params: { path: shop },
      body: { query: 'hose', filters: { price: { lte: 20 } } },
    });
    expect(search.response.status).toBe(200);
    expect(search.data).toMatchObject({ collection: 'shop', total: 1, results: [{ id: recordId }] });
    const collections = await listCollections(viewer);
    expect(collections.data).toMatchObject({
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
          headers: bearer(viewer),
        });
        return data?.status === 'completed' || data?.status === 'failed' ? data : undefined;
      },
      10_000,
      'the upload finished',
    );
    expect(upload).toMatchObject({ status: 'completed', rows_indexed: 1, rows_failed: 1 });
    const listed = await t.api.GET('/api/v1/portal/uploads', {
      headers: bearer(viewer),
      params: { query: shop },
    });
    expect(listed.data!.uploads.map((u) => u.id)).toContain(id);

    expect((await ingestShop(viewer, { records: [{ name: 'x' }] })).response.status).toBe(403);
    const ingest = await ingestShop(developer, { records: [{ name: 'Hoe', price: 5 }] });
    expect(ingest.response.status).toBe(202);
    const other = await signup(t);
    const foreign = await t.api.GET('/api/v1/portal/uploads/{id}', {
      headers: bearer(other.token),
      params: { path: { id } },
    });
    expect(foreign.response.status).toBe(404);
    // An API key cannot use the portal doors (raw: X-Api-Key is no header of the portal's contract).
    expect(
      (await call(t.baseUrl, 'GET', `/portal/uploads/${id}`, { headers: { 'x-api-key': 'sk_live_x' } }))
        .status,
    ).toBe(401);
  });

  it('admins export, reindex and delete collections; developers may not', async () => {
    expect((await exportShop(developer)).response.status).toBe(403);
    const exported = await exportShop(admin);
    expect(exported.response.status).toBe(200);
    expect(exported.data!.trimEnd().split('\n').length).toBeGreaterThanOrEqual(3);
    expect((await reindexShop(developer)).response.status).toBe(403);
    const reindex = await reindexShop(admin);
    expect(reindex.response.status).toBe(202);
    expect((await deleteShop(developer)).response.status).toBe(403);
    expect((await deleteShop(admin)).response.status).toBe(204);
    expect((await listCollections(viewer)).data!.collections).toEqual([]);
    const audit = await t.dataSource.query(
      `SELECT actor_type FROM audit_events WHERE tenant_id = $1 AND action = 'collection.deleted'`,
      [owner.tenantId],
    );
    expect(audit).toEqual([{ actor_type: 'user' }]);
  });
});
