import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { RecordSchemasRepository } from '../../src/collections/record-schemas.repository.js';
import { SearchCache } from '../../src/collections/search-cache.js';
import { SearchRepository } from '../../src/collections/search.repository.js';
import { loadConfig } from '../../src/config/app-config.js';
import { onPostgres, startApp, type TestApp } from '../support/app.js';
import { tenantWithKey } from '../support/factories.js';
import type { components } from '../generated/api.js';
import { bearer } from '../support/http.js';
import { ingestAndWait, startWithTenant } from './helpers.js';

type Fields = components['schemas']['SchemaFieldInputDto'][];

/**
 * The search result cache (SearchCache): repeated searches are answered without running them again,
 * and any change to what a search would see — by any path, on any instance — is seen by the next search.
 */
describe('search result cache', () => {
  let t: TestApp;
  let key: string;
  let tenantId: string;
  let spy: ReturnType<typeof jest.spyOn>;

  const search = (collection: string, body: components['schemas']['SearchDto'], apiKey = key) =>
    t.api.POST('/api/v1/search/{collection}', {
      headers: bearer(apiKey),
      params: { path: { collection } },
      body,
    });
  const names = (res: { data?: { results: { name: string }[] } }) => res.data!.results.map((r) => r.name);
  const createIn = (
    app: TestApp,
    collection: string,
    body: components['schemas']['CreateRecordDto'],
    apiKey = key,
    recordType = 'doc',
  ) =>
    app.api.POST('/api/v1/entities/{collection}/{record_type}', {
      headers: bearer(apiKey),
      params: { path: { collection, record_type: recordType } },
      body,
    });
  const create = async (collection: string, body: components['schemas']['CreateRecordDto'], apiKey = key) => {
    const res = await createIn(t, collection, body, apiKey);
    expect(res.response.status).toBe(201);
    return res.data!.id;
  };
  const putSchema = (collection: string, recordType: string, fields: Fields) =>
    t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      headers: bearer(key),
      params: { path: { collection, record_type: recordType } },
      body: { fields },
    });
  /** How many searches ran in the database since the last call. */
  const ran = () => {
    const n = spy.mock.calls.length;
    spy.mockClear();
    return n;
  };

  beforeAll(async () => {
    // The search statements are counted: the in-process index (which ranks without them) stays off.
    ({ t, key, tenantId } = await startWithTenant('pro', { SEARCH_INDEX_MB: '0' }));
    spy = jest.spyOn(t.app.get(SearchRepository), 'search');
  });
  afterAll(async () => {
    spy.mockRestore();
    await t.close();
  });

  it('answers a repeated search from the cache, identically, and still counts took_ms', async () => {
    await create('cached', { name: 'Copper kettle', description: 'for tea' });
    await create('cached', { name: 'Copper pan' });
    ran();
    const first = await search('cached', { query: 'copper' });
    expect(first.response.status).toBe(200);
    expect(ran()).toBe(1);
    for (let i = 0; i < 3; i++) {
      const again = await search('cached', { query: 'copper' });
      expect(again.response.status).toBe(200);
      expect({ ...again.data, took_ms: 0 }).toEqual({ ...first.data, took_ms: 0 });
      expect(typeof again.data!.took_ms).toBe('number');
    }
    expect(ran()).toBe(0);
    // Any difference in the request is another answer.
    await search('cached', { query: 'copper', limit: 1 });
    await search('cached', { query: 'copper', offset: 1 });
    await search('cached', { query: 'copper', fuzzy: false });
    expect(ran()).toBe(3);
  });

  it('sees a created, changed or deleted record on the very next search', async () => {
    await create('writes', { name: 'Granite block' });
    expect(names(await search('writes', { query: 'granite' }))).toEqual(['Granite block']);
    const id = await create('writes', { name: 'Granite slab' });
    const afterCreate = await search('writes', { query: 'granite' });
    expect(afterCreate.data!.total).toBe(2);
    expect(names(afterCreate)).toContain('Granite slab');

    const path = { collection: 'writes', id };
    const patched = await t.api.PATCH('/api/v1/entities/{collection}/{id}', {
      headers: bearer(key),
      params: { path },
      body: { name: 'Marble slab' },
    });
    expect(patched.response.status).toBe(200);
    expect(names(await search('writes', { query: 'granite' }))).toEqual(['Granite block']);
    expect(names(await search('writes', { query: 'marble' }))).toEqual(['Marble slab']);

    const deleted = await t.api.DELETE('/api/v1/entities/{collection}/{id}', {
      headers: bearer(key),
      params: { path },
    });
    expect(deleted.response.status).toBe(204);
    const afterDelete = await search('writes', { query: 'marble' });
    expect(afterDelete.data).toMatchObject({ results: [], total: 0 });
  });

  it('sees uploads: append, upsert and replace', async () => {
    await ingestAndWait(t, key, 'bulk', 'doc', [{ name: 'Oak chair', external_id: 'c1' }]);
    expect((await search('bulk', { query: 'oak' })).data!.total).toBe(1);
    await ingestAndWait(t, key, 'bulk', 'doc', [{ name: 'Oak table', external_id: 't1' }]);
    expect((await search('bulk', { query: 'oak' })).data!.total).toBe(2);
    await ingestAndWait(t, key, 'bulk', 'doc', [{ name: 'Pine chair', external_id: 'c1' }], 'upsert');
    expect(names(await search('bulk', { query: 'oak' }))).toEqual(['Oak table']);
    await ingestAndWait(t, key, 'bulk', 'doc', [{ name: 'Birch stool', external_id: 's1' }], 'replace');
    expect((await search('bulk', { query: 'oak' })).data!.total).toBe(0);
    expect(names(await search('bulk', { query: 'birch' }))).toEqual(['Birch stool']);
  });

  it('sees new dictionary words: a misspelling finds the record added after it first found nothing', async () => {
    await create('fuzzy', { name: 'Quartz clock' });
    expect((await search('fuzzy', { query: 'pendulm' })).data!.total).toBe(0);
    await create('fuzzy', { name: 'Pendulum clock' });
    expect(names(await search('fuzzy', { query: 'pendulm' }))).toEqual(['Pendulum clock']);
  });

  it('sees schema changes: a field no longer filterable is refused again', async () => {
    const schema = (filterable: boolean) =>
      putSchema('schemas', 'doc', [{ name: 'grade', type: 'string', filterable }]);
    expect((await schema(true)).response.status).toBe(200);
    await create('schemas', { name: 'Steel beam', collection_data: { grade: 'A' } });
    const filtered = { query: 'steel', filters: { grade: 'A' } };
    expect((await search('schemas', filtered)).data!.total).toBe(1);
    expect((await search('schemas', filtered)).data!.total).toBe(1);
    expect((await schema(false)).response.status).toBe(200);
    const refused = await search('schemas', filtered);
    expect(refused.response.status).toBe(422);
    expect(refused.error!.error).toBe('validation_error');
  });

  it('compiles filters against schemas kept in memory, and sees a schema change made behind its back', async () => {
    const schema = (filterable: boolean) =>
      putSchema('kept', 'doc', [{ name: 'grade', type: 'string', filterable }]);
    expect((await schema(true)).response.status).toBe(200);
    await create('kept', { name: 'Oak table', collection_data: { grade: 'C' } });
    const reads = jest.spyOn(t.app.get(RecordSchemasRepository), 'byCollectionName');
    try {
      expect((await search('kept', { query: 'oak', filters: { grade: 'C' } })).data!.total).toBe(1);
      expect((await search('kept', { query: 'table', filters: { grade: 'C' } })).data!.total).toBe(1);
      expect(reads).toHaveBeenCalledTimes(1); // read once, then kept
      // Straight in the database, as another instance would: nothing tells this instance.
      await t.dataSource.query(
        `UPDATE record_schemas SET fields = '[{"name":"grade","type":"string","filterable":false}]'::jsonb
          WHERE collection_id = (SELECT id FROM collections WHERE tenant_id = $1 AND name = 'kept')`,
        [tenantId],
      );
      const refused = await search('kept', { query: 'chair', filters: { grade: 'C' } });
      expect(refused.response.status).toBe(422);
      expect(refused.error!.error).toBe('validation_error');
    } finally {
      reads.mockRestore();
    }
  });

  it('accepts a filter on a record type or field added after the schemas were kept', async () => {
    const put = (recordType: string, fields: Fields) => putSchema('grown', recordType, fields);
    const status = async (res: Promise<{ response: Response }>) => (await res).response.status;
    expect(await status(put('a', [{ name: 'p', type: 'number', filterable: true }]))).toBe(200);
    const made = await createIn(t, 'grown', { name: 'Wool sock' }, key, 'b');
    expect(made.response.status).toBe(201);
    expect(await status(search('grown', { query: 'wool', filters: { p: 1 } }))).toBe(200); // schemas kept
    expect(await status(put('b', [{ name: 'w', type: 'string', filterable: true }]))).toBe(200);
    const added = await search('grown', { query: 'wool', record_type: 'b', filters: { w: 'z' } });
    expect(added.response.status).toBe(200);
    expect(added.data!.total).toBe(0);
    // A field whose type changed is judged by its new type.
    expect(await status(put('a', [{ name: 'p', type: 'string', filterable: true }]))).toBe(200);
    expect(await status(search('grown', { query: 'wool', record_type: 'a', filters: { p: 'y' } }))).toBe(200);
    expect(await status(search('grown', { query: 'wool', record_type: 'a', filters: { p: 1 } }))).toBe(422);
  });

  it('runs a filtered search again when its schemas changed between reading them and the search', async () => {
    const schema = (filterable: boolean) =>
      putSchema('race', 'doc', [{ name: 'grade', type: 'string', filterable }]);
    expect((await schema(true)).response.status).toBe(200);
    await create('race', { name: 'Iron gate', collection_data: { grade: 'B' } });
    const repo = t.app.get(RecordSchemasRepository);
    const original = repo.byCollectionName.bind(repo);
    // The schemas are read, then the field stops being filterable before the records are searched.
    const racing = jest.spyOn(repo, 'byCollectionName').mockImplementationOnce(async (...args) => {
      const read = await original(...args);
      expect((await schema(false)).response.status).toBe(200);
      return read;
    });
    try {
      ran();
      const filtered = { query: 'iron', filters: { grade: 'B' } };
      const refused = await search('race', filtered);
      expect(refused.response.status).toBe(422); // the search saw the newer schema version: schemas read again
      expect(ran()).toBe(1);
      expect(racing).toHaveBeenCalledTimes(2);
    } finally {
      racing.mockRestore();
    }
  });

  it('answers, but does not cache, a filtered search whose schemas change on every attempt', async () => {
    const schema = () => putSchema('churn', 'doc', [{ name: 'grade', type: 'string', filterable: true }]);
    expect((await schema()).response.status).toBe(200);
    await create('churn', { name: 'Glass bowl', collection_data: { grade: 'A' } });
    const repo = t.app.get(RecordSchemasRepository);
    const original = repo.byCollectionName.bind(repo);
    // Every read is followed by another write of the schema (same fields, a new schema version).
    const churning = jest.spyOn(repo, 'byCollectionName').mockImplementation(async (...args) => {
      const read = await original(...args);
      expect((await schema()).response.status).toBe(200);
      return read;
    });
    const cache = t.app.get(SearchCache);
    try {
      const before = cache.size.entries;
      ran();
      const res = await search('churn', { query: 'glass', filters: { grade: 'A' } });
      expect(res.response.status).toBe(200);
      expect(res.data!.total).toBe(1);
      expect(ran()).toBe(3); // bounded attempts
      expect(cache.size.entries).toBe(before);
    } finally {
      churning.mockRestore();
    }
  });

  it('never serves a deleted collection, nor its answers to a new collection of the same name', async () => {
    await create('reborn', { name: 'Velvet curtain' });
    expect((await search('reborn', { query: 'velvet' })).data!.total).toBe(1);
    const dropped = await t.api.DELETE('/api/v1/collections/{name}', {
      headers: bearer(key),
      params: { path: { name: 'reborn' } },
    });
    expect(dropped.response.status).toBe(204);
    expect((await search('reborn', { query: 'velvet' })).response.status).toBe(404);
    await create('reborn', { name: 'Velvet cushion' });
    expect(names(await search('reborn', { query: 'velvet' }))).toEqual(['Velvet cushion']);
  });

  it("keeps tenants apart: the same collection name and query answer each tenant's own records", async () => {
    const other = await tenantWithKey(t, ['admin']);
    await create('shared-name', { name: 'Linen shirt (tenant A)' });
    await create('shared-name', { name: 'Linen towel (tenant B)' }, other.apiKey.key);
    expect(names(await search('shared-name', { query: 'linen' }))).toEqual(['Linen shirt (tenant A)']);
    expect(names(await search('shared-name', { query: 'linen' }, other.apiKey.key))).toEqual([
      'Linen towel (tenant B)',
    ]);
    expect(names(await search('shared-name', { query: 'linen' }))).toEqual(['Linen shirt (tenant A)']);
  });

  // Two instances need a shared PostgreSQL (the embedded database belongs to one process).
  (onPostgres ? it : it.skip)(
    "sees another instance's writes on the next search (the version lives in the database)",
    async () => {
      const b = await startApp({ env: { DATABASE_URL: t.config.DATABASE_URL } });
      try {
        await create('two-instances', { name: 'Amber lamp' });
        expect((await search('two-instances', { query: 'amber' })).data!.total).toBe(1); // cached on A
        const written = await createIn(b, 'two-instances', { name: 'Amber vase' });
        expect(written.response.status).toBe(201);
        expect((await search('two-instances', { query: 'amber' })).data!.total).toBe(2);
      } finally {
        await b.close();
      }
    },
  );

  it('bumps the search version once per transaction, at commit', async () => {
    await create('versions', { name: 'First' });
    const version = async () =>
      Number(
        (
          await t.dataSource.query(
            `SELECT search_version FROM collections WHERE tenant_id = $1 AND name = 'versions'`,
            [tenantId],
          )
        )[0].search_version,
      );
    const before = await version();
    await t.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE records SET name = name || ' x' WHERE collection_id =
        (SELECT id FROM collections WHERE tenant_id = $1 AND name = 'versions')`,
        [tenantId],
      );
      await manager.query(
        `UPDATE records SET name = name || ' y' WHERE collection_id =
        (SELECT id FROM collections WHERE tenant_id = $1 AND name = 'versions')`,
        [tenantId],
      );
      const [row] = await manager.query(
        `SELECT search_version FROM collections WHERE tenant_id = $1 AND name = 'versions'`,
        [tenantId],
      );
      expect(Number(row.search_version)).toBe(before); // not yet: deferred to commit
    });
    expect(await version()).toBe(before + 1);
    // Each table a search reads: records (above), the word dictionary, the schemas.
    const [{ id }] = await t.dataSource.query(
      `SELECT id FROM collections WHERE tenant_id = $1 AND name = 'versions'`,
      [tenantId],
    );
    await t.dataSource.query(
      `INSERT INTO collection_words (tenant_id, collection_id, word) VALUES ($1, $2, 'zyzzyva')`,
      [tenantId, id],
    );
    expect(await version()).toBe(before + 2);
    await t.dataSource.query(
      `INSERT INTO record_schemas (tenant_id, collection_id, record_type, fields) VALUES ($1, $2, 'doc', '[]')`,
      [tenantId, id],
    );
    expect(await version()).toBe(before + 3);
    await t.dataSource.query(`DELETE FROM records WHERE collection_id = $1`, [id]);
    expect(await version()).toBe(before + 4);
  });
});

describe('SearchCache', () => {
  const answer = (n: number, size = 10) => ({
    collectionId: 'c',
    version: '1',
    results: JSON.stringify([
      {
        id: String(n),
        name: 'x'.repeat(size),
        description: null,
        record_type: 't',
        visibility: 'private',
        score: 1,
        collection_data: {},
      },
    ]),
    total: 1,
    totalRelation: 'eq' as const,
  });

  it('keeps within its budget, dropping the least recently used first', () => {
    const cache = new SearchCache(
      loadConfig({ SEARCH_CACHE_MB: '1', JWT_SECRET: 'j'.repeat(32), API_KEY_SALT: 's'.repeat(32) }),
    );
    for (let i = 0; i < 2000; i++) {
      cache.set(`k${i}`, answer(i, 1000));
      cache.get('k0'); // k0 stays in use
    }
    expect(cache.size.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(cache.size.entries).toBeGreaterThan(300);
    expect(cache.get('k0')).toBeDefined();
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k1999')).toBeDefined();
  });

  it('stores nothing when SEARCH_CACHE_MB is 0', () => {
    const cache = new SearchCache(
      loadConfig({ SEARCH_CACHE_MB: '0', JWT_SECRET: 'j'.repeat(32), API_KEY_SALT: 's'.repeat(32) }),
    );
    expect(cache.enabled).toBe(false);
    cache.set('k', answer(1));
    expect(cache.get('k')).toBeUndefined();
  });
});
