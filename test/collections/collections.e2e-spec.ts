import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { mintKey, setPlan, tenantWithKey } from '../support/factories.js';
import type { components } from '../generated/api.js';
import { outcome } from '../support/http.js';
import { bearer, ingestAndWait, queueIdle, uploadAndWait } from './helpers.js';
import { until } from '../support/until.js';

type PutSchema = components['schemas']['PutSchemaDto'];
type Search = components['schemas']['SearchDto'];

describe('collections: counters, delete, export, reindex (rules §5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const putSchema = (key: string, collection: string, recordType: string, body: PutSchema) =>
    t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      params: { path: { collection, record_type: recordType } },
      body,
      headers: bearer(key),
    });
  const listCollections = (key: string) => t.api.GET('/api/v1/collections', { headers: bearer(key) });
  const deleteCollection = (key: string, name: string) =>
    t.api.DELETE('/api/v1/collections/{name}', { params: { path: { name } }, headers: bearer(key) });
  const listRecords = (key: string, collection: string) =>
    t.api.GET('/api/v1/entities/{collection}', { params: { path: { collection } }, headers: bearer(key) });
  const createRecord = (key: string, collection: string, recordType: string, name: string) =>
    t.api.POST('/api/v1/entities/{collection}/{record_type}', {
      params: { path: { collection, record_type: recordType } },
      body: { name },
      headers: bearer(key),
    });
  const search = (key: string, collection: string, body: Search) =>
    t.api.POST('/api/v1/search/{collection}', {
      params: { path: { collection } },
      body,
      headers: bearer(key),
    });
  const exportCollection = (key: string, collection: string, recordType?: string) =>
    t.api.GET('/api/v1/export/{collection}', {
      params: { path: { collection }, query: recordType ? { record_type: recordType } : {} },
      headers: bearer(key),
      parseAs: 'text',
    });
  const reindex = (key: string, collection: string) =>
    t.api.POST('/api/v1/reindex/{collection}', { params: { path: { collection } }, headers: bearer(key) });

  async function tenant() {
    const account = await tenantWithKey(t, ['admin']);
    await setPlan(t, account.tenantId, 'pro');
    return account;
  }

  it('lists collections with their counters, the plan, its record limit and the total', async () => {
    const { apiKey, tenantId } = await tenant();
    const key = apiKey.key;
    await putSchema(key, 'parts', 'part', { fields: [{ name: 'price', type: 'number', required: true }] });
    await putSchema(key, 'parts', 'empty-type', { fields: [] });
    await ingestAndWait(t, key, 'parts', 'part', [
      { name: 'a', price: 1 },
      { name: 'b', price: 'x' },
      { name: 'c', price: 2 },
    ]);
    await ingestAndWait(t, key, 'parts', 'kit', [{ name: 'k' }]);
    await ingestAndWait(t, key, 'docs', 'doc', [{ name: 'd' }]);
    const res = await listCollections(key);
    expect(res.response.status).toBe(200);
    expect(res.data).toEqual({
      collections: [
        {
          name: 'docs',
          record_types: ['doc'],
          total_records: 1,
          indexed: 1,
          pending: 0,
          processing: 0,
          failed: 0,
          has_pending_replace: false,
        },
        {
          name: 'parts',
          record_types: ['empty-type', 'kit', 'part'],
          total_records: 4,
          indexed: 3,
          pending: 0,
          processing: 0,
          failed: 1,
          has_pending_replace: false,
        },
      ],
      plan: 'pro',
      record_limit: 100000,
      total_records: 5,
    });
    const reader = await mintKey(t, tenantId, { scopes: ['search'] });
    const denied = await listCollections(reader.key);
    expect(denied.error).toMatchObject({ error: 'insufficient_scope', required_scopes: ['entities:read'] });
    const empty = await tenantWithKey(t, ['entities:read']);
    const none = await listCollections(empty.apiKey.key);
    expect(none.data).toEqual({ collections: [], plan: 'free', record_limit: 1000, total_records: 0 });
  });

  it('deletes a collection with everything in it (admin scope), audited', async () => {
    const { apiKey, tenantId } = await tenant();
    const key = apiKey.key;
    await ingestAndWait(t, key, 'doomed', 'doc', [{ name: 'x' }, { name: 'y' }]);
    await putSchema(key, 'doomed', 'doc', { fields: [] });
    const writer = await mintKey(t, tenantId, { scopes: ['entities', 'ingest', 'search'] });
    const denied = await deleteCollection(writer.key, 'doomed');
    expect(denied.response.status).toBe(403);
    expect(denied.error).toMatchObject({ error: 'insufficient_scope', required_scopes: ['admin'] });
    const other = await tenantWithKey(t, ['admin']);
    expect((await deleteCollection(other.apiKey.key, 'doomed')).response.status).toBe(404);

    const res = await deleteCollection(key, 'doomed');
    expect(res.response.status).toBe(204);
    expect((await listRecords(key, 'doomed')).response.status).toBe(404);
    const schemas = await t.api.GET('/api/v1/schemas/{collection}', {
      params: { path: { collection: 'doomed' } },
      headers: bearer(key),
    });
    expect(schemas.response.status).toBe(404);
    const [left] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM records WHERE tenant_id = $1)::int AS records,
              (SELECT count(*) FROM uploads WHERE tenant_id = $1)::int AS uploads,
              (SELECT count(*) FROM record_schemas WHERE tenant_id = $1)::int AS schemas`,
      [tenantId],
    );
    expect(left).toEqual({ records: 0, uploads: 0, schemas: 0 });
    const audit = await t.dataSource.query(
      `SELECT actor_type, actor_id, target_type, metadata FROM audit_events WHERE tenant_id = $1 AND action = 'collection.deleted'`,
      [tenantId],
    );
    expect(audit).toEqual([
      { actor_type: 'api_key', actor_id: apiKey.id, target_type: 'collection', metadata: { name: 'doomed' } },
    ]);
    expect((await deleteCollection(key, 'doomed')).response.status).toBe(404);
  });

  // Issue 20: a record write locks its record, then (at commit) the collection row; the deletion used to
  // lock the collection row first, then the records — "deadlock detected" (500) about 1 race in 40.
  it('deletes a collection racing record writes and deletes without a deadlock (no 5xx, nothing left)', async () => {
    const { apiKey, tenantId } = await tenant();
    const key = apiKey.key;
    for (let round = 0; round < 12; round++) {
      const name = `raced-${round}`;
      const made = await createRecord(key, name, 'thing', 'a');
      expect(made.response.status).toBe(201);
      const record = { params: { path: { collection: name, id: made.data!.id } }, headers: bearer(key) };
      const answers = (
        await Promise.all([
          t.api.DELETE('/api/v1/entities/{collection}/{id}', record),
          t.api.PATCH('/api/v1/entities/{collection}/{id}', { ...record, body: { name: 'b' } }),
          deleteCollection(key, name),
          deleteCollection(key, name),
          createRecord(key, name, 'thing', 'c'),
          createRecord(key, name, 'thing', 'd'),
        ])
      ).map(outcome);
      expect(answers.filter((a) => a.status >= 500)).toEqual([]);
      // Exactly one deletion wins; the other finds nothing (or a collection re-created by a later write).
      expect(answers.slice(2, 4).filter((a) => a.status === 204).length).toBeGreaterThanOrEqual(1);
    }
    // Whatever was written after a deletion lives in a collection that exists: no orphan.
    const [orphans] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM records r WHERE r.tenant_id = $1
          AND NOT EXISTS (SELECT 1 FROM collections c WHERE c.tenant_id = r.tenant_id AND c.id = r.collection_id)`,
      [tenantId],
    );
    expect(orphans.n).toBe(0);
  });

  it('exports every record as NDJSON, streamed in pages, in the record shape', async () => {
    const { apiKey, tenantId } = await tenant();
    const key = apiKey.key;
    const records = Array.from({ length: 2500 }, (_, i) => ({
      name: `item ${i}`,
      external_id: `e${i}`,
      n: i,
    }));
    for (let i = 0; i < records.length; i += 1000)
      await ingestAndWait(t, key, 'exported', 'doc', records.slice(i, i + 1000));
    await ingestAndWait(t, key, 'exported', 'other', [{ name: 'other type' }]);
    const { response, data: text } = await exportCollection(key, 'exported');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="exported.ndjson"');
    const lines = text!
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2501);
    expect(lines[0]).toEqual({
      id: expect.any(String),
      external_id: 'e0',
      name: 'item 0',
      description: null,
      collection: 'exported',
      record_type: 'doc',
      visibility: 'private',
      indexing_status: 'indexed',
      indexing_error: null,
      collection_data: { n: 0 },
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(lines.slice(0, 2500).map((l) => l.collection_data.n)).toEqual(records.map((r) => r.n));
    expect(new Set(lines.map((l) => l.id)).size).toBe(2501);
    const onlyOther = await exportCollection(key, 'exported', 'other');
    expect(onlyOther.data!.trimEnd().split('\n')).toHaveLength(1);

    const writer = await mintKey(t, tenantId, { scopes: ['entities'] });
    const denied = await exportCollection(writer.key, 'exported');
    expect(denied.error).toMatchObject({ error: 'insufficient_scope', required_scopes: ['admin'] });
    const other = await tenantWithKey(t, ['admin']);
    expect((await exportCollection(other.apiKey.key, 'exported')).response.status).toBe(404);
    const empty = await createRecord(key, 'empty', 'doc', 'x');
    await t.api.DELETE('/api/v1/entities/{collection}/{id}', {
      params: { path: { collection: 'empty', id: empty.data!.id } },
      headers: bearer(key),
    });
    const none = await exportCollection(key, 'empty');
    expect(none.response.status).toBe(200);
    // An empty body (Content-Length: 0) is left unread by openapi-fetch (data undefined): read it here.
    expect(await none.response.text()).toBe('');
  });

  it('types CSV rows uploaded before their schema existed once the schema arrives', async () => {
    const { apiKey, tenantId } = await tenant();
    const key = apiKey.key;
    const done = await uploadAndWait(t, key, 'early', 'item', {
      filename: 'a.csv',
      content: 'name,price,tags,ok\nLamp,5,a|b,yes\n',
    });
    expect(done).toMatchObject({ status: 'completed', rows_indexed: 1 });
    const schema = await putSchema(key, 'early', 'item', {
      fields: [
        { name: 'price', type: 'number', filterable: true },
        { name: 'tags', type: 'string[]' },
        { name: 'ok', type: 'boolean' },
      ],
    });
    expect(schema.response.status).toBe(200);
    await queueIdle(t, 'collections.reindex', tenantId);
    const list = await listRecords(key, 'early');
    expect(list.data!.items[0]).toMatchObject({
      indexing_status: 'indexed',
      collection_data: { price: 5, tags: ['a', 'b'], ok: true },
    });
    const found = await search(key, 'early', { query: 'lamp', filters: { price: { gte: 5 } } });
    expect(found.data!.total).toBe(1);
  });

  it('reindexes against the current schema in the background (202), also after a schema change', async () => {
    const { apiKey, tenantId } = await tenant();
    const key = apiKey.key;
    await ingestAndWait(t, key, 'reindexed', 'part', [
      { name: 'Valve', maker: 'Acme', size: '12' },
      { name: 'Pump', maker: 'Bolt' },
    ]);
    const searchMaker = async () =>
      (await search(key, 'reindexed', { query: 'acme', fuzzy: false })).data!.total;
    expect(await searchMaker()).toBe(0); // no schema: maker is not searchable yet

    // A schema change re-validates and re-indexes the record type by itself.
    await putSchema(key, 'reindexed', 'part', {
      fields: [
        { name: 'maker', type: 'string', searchable: true },
        { name: 'size', type: 'integer', required: true },
      ],
    });
    await queueIdle(t, 'collections.reindex', tenantId);
    let list = (await listRecords(key, 'reindexed')).data!;
    // Stored text is coerced to the new types as CSV cells are ("12" → 12); a missing required field fails.
    expect(list.items.map((r) => [r.name, r.indexing_status, r.indexing_error])).toEqual([
      ['Valve', 'indexed', null],
      ['Pump', 'failed', 'collection_data.size: is required'],
    ]);
    expect(list.items[0].collection_data).toEqual({ maker: 'Acme', size: 12 });
    await putSchema(key, 'reindexed', 'part', {
      fields: [{ name: 'maker', type: 'string', searchable: true }],
    });
    await queueIdle(t, 'collections.reindex', tenantId);
    await until(async () => (await searchMaker()) === 1);

    // Data changed behind the API's back gets fixed by an explicit reindex.
    await t.dataSource.query(
      `UPDATE records SET indexing_status = 'failed', indexing_error = 'stale' WHERE tenant_id = $1`,
      [tenantId],
    );
    const res = await reindex(key, 'reindexed');
    expect(res.response.status).toBe(202);
    expect(res.data).toEqual({ collection: 'reindexed', status: 'pending', records: 2 });
    await queueIdle(t, 'collections.reindex', tenantId);
    list = (await listRecords(key, 'reindexed')).data!;
    expect(list.items.map((r) => [r.indexing_status, r.indexing_error])).toEqual([
      ['indexed', null],
      ['indexed', null],
    ]);
    expect((await reindex(key, 'missing')).response.status).toBe(404);
    const writer = await mintKey(t, tenantId, { scopes: ['ingest'] });
    expect((await reindex(writer.key, 'reindexed')).error).toMatchObject({
      error: 'insufficient_scope',
      required_scopes: ['admin'],
    });
  });
});
