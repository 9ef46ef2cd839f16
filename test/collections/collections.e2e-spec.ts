import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { mintKey, setPlan, tenantWithKey } from '../support/factories.js';
import { call } from '../support/http.js';
import { bearer, ingestAndWait, queueIdle, uploadAndWait } from './helpers.js';
import { until } from '../support/until.js';

describe('collections: counters, delete, export, reindex (rules §5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  async function tenant() {
    const account = await tenantWithKey(t, ['admin']);
    await setPlan(t, account.tenantId, 'pro');
    return account;
  }

  it('lists collections with their counters, the plan, its record limit and the total', async () => {
    const { apiKey, tenantId } = await tenant();
    const key = apiKey.key;
    await call(t.baseUrl, 'PUT', '/schemas/parts/part', {
      apiKey: key,
      body: { fields: [{ name: 'price', type: 'number', required: true }] },
    });
    await call(t.baseUrl, 'PUT', '/schemas/parts/empty-type', { apiKey: key, body: { fields: [] } });
    await ingestAndWait(t, key, 'parts', 'part', [
      { name: 'a', price: 1 },
      { name: 'b', price: 'x' },
      { name: 'c', price: 2 },
    ]);
    await ingestAndWait(t, key, 'parts', 'kit', [{ name: 'k' }]);
    await ingestAndWait(t, key, 'docs', 'doc', [{ name: 'd' }]);
    const res = await t.api.GET('/api/v1/collections', { headers: bearer(key) });
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
    const denied = await call(t.baseUrl, 'GET', '/collections', { apiKey: reader.key });
    expect(denied.body).toMatchObject({ error: 'insufficient_scope', required_scopes: ['entities:read'] });
    const empty = await tenantWithKey(t, ['entities:read']);
    const none = await call(t.baseUrl, 'GET', '/collections', { apiKey: empty.apiKey.key });
    expect(none.body).toEqual({ collections: [], plan: 'free', record_limit: 1000, total_records: 0 });
  });

  it('deletes a collection with everything in it (admin scope), audited', async () => {
    const { apiKey, tenantId } = await tenant();
    const key = apiKey.key;
    await ingestAndWait(t, key, 'doomed', 'doc', [{ name: 'x' }, { name: 'y' }]);
    await call(t.baseUrl, 'PUT', '/schemas/doomed/doc', { apiKey: key, body: { fields: [] } });
    const writer = await mintKey(t, tenantId, { scopes: ['entities', 'ingest', 'search'] });
    const denied = await call(t.baseUrl, 'DELETE', '/collections/doomed', { apiKey: writer.key });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: 'insufficient_scope', required_scopes: ['admin'] });
    const other = await tenantWithKey(t, ['admin']);
    expect(
      (await call(t.baseUrl, 'DELETE', '/collections/doomed', { apiKey: other.apiKey.key })).status,
    ).toBe(404);

    const res = await call(t.baseUrl, 'DELETE', '/collections/doomed', { apiKey: key });
    expect(res.status).toBe(204);
    expect((await call(t.baseUrl, 'GET', '/entities/doomed', { apiKey: key })).status).toBe(404);
    expect((await call(t.baseUrl, 'GET', '/schemas/doomed', { apiKey: key })).status).toBe(404);
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
    expect((await call(t.baseUrl, 'DELETE', '/collections/doomed', { apiKey: key })).status).toBe(404);
  });

  // Issue 20: a record write locks its record, then (at commit) the collection row; the deletion used to
  // lock the collection row first, then the records — "deadlock detected" (500) about 1 race in 40.
  it('deletes a collection racing record writes and deletes without a deadlock (no 5xx, nothing left)', async () => {
    const { apiKey, tenantId } = await tenant();
    const key = apiKey.key;
    for (let round = 0; round < 12; round++) {
      const name = `raced-${round}`;
      const made = await call(t.baseUrl, 'POST', `/entities/${name}/thing`, {
        apiKey: key,
        body: { name: 'a' },
      });
      expect(made.status).toBe(201);
      const answers = await Promise.all([
        call(t.baseUrl, 'DELETE', `/entities/${name}/${made.body.id}`, { apiKey: key }),
        call(t.baseUrl, 'PATCH', `/entities/${name}/${made.body.id}`, { apiKey: key, body: { name: 'b' } }),
        call(t.baseUrl, 'DELETE', `/collections/${name}`, { apiKey: key }),
        call(t.baseUrl, 'DELETE', `/collections/${name}`, { apiKey: key }),
        call(t.baseUrl, 'POST', `/entities/${name}/thing`, { apiKey: key, body: { name: 'c' } }),
        call(t.baseUrl, 'POST', `/entities/${name}/thing`, { apiKey: key, body: { name: 'd' } }),
      ]);
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
    const response = await fetch(`${t.baseUrl}/api/v1/export/exported`, { headers: bearer(key) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="exported.ndjson"');
    const text = await response.text();
    const lines = text
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
    const onlyOther = await call(t.baseUrl, 'GET', '/export/exported?record_type=other', { apiKey: key });
    expect(onlyOther.text.trimEnd().split('\n')).toHaveLength(1);

    const writer = await mintKey(t, tenantId, { scopes: ['entities'] });
    const denied = await call(t.baseUrl, 'GET', '/export/exported', { apiKey: writer.key });
    expect(denied.body).toMatchObject({ error: 'insufficient_scope', required_scopes: ['admin'] });
    const other = await tenantWithKey(t, ['admin']);
    expect((await call(t.baseUrl, 'GET', '/export/exported', { apiKey: other.apiKey.key })).status).toBe(404);
    const empty = await call(t.baseUrl, 'POST', '/entities/empty/doc', { apiKey: key, body: { name: 'x' } });
    await call(t.baseUrl, 'DELETE', `/entities/empty/${empty.body.id}`, { apiKey: key });
    const none = await call(t.baseUrl, 'GET', '/export/empty', { apiKey: key });
    expect(none.status).toBe(200);
    expect(none.text).toBe('');
  });

  it('types CSV rows uploaded before their schema existed once the schema arrives', async () => {
    const { apiKey, tenantId } = await tenant();
    const key = apiKey.key;
    const done = await uploadAndWait(t, key, 'early', 'item', {
      filename: 'a.csv',
      content: 'name,price,tags,ok\nLamp,5,a|b,yes\n',
    });
    expect(done).toMatchObject({ status: 'completed', rows_indexed: 1 });
    const schema = await call(t.baseUrl, 'PUT', '/schemas/early/item', {
      apiKey: key,
      body: {
        fields: [
          { name: 'price', type: 'number', filterable: true },
          { name: 'tags', type: 'string[]' },
          { name: 'ok', type: 'boolean' },
        ],
      },
    });
    expect(schema.status).toBe(200);
    await queueIdle(t, 'collections.reindex', tenantId);
    const list = await call(t.baseUrl, 'GET', '/entities/early', { apiKey: key });
    expect(list.body.items[0]).toMatchObject({
      indexing_status: 'indexed',
      collection_data: { price: 5, tags: ['a', 'b'], ok: true },
    });
    const found = await call(t.baseUrl, 'POST', '/search/early', {
      apiKey: key,
      body: { query: 'lamp', filters: { price: { gte: 5 } } },
    });
    expect(found.body.total).toBe(1);
  });

  it('reindexes against the current schema in the background (202), also after a schema change', async () => {
    const { apiKey, tenantId } = await tenant();
    const key = apiKey.key;
    await ingestAndWait(t, key, 'reindexed', 'part', [
      { name: 'Valve', maker: 'Acme', size: '12' },
      { name: 'Pump', maker: 'Bolt' },
    ]);
    const searchMaker = async () =>
      (
        await call(t.baseUrl, 'POST', '/search/reindexed', {
          apiKey: key,
          body: { query: 'acme', fuzzy: false },
        })
      ).body.total;
    expect(await searchMaker()).toBe(0); // no schema: maker is not searchable yet

    // A schema change re-validates and re-indexes the record type by itself.
    await call(t.baseUrl, 'PUT', '/schemas/reindexed/part', {
      apiKey: key,
      body: {
        fields: [
          { name: 'maker', type: 'string', searchable: true },
          { name: 'size', type: 'integer', required: true },
        ],
      },
    });
    await queueIdle(t, 'collections.reindex', tenantId);
    let list = await call(t.baseUrl, 'GET', '/entities/reindexed', { apiKey: key });
    // Stored text is coerced to the new types as CSV cells are ("12" → 12); a missing required field fails.
    expect(list.body.items.map((r: any) => [r.name, r.indexing_status, r.indexing_error])).toEqual([
      ['Valve', 'indexed', null],
      ['Pump', 'failed', 'collection_data.size: is required'],
    ]);
    expect(list.body.items[0].collection_data).toEqual({ maker: 'Acme', size: 12 });
    await call(t.baseUrl, 'PUT', '/schemas/reindexed/part', {
      apiKey: key,
      body: { fields: [{ name: 'maker', type: 'string', searchable: true }] },
    });
    await queueIdle(t, 'collections.reindex', tenantId);
    await until(async () => (await searchMaker()) === 1);

    // Data changed behind the API's back gets fixed by an explicit reindex.
    await t.dataSource.query(
      `UPDATE records SET indexing_status = 'failed', indexing_error = 'stale' WHERE tenant_id = $1`,
      [tenantId],
    );
    const res = await call(t.baseUrl, 'POST', '/reindex/reindexed', { apiKey: key });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ collection: 'reindexed', status: 'pending', records: 2 });
    await queueIdle(t, 'collections.reindex', tenantId);
    list = await call(t.baseUrl, 'GET', '/entities/reindexed', { apiKey: key });
    expect(list.body.items.map((r: any) => [r.indexing_status, r.indexing_error])).toEqual([
      ['indexed', null],
      ['indexed', null],
    ]);
    expect((await call(t.baseUrl, 'POST', '/reindex/missing', { apiKey: key })).status).toBe(404);
    const writer = await mintKey(t, tenantId, { scopes: ['ingest'] });
    expect((await call(t.baseUrl, 'POST', '/reindex/reindexed', { apiKey: writer.key })).body).toMatchObject({
      error: 'insufficient_scope',
      required_scopes: ['admin'],
    });
  });
});
