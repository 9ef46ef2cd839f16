import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startApp, type TestApp } from '../support/app.js';
import { mintKey, setPlan, signup, tenantWithKey } from '../support/factories.js';
import type { components } from '../generated/api.js';
import { call } from '../support/http.js';
import { bearer, schemaBody } from './helpers.js';

type PutSchema = components['schemas']['PutSchemaDto'];
type CreateRecord = components['schemas']['CreateRecordDto'];
type UpdateRecord = components['schemas']['UpdateRecordDto'];

describe('schemas and records (rules §5)', () => {
  let t: TestApp;
  let key: string;
  let tenantId: string;
  beforeAll(async () => {
    t = await startApp();
    const account = await tenantWithKey(t, ['admin']);
    key = account.apiKey.key;
    tenantId = account.tenantId;
    await setPlan(t, tenantId, 'pro'); // more than the free plan's 3 collections
  });
  afterAll(() => t.close());

  const putSchema = (collection: string, recordType: string, body: PutSchema, credential = key) =>
    t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      params: { path: { collection, record_type: recordType } },
      body,
      headers: bearer(credential),
    });
  const getSchemas = (collection: string, credential = key) =>
    t.api.GET('/api/v1/schemas/{collection}', {
      params: { path: { collection } },
      headers: bearer(credential),
    });
  const createRecord = (collection: string, recordType: string, body: CreateRecord, credential = key) =>
    t.api.POST('/api/v1/entities/{collection}/{record_type}', {
      params: { path: { collection, record_type: recordType } },
      body,
      headers: bearer(credential),
    });
  const getRecord = (collection: string, id: string, credential = key) =>
    t.api.GET('/api/v1/entities/{collection}/{id}', {
      params: { path: { collection, id } },
      headers: bearer(credential),
    });
  const updateRecord = (collection: string, id: string, body: UpdateRecord, credential = key) =>
    t.api.PATCH('/api/v1/entities/{collection}/{id}', {
      params: { path: { collection, id } },
      body,
      headers: bearer(credential),
    });
  const deleteRecord = (collection: string, id: string, credential = key) =>
    t.api.DELETE('/api/v1/entities/{collection}/{id}', {
      params: { path: { collection, id } },
      headers: bearer(credential),
    });
  const listRecords = (
    collection: string,
    query: { record_type?: string; limit?: number; offset?: number } = {},
    credential = key,
  ) =>
    t.api.GET('/api/v1/entities/{collection}', {
      params: { path: { collection }, query },
      headers: bearer(credential),
    });

  describe('schemas', () => {
    it('creates the collection with the schema and reads it back (typed client)', async () => {
      const put = await putSchema('products', 'part', schemaBody);
      expect(put.response.status).toBe(200);
      expect(put.data).toEqual({
        collection: 'products',
        record_type: 'part',
        fields: [
          { name: 'sku', type: 'string', required: true, searchable: true, filterable: true },
          { name: 'price', type: 'number', required: false, searchable: false, filterable: true },
          { name: 'stock', type: 'integer', required: false, searchable: false, filterable: true },
          { name: 'in_stock', type: 'boolean', required: false, searchable: false, filterable: true },
          { name: 'released', type: 'date', required: false, searchable: false, filterable: true },
          { name: 'tags', type: 'string[]', required: false, searchable: true, filterable: true },
          { name: 'notes', type: 'string', required: false, searchable: false, filterable: false },
        ],
        updated_at: expect.any(String),
      });
      const get = await getSchemas('products');
      expect(get.response.status).toBe(200);
      expect(get.data!.collection).toBe('products');
      expect(get.data!.record_types.map((r) => r.record_type)).toEqual(['part']);
      expect(get.data!.record_types[0].fields).toHaveLength(7);
    });

    it('replaces a schema on a second PUT', async () => {
      await putSchema('replaced', 'doc', { fields: [{ name: 'a', type: 'string' }] });
      const res = await putSchema('replaced', 'doc', {
        fields: [{ name: 'b', type: 'integer', required: true }],
      });
      expect(res.response.status).toBe(200);
      expect(res.data!.fields).toEqual([
        { name: 'b', type: 'integer', required: true, searchable: false, filterable: false },
      ]);
    });

    it('answers 422 naming the field for bad names, types, duplicates and unknown keys', async () => {
      // Raw: names outside the naming rule, a field type the contract does not list, an unknown key.
      const badName = await call(t.baseUrl, 'PUT', '/schemas/Bad_Name/part', {
        apiKey: key,
        body: { fields: [] },
      });
      expect(badName.status).toBe(422);
      expect(badName.body).toMatchObject({ error: 'validation_error', errors: [{ field: 'collection' }] });
      const badType = await call(t.baseUrl, 'PUT', '/schemas/products/-part', {
        apiKey: key,
        body: { fields: [] },
      });
      expect(badType.status).toBe(422);
      expect(badType.body.errors).toEqual([
        { field: 'record_type', message: expect.stringContaining('a-z0-9') },
      ]);
      const long = await call(t.baseUrl, 'PUT', `/schemas/${'a'.repeat(64)}/part`, {
        apiKey: key,
        body: { fields: [] },
      });
      expect(long.status).toBe(422);

      const res = await call(t.baseUrl, 'PUT', '/schemas/products/part', {
        apiKey: key,
        body: {
          fields: [
            { name: 'ok', type: 'string' },
            { name: 'x', type: 'float' },
            { name: '1bad', type: 'string' },
            { name: 'ok', type: 'number' },
            { name: 'name', type: 'string' },
            { name: 'y', type: 'string', indexed: true },
          ],
        },
      });
      expect(res.status).toBe(422);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining(['fields[1].type', 'fields[2].name', 'fields[5].indexed']),
      );
      const dup = await putSchema('products', 'part', {
        fields: [
          { name: 'ok', type: 'string' },
          { name: 'ok', type: 'number' },
          { name: 'name', type: 'string' },
        ],
      });
      expect(dup.response.status).toBe(422);
      expect(dup.error!.errors).toEqual([
        { field: 'fields[1].name', message: expect.stringContaining('twice') },
        { field: 'fields[2].name', message: expect.stringContaining('record field') },
      ]);
    });

    it('refuses an array or a primitive where a field object belongs (422 at its index, nothing stored)', async () => {
      // Raw: these bodies are outside the contract.
      const put = (fields: unknown) =>
        call(t.baseUrl, 'PUT', '/schemas/nested-shape/part', { apiKey: key, body: { fields } });
      const field = { name: 'price', type: 'number' };
      for (const [fields, path] of [
        [[[field]], 'fields[0]'],
        [[field, [[field]]], 'fields[1]'],
        [[field, 1], 'fields[1]'],
        [['price'], 'fields[0]'],
        [[true], 'fields[0]'],
        [[null], 'fields[0]'],
      ] as const) {
        // A null item answers by the null rule (README, API conventions), anything else by its shape.
        const message = fields.includes(null as never) ? 'must not be null' : 'must be a JSON object';
        const res = await put(fields);
        expect(res.status).toBe(422);
        expect(res.body).toEqual({
          detail: `${path}: ${message}`,
          error: 'validation_error',
          errors: [{ field: path, message }],
        });
      }
      expect((await getSchemas('nested-shape')).response.status).toBe(404);
    });

    it('answers 404 for an unknown collection and 403 insufficient_scope without entities:read / ingest', async () => {
      expect((await getSchemas('nothing-here')).response.status).toBe(404);
      const searchOnly = await mintKey(t, tenantId, { scopes: ['search'] });
      const get = await getSchemas('products', searchOnly.key);
      expect(get.response.status).toBe(403);
      expect(get.error).toMatchObject({ error: 'insufficient_scope', required_scopes: ['entities:read'] });
      const put = await putSchema('products', 'part', { fields: [] }, searchOnly.key);
      expect(put.error).toMatchObject({ error: 'insufficient_scope', required_scopes: ['ingest'] });
    });
  });

  describe('records', () => {
    const record: CreateRecord = {
      name: 'Deep groove ball bearing 6204',
      description: 'Sealed, steel',
      external_id: 'BRG-6204',
      visibility: 'public',
      collection_data: {
        sku: 'BRG-6204',
        price: 4.2,
        stock: 12,
        in_stock: true,
        released: '2024-05-01',
        tags: ['steel'],
      },
    };

    it('creates a record indexed before the answer, in the exact SPEC shape', async () => {
      const res = await createRecord('products', 'part', record);
      expect(res.response.status).toBe(201);
      expect(res.data).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        external_id: 'BRG-6204',
        name: record.name,
        description: 'Sealed, steel',
        collection: 'products',
        record_type: 'part',
        visibility: 'public',
        indexing_status: 'indexed',
        indexing_error: null,
        collection_data: record.collection_data,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      // Searchable right away.
      const search = await t.api.POST('/api/v1/search/{collection}', {
        params: { path: { collection: 'products' } },
        body: { query: 'groove' },
        headers: bearer(key),
      });
      expect(search.data!.results.map((r) => r.id)).toContain(res.data!.id);

      const got = await getRecord('products', res.data!.id);
      expect(got.response.status).toBe(200);
      expect(got.data).toEqual(res.data);
    });

    it('applies defaults and accepts records without a schema', async () => {
      const res = await createRecord('notes', 'memo', {
        name: 'Free form',
        collection_data: { anything: [1, { deep: true }] },
      });
      expect(res.response.status).toBe(201);
      expect(res.data).toMatchObject({
        external_id: null,
        description: null,
        visibility: 'private',
        indexing_status: 'indexed',
        collection_data: { anything: [1, { deep: true }] },
      });
    });

    it('answers 422 naming each collection_data field that breaks the schema (nothing stored)', async () => {
      const before = await listRecords('products');
      const res = await createRecord('products', 'part', {
        name: 'Broken',
        collection_data: { price: 'cheap', stock: 1.5, in_stock: 'yes', released: 'soon', tags: 'x' },
      });
      expect(res.response.status).toBe(422);
      expect(res.error!.error).toBe('validation_error');
      expect(res.error!.errors).toEqual([
        { field: 'collection_data.sku', message: 'is required' },
        { field: 'collection_data.price', message: 'must be a number' },
        { field: 'collection_data.stock', message: 'must be an integer' },
        { field: 'collection_data.in_stock', message: expect.stringContaining('boolean') },
        { field: 'collection_data.released', message: expect.stringContaining('date') },
        { field: 'collection_data.tags', message: 'must be an array of strings' },
      ]);
      const after = await listRecords('products');
      expect(after.data!.total).toBe(before.data!.total);
    });

    it('answers 422 for a bad body: blank name, unknown fields, bad visibility', async () => {
      const blank = await createRecord('products', 'part', { name: '  ' });
      expect(blank.response.status).toBe(422);
      expect(blank.error!.errors![0].field).toBe('name');
      // Raw: an unknown field and a visibility the contract does not list.
      const unknown = await call(t.baseUrl, 'POST', '/entities/products/part', {
        apiKey: key,
        body: { name: 'x', color: 'red', collection_data: { sku: 'a' } },
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'color' })]);
      const vis = await call(t.baseUrl, 'POST', '/entities/products/part', {
        apiKey: key,
        body: { name: 'x', visibility: 'secret', collection_data: { sku: 'a' } },
      });
      expect(vis.body.errors).toEqual([expect.objectContaining({ field: 'visibility' })]);
    });

    it('refuses a second record with the same external_id (409)', async () => {
      const res = await createRecord('products', 'part', record);
      expect(res.response.status).toBe(409);
      expect(res.error!.error).toBe('conflict');
    });

    it('lists with record_type, limit, offset and total', async () => {
      for (let i = 0; i < 3; i++) await createRecord('listing', 'a', { name: `a${i}` });
      await createRecord('listing', 'b', { name: 'b0' });
      const all = await listRecords('listing');
      expect(all.data!.total).toBe(4);
      expect(all.data!.items.map((r) => r.name)).toEqual(['a0', 'a1', 'a2', 'b0']);
      const page = await listRecords('listing', { record_type: 'a', limit: 2, offset: 1 });
      expect(page.data).toMatchObject({ total: 3 });
      expect(page.data!.items.map((r) => r.name)).toEqual(['a1', 'a2']);
      // Raw: limit=0 is outside the contract.
      const bad = await call(t.baseUrl, 'GET', '/entities/listing?limit=0', { apiKey: key });
      expect(bad.status).toBe(422);
    });

    it('patches fields, merges collection_data and re-validates', async () => {
      const created = await createRecord('products', 'part', {
        name: 'Patch me',
        collection_data: { sku: 'P-1', price: 1, notes: 'old' },
      });
      const id = created.data!.id;
      const patched = await updateRecord('products', id, {
        description: 'now described',
        collection_data: { price: 2, notes: null, stock: 3 },
      });
      expect(patched.response.status).toBe(200);
      expect(patched.data).toMatchObject({
        name: 'Patch me',
        description: 'now described',
        collection_data: { sku: 'P-1', price: 2, stock: 3 },
        indexing_status: 'indexed',
      });
      expect(patched.data!.collection_data).not.toHaveProperty('notes');
      const invalid = await updateRecord('products', id, { collection_data: { sku: null } });
      expect(invalid.response.status).toBe(422);
      expect(invalid.error!.errors).toEqual([{ field: 'collection_data.sku', message: 'is required' }]);
      const taken = await updateRecord('products', id, { external_id: 'BRG-6204' });
      expect(taken.response.status).toBe(409);
    });

    it('deletes a record (204, then 404)', async () => {
      const created = await createRecord('products', 'part', {
        name: 'Delete me',
        collection_data: { sku: 'D-1' },
      });
      const id = created.data!.id;
      expect((await deleteRecord('products', id)).response.status).toBe(204);
      expect((await getRecord('products', id)).response.status).toBe(404);
      expect((await deleteRecord('products', id)).response.status).toBe(404);
    });

    it('answers 404 for another tenant’s collection and records, exactly like missing ones', async () => {
      const created = await createRecord('products', 'part', {
        name: 'Mine',
        collection_data: { sku: 'M-1' },
      });
      const other = await tenantWithKey(t, ['admin']);
      const k = other.apiKey.key;
      const id = created.data!.id;
      const missing = randomUUID();
      /** Status and error code of an answer, typed or raw. */
      const seen = async (res: Promise<{ response: Response; error?: { error: string } }>) => {
        const { response, error } = await res;
        return { status: response.status, error: error?.error };
      };
      for (const [method, path, send] of [
        ['GET', `/entities/products/${id}`, () => seen(getRecord('products', id, k))],
        ['PATCH', `/entities/products/${id}`, () => seen(updateRecord('products', id, { name: 'x' }, k))],
        ['DELETE', `/entities/products/${id}`, () => seen(deleteRecord('products', id, k))],
        ['GET', '/entities/products', () => seen(listRecords('products', {}, k))],
        ['GET', '/schemas/products', () => seen(getSchemas('products', k))],
        ['GET', `/entities/products/${missing}`, () => seen(getRecord('products', missing, k))],
        // Raw: a deliberately malformed (non-UUID) id.
        [
          'GET',
          '/entities/products/not-a-uuid',
          async () => {
            const res = await call(t.baseUrl, 'GET', '/entities/products/not-a-uuid', { apiKey: k });
            return { status: res.status, error: res.body?.error as string | undefined };
          },
        ],
      ] as const) {
        const { status, error } = await send();
        expect({ method, path, status, error }).toEqual({
          method,
          path,
          status: 404,
          error: 'not_found',
        });
      }
      // Still intact for its owner.
      expect((await getRecord('products', id)).data!.name).toBe('Mine');
    });

    it('needs entities:read to read and entities:write to write (403 insufficient_scope)', async () => {
      const reader = await mintKey(t, tenantId, { scopes: ['entities:read'] });
      const list = await listRecords('products', {}, reader.key);
      expect(list.response.status).toBe(200);
      const write = await createRecord(
        'products',
        'part',
        { name: 'x', collection_data: { sku: 'x' } },
        reader.key,
      );
      expect(write.response.status).toBe(403);
      expect(write.error).toMatchObject({ error: 'insufficient_scope', required_scopes: ['entities:write'] });
      const writer = await mintKey(t, tenantId, { scopes: ['entities'] }); // entities grants both
      expect((await listRecords('products', {}, writer.key)).response.status).toBe(200);
      const upload = await mintKey(t, tenantId, { scopes: ['upload'] });
      const denied = await listRecords('products', {}, upload.key);
      expect(denied.error).toMatchObject({ error: 'insufficient_scope', required_scopes: ['entities:read'] });
    });

    it('refuses portal tokens on the API-key routes', async () => {
      const account = await signup(t);
      const res = await listRecords('products', {}, account.token);
      expect(res.response.status).toBe(401);
    });
  });
});
