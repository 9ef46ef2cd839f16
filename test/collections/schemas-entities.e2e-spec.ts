import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startApp, type TestApp } from '../support/app.js';
import { mintKey, setPlan, signup, tenantWithKey } from '../support/factories.js';
import { call } from '../support/http.js';
import { bearer, schemaBody } from './helpers.js';

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

  describe('schemas', () => {
    it('creates the collection with the schema and reads it back (typed client)', async () => {
      const put = await t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
        params: { path: { collection: 'products', record_type: 'part' } },
        body: schemaBody as never, // literal types of the shared fixture
        headers: bearer(key),
      });
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
      const get = await t.api.GET('/api/v1/schemas/{collection}', {
        params: { path: { collection: 'products' } },
        headers: bearer(key),
      });
      expect(get.response.status).toBe(200);
      expect(get.data!.collection).toBe('products');
      expect(get.data!.record_types.map((r) => r.record_type)).toEqual(['part']);
      expect(get.data!.record_types[0].fields).toHaveLength(7);
    });

    it('replaces a schema on a second PUT', async () => {
      await call(t.baseUrl, 'PUT', '/schemas/replaced/doc', {
        apiKey: key,
        body: { fields: [{ name: 'a', type: 'string' }] },
      });
      const res = await call(t.baseUrl, 'PUT', '/schemas/replaced/doc', {
        apiKey: key,
        body: { fields: [{ name: 'b', type: 'integer', required: true }] },
      });
      expect(res.status).toBe(200);
      expect(res.body.fields).toEqual([
        { name: 'b', type: 'integer', required: true, searchable: false, filterable: false },
      ]);
    });

    it('answers 422 naming the field for bad names, types, duplicates and unknown keys', async () => {
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
      const dup = await call(t.baseUrl, 'PUT', '/schemas/products/part', {
        apiKey: key,
        body: {
          fields: [
            { name: 'ok', type: 'string' },
            { name: 'ok', type: 'number' },
            { name: 'name', type: 'string' },
          ],
        },
      });
      expect(dup.status).toBe(422);
      expect(dup.body.errors).toEqual([
        { field: 'fields[1].name', message: expect.stringContaining('twice') },
        { field: 'fields[2].name', message: expect.stringContaining('record field') },
      ]);
    });

    it('refuses an array or a primitive where a field object belongs (422 at its index, nothing stored)', async () => {
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
      expect((await call(t.baseUrl, 'GET', '/schemas/nested-shape/part', { apiKey: key })).status).toBe(404);
    });

    it('answers 404 for an unknown collection and 403 insufficient_scope without entities:read / ingest', async () => {
      expect((await call(t.baseUrl, 'GET', '/schemas/nothing-here', { apiKey: key })).status).toBe(404);
      const searchOnly = await mintKey(t, tenantId, { scopes: ['search'] });
      const get = await call(t.baseUrl, 'GET', '/schemas/products', { apiKey: searchOnly.key });
      expect(get.status).toBe(403);
      expect(get.body).toMatchObject({ error: 'insufficient_scope', required_scopes: ['entities:read'] });
      const put = await call(t.baseUrl, 'PUT', '/schemas/products/part', {
        apiKey: searchOnly.key,
        body: { fields: [] },
      });
      expect(put.body).toMatchObject({ error: 'insufficient_scope', required_scopes: ['ingest'] });
    });
  });

  describe('records', () => {
    const record = {
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
      const res = await t.api.POST('/api/v1/entities/{collection}/{record_type}', {
        params: { path: { collection: 'products', record_type: 'part' } },
        body: record as never,
        headers: bearer(key),
      });
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
      const search = await call(t.baseUrl, 'POST', '/search/products', {
        apiKey: key,
        body: { query: 'groove' },
      });
      expect(search.body.results.map((r: { id: string }) => r.id)).toContain(res.data!.id);

      const got = await call(t.baseUrl, 'GET', `/entities/products/${res.data!.id}`, { apiKey: key });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.data);
    });

    it('applies defaults and accepts records without a schema', async () => {
      const res = await call(t.baseUrl, 'POST', '/entities/notes/memo', {
        apiKey: key,
        body: { name: 'Free form', collection_data: { anything: [1, { deep: true }] } },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        external_id: null,
        description: null,
        visibility: 'private',
        indexing_status: 'indexed',
        collection_data: { anything: [1, { deep: true }] },
      });
    });

    it('answers 422 naming each collection_data field that breaks the schema (nothing stored)', async () => {
      const before = await call(t.baseUrl, 'GET', '/entities/products', { apiKey: key });
      const res = await call(t.baseUrl, 'POST', '/entities/products/part', {
        apiKey: key,
        body: {
          name: 'Broken',
          collection_data: { price: 'cheap', stock: 1.5, in_stock: 'yes', released: 'soon', tags: 'x' },
        },
      });
      expect(res.status).toBe(422);
      expect(res.body.error).toBe('validation_error');
      expect(res.body.errors).toEqual([
        { field: 'collection_data.sku', message: 'is required' },
        { field: 'collection_data.price', message: 'must be a number' },
        { field: 'collection_data.stock', message: 'must be an integer' },
        { field: 'collection_data.in_stock', message: expect.stringContaining('boolean') },
        { field: 'collection_data.released', message: expect.stringContaining('date') },
        { field: 'collection_data.tags', message: 'must be an array of strings' },
      ]);
      const after = await call(t.baseUrl, 'GET', '/entities/products', { apiKey: key });
      expect(after.body.total).toBe(before.body.total);
    });

    it('answers 422 for a bad body: blank name, unknown fields, bad visibility', async () => {
      const blank = await call(t.baseUrl, 'POST', '/entities/products/part', {
        apiKey: key,
        body: { name: '  ' },
      });
      expect(blank.status).toBe(422);
      expect(blank.body.errors[0].field).toBe('name');
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
      const res = await call(t.baseUrl, 'POST', '/entities/products/part', { apiKey: key, body: record });
      expect(res.status).toBe(409);
      expect(res.body.error).toBe('conflict');
    });

    it('lists with record_type, limit, offset and total', async () => {
      for (let i = 0; i < 3; i++) {
        await call(t.baseUrl, 'POST', '/entities/listing/a', { apiKey: key, body: { name: `a${i}` } });
      }
      await call(t.baseUrl, 'POST', '/entities/listing/b', { apiKey: key, body: { name: 'b0' } });
      const all = await call(t.baseUrl, 'GET', '/entities/listing', { apiKey: key });
      expect(all.body.total).toBe(4);
      expect(all.body.items.map((r: { name: string }) => r.name)).toEqual(['a0', 'a1', 'a2', 'b0']);
      const page = await call(t.baseUrl, 'GET', '/entities/listing?record_type=a&limit=2&offset=1', {
        apiKey: key,
      });
      expect(page.body).toMatchObject({ total: 3 });
      expect(page.body.items.map((r: { name: string }) => r.name)).toEqual(['a1', 'a2']);
      const bad = await call(t.baseUrl, 'GET', '/entities/listing?limit=0', { apiKey: key });
      expect(bad.status).toBe(422);
    });

    it('patches fields, merges collection_data and re-validates', async () => {
      const created = await call(t.baseUrl, 'POST', '/entities/products/part', {
        apiKey: key,
        body: { name: 'Patch me', collection_data: { sku: 'P-1', price: 1, notes: 'old' } },
      });
      const id = created.body.id as string;
      const patched = await call(t.baseUrl, 'PATCH', `/entities/products/${id}`, {
        apiKey: key,
        body: { description: 'now described', collection_data: { price: 2, notes: null, stock: 3 } },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        name: 'Patch me',
        description: 'now described',
        collection_data: { sku: 'P-1', price: 2, stock: 3 },
        indexing_status: 'indexed',
      });
      expect(patched.body.collection_data).not.toHaveProperty('notes');
      const invalid = await call(t.baseUrl, 'PATCH', `/entities/products/${id}`, {
        apiKey: key,
        body: { collection_data: { sku: null } },
      });
      expect(invalid.status).toBe(422);
      expect(invalid.body.errors).toEqual([{ field: 'collection_data.sku', message: 'is required' }]);
      const taken = await call(t.baseUrl, 'PATCH', `/entities/products/${id}`, {
        apiKey: key,
        body: { external_id: 'BRG-6204' },
      });
      expect(taken.status).toBe(409);
    });

    it('deletes a record (204, then 404)', async () => {
      const created = await call(t.baseUrl, 'POST', '/entities/products/part', {
        apiKey: key,
        body: { name: 'Delete me', collection_data: { sku: 'D-1' } },
      });
      const del = await call(t.baseUrl, 'DELETE', `/entities/products/${created.body.id}`, { apiKey: key });
      expect(del.status).toBe(204);
      expect(
        (await call(t.baseUrl, 'GET', `/entities/products/${created.body.id}`, { apiKey: key })).status,
      ).toBe(404);
      expect(
        (await call(t.baseUrl, 'DELETE', `/entities/products/${created.body.id}`, { apiKey: key })).status,
      ).toBe(404);
    });

    it('answers 404 for another tenant’s collection and records, exactly like missing ones', async () => {
      const created = await call(t.baseUrl, 'POST', '/entities/products/part', {
        apiKey: key,
        body: { name: 'Mine', collection_data: { sku: 'M-1' } },
      });
      const other = await tenantWithKey(t, ['admin']);
      const k = other.apiKey.key;
      const id = created.body.id as string;
      for (const [method, path] of [
        ['GET', `/entities/products/${id}`],
        ['PATCH', `/entities/products/${id}`],
        ['DELETE', `/entities/products/${id}`],
        ['GET', '/entities/products'],
        ['GET', '/schemas/products'],
        ['GET', `/entities/products/${randomUUID()}`],
        ['GET', `/entities/products/not-a-uuid`],
      ] as const) {
        const res = await call(t.baseUrl, method, path, {
          apiKey: k,
          body: method === 'PATCH' ? { name: 'x' } : undefined,
        });
        expect({ method, path, status: res.status, error: res.body?.error }).toEqual({
          method,
          path,
          status: 404,
          error: 'not_found',
        });
      }
      // Still intact for its owner.
      expect((await call(t.baseUrl, 'GET', `/entities/products/${id}`, { apiKey: key })).body.name).toBe(
        'Mine',
      );
    });

    it('needs entities:read to read and entities:write to write (403 insufficient_scope)', async () => {
      const reader = await mintKey(t, tenantId, { scopes: ['entities:read'] });
      const list = await call(t.baseUrl, 'GET', '/entities/products', { apiKey: reader.key });
      expect(list.status).toBe(200);
      const write = await call(t.baseUrl, 'POST', '/entities/products/part', {
        apiKey: reader.key,
        body: { name: 'x', collection_data: { sku: 'x' } },
      });
      expect(write.status).toBe(403);
      expect(write.body).toMatchObject({ error: 'insufficient_scope', required_scopes: ['entities:write'] });
      const writer = await mintKey(t, tenantId, { scopes: ['entities'] }); // entities grants both
      expect((await call(t.baseUrl, 'GET', '/entities/products', { apiKey: writer.key })).status).toBe(200);
      const upload = await mintKey(t, tenantId, { scopes: ['upload'] });
      const denied = await call(t.baseUrl, 'GET', '/entities/products', { apiKey: upload.key });
      expect(denied.body).toMatchObject({ error: 'insufficient_scope', required_scopes: ['entities:read'] });
    });

    it('refuses portal tokens on the API-key routes', async () => {
      const account = await signup(t);
      const res = await call(t.baseUrl, 'GET', '/entities/products', { token: account.token });
      expect(res.status).toBe(401);
    });
  });
});
