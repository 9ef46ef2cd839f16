import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { components, operations } from '../generated/api.js';
import type { TestApp } from '../support/app.js';
import { bearer, call } from '../support/http.js';
import { startWithTenant, uploadAndWait, uploadFile } from './helpers.js';

/** Client JSON of every shape is kept as sent or refused clearly: never dropped in silence, never a 500. */
describe('JSON bodies and odd requests', () => {
  let t: TestApp;
  let key: string;
  /** Raw: the JSON text exactly as written (escapes, exponents, depth, keys the contract does not have). */
  const raw = (method: string, path: string, body: string) =>
    call(t.baseUrl, method, path, {
      apiKey: key,
      rawBody: body,
      headers: { 'content-type': 'application/json' },
    });

  const putSchema = (recordType: string, fields: components['schemas']['SchemaFieldInputDto'][]) =>
    t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      headers: bearer(key),
      params: { path: { collection: 'shapes', record_type: recordType } },
      body: { fields },
    });
  const search = (body: components['schemas']['SearchDto']) =>
    t.api.POST('/api/v1/search/{collection}', {
      headers: bearer(key),
      params: { path: { collection: 'shapes' } },
      body,
    });
  const list = (query: operations['listEntities']['parameters']['query']) =>
    t.api.GET('/api/v1/entities/{collection}', {
      headers: bearer(key),
      params: { path: { collection: 'shapes' }, query },
    });

  beforeAll(async () => {
    ({ t, key } = await startWithTenant());
    const schema = await putSchema('doc', [{ name: 'grade', type: 'string', filterable: true }]);
    expect(schema.response.status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps collection_data keys named like Object.prototype members', async () => {
    const data = { constructor: 'oak', toString: 'x', valueOf: 1, nested: { hasOwnProperty: true } };
    const made = await t.api.POST('/api/v1/entities/{collection}/{record_type}', {
      headers: bearer(key),
      params: { path: { collection: 'shapes', record_type: 'doc' } },
      body: { name: 'Shelf', collection_data: data },
    });
    expect(made.response.status).toBe(201);
    expect(made.data!.collection_data).toEqual(data);
    const patched = await t.api.PATCH('/api/v1/entities/{collection}/{id}', {
      headers: bearer(key),
      params: { path: { collection: 'shapes', id: made.data!.id } },
      body: { collection_data: { constructor: 'pine' } },
    });
    expect(patched.response.status).toBe(200);
    expect(patched.data!.collection_data.constructor).toBe('pine');
  });

  it('refuses such keys where they are not data: unknown fields, filters on no such field', async () => {
    const top = await raw('POST', '/entities/shapes/doc', '{"name":"x","constructor":"y"}');
    expect(top.status).toBe(422);
    expect(top.body.errors).toEqual([{ field: 'constructor', message: 'constructor should not exist' }]);
    // The shapes of these two are in the contract; what they name is refused.
    const filter = await search({ query: 'shelf', filters: { constructor: 'oak' } });
    expect(filter.response.status).toBe(422);
    expect(filter.error!.errors![0].field).toBe('filters.constructor');
    const field = await putSchema('doc', [{ name: 'toString', type: 'string' }]);
    expect(field.response.status).toBe(422);
    expect(field.error!.errors![0]).toMatchObject({ field: 'fields[0].name' });
  });

  it('answers 422 for bodies nesting deeper than 32 levels, 201 up to that', async () => {
    const nest = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const deep = await raw('POST', '/entities/shapes/doc', `{"name":"x","collection_data":${nest(5000)}}`);
    expect(deep.status).toBe(422);
    expect(deep.body.error).toBe('validation_error');
    const search = await raw('POST', '/search/shapes', `{"query":"x","filters":{"grade":${nest(40)}}}`);
    expect(search.status).toBe(422);
    const fine = await raw('POST', '/entities/shapes/doc', `{"name":"x","collection_data":${nest(30)}}`);
    expect(fine.status).toBe(201);
  });

  it('answers 422 for an offset past the integer range, on lists and search', async () => {
    // Raw: offsets beyond the documented maximum.
    for (const path of [
      '/entities/shapes?offset=100000000000000000000',
      '/uploads?offset=9223372036854775807',
    ]) {
      const res = await call(t.baseUrl, 'GET', path, { apiKey: key });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('offset');
    }
    const beyond = await call(t.baseUrl, 'POST', '/search/shapes', {
      apiKey: key,
      body: { query: 'x', offset: 2147483648 },
    });
    expect(beyond.status).toBe(422);
    const last = await search({ query: 'x', offset: 2147483647 });
    expect(last.response.status).toBe(200);
  });

  it('answers a malformed URL in the SPEC error shape', async () => {
    const res = await call(t.baseUrl, 'GET', '/entities/%E0%A4%A', { apiKey: key });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ detail: expect.any(String), error: 'bad_request' });
  });

  it('says why a body with __proto__ is refused', async () => {
    const res = await raw('POST', '/entities/shapes/doc', '{"name":"p","collection_data":{"__proto__":{}}}');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_json');
    expect(res.body.detail).toMatch(/__proto__/);
  });

  it('refuses a body on routes that take none', async () => {
    const res = await raw('POST', '/reindex/shapes', '{"foo":1}');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'foo', message: 'foo should not exist' }]);
    expect((await raw('POST', '/reindex/shapes', '{}')).status).toBe(202);
    const reindex = await t.api.POST('/api/v1/reindex/{collection}', {
      headers: bearer(key),
      params: { path: { collection: 'shapes' } },
    });
    expect(reindex.response.status).toBe(202);
  });

  // JSON.parse turns 1e400 into Infinity, which JSON.stringify (and the database) then stored as null.
  it.each([
    [
      'POST',
      '/entities/shapes/doc',
      '{"name":"a","collection_data":{"price":1e400}}',
      'collection_data.price',
    ],
    [
      'POST',
      '/entities/shapes/doc',
      '{"name":"a","collection_data":{"n":[1,-2E+999]}}',
      'collection_data.n[1]',
    ],
    [
      'POST',
      '/entities/shapes/doc',
      `{"name":"a","collection_data":{"big":${'9'.repeat(400)}}}`,
      'collection_data.big',
    ],
    [
      'POST',
      '/ingest/shapes/doc',
      '{"records":[{"name":"a"},{"name":"b","price":1e400}]}',
      'records[1].price',
    ],
    ['POST', '/search/shapes', '{"q":"a","filters":{"grade":{"gte":1e999}}}', 'filters.grade.gte'],
    ['POST', '/search/shapes', '{"q":"a","limit":1e400}', 'limit'],
  ])('refuses a number JSON cannot carry (%s %s) with 422 naming it', async (method, path, body, field) => {
    const before = await list({ limit: 1 });
    const res = await raw(method, path, body);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      detail: expect.stringContaining(field),
      error: 'validation_error',
      errors: [{ field, message: expect.stringContaining('finite number') }],
    });
    const after = await list({ limit: 1 });
    expect(after.data!.total).toBe(before.data!.total);
  });

  it('keeps numbers a double holds (1e308, -1.79e308) and 1e400 inside a string', async () => {
    const res = await raw(
      'POST',
      '/entities/shapes/doc',
      '{"name":"1e400","collection_data":{"a":1e308,"b":-1.7976931348623157e308,"note":"1e400"}}',
    );
    expect(res.status).toBe(201);
    expect(res.body.collection_data).toEqual({ a: 1e308, b: -1.7976931348623157e308, note: '1e400' });
  });

  it('skips upload rows holding such a number, naming the field (JSON files and CSV number fields)', async () => {
    const schema = await putSchema('priced', [{ name: 'price', type: 'number', required: true }]);
    expect(schema.response.status).toBe(200);
    const json = await uploadAndWait(t, key, 'shapes', 'priced', {
      filename: 'p.json',
      content:
        '[{"name":"ok","price":1},{"name":"big","price":1e400},{"name":"free","extra":{"x":[-1e999]}}]',
    });
    expect(json).toMatchObject({ status: 'completed', rows_indexed: 1, rows_failed: 2 });
    expect(json.errors).toEqual([
      {
        row: 2,
        message: 'row has a number at price beyond what a JSON number holds (a 64-bit float, up to ~1.8e308)',
      },
      { row: 3, message: expect.stringContaining('number at extra.x[0] beyond') },
    ]);
    const csv = await uploadAndWait(t, key, 'shapes', 'priced', {
      filename: 'p.csv',
      content: 'name,price\nok,2\nbig,1e400\n',
    });
    expect(csv).toMatchObject({ status: 'completed', rows_indexed: 1, rows_failed: 1 });
    expect(csv.errors).toEqual([{ row: 2, message: expect.stringMatching(/price.*finite number/) }]);
    const stored = await list({ record_type: 'priced', limit: 100 });
    for (const item of stored.data!.items) {
      expect(item.collection_data.price).not.toBeNull();
    }
  });

  it('takes a CSV column named collection_data as data', async () => {
    const done = await uploadAndWait(t, key, 'shapes', 'doc', {
      filename: 'c.csv',
      content: 'name,collection_data\nCrate,"{""a"":1}"\n',
    });
    expect(done).toMatchObject({ status: 'completed', rows_indexed: 1, rows_failed: 0 });
  });

  it('lets the client read a 415 for an unsupported file, every time', async () => {
    for (const content of ['name\nx\n', Buffer.alloc(1024 * 1024, 'x')]) {
      for (let i = 0; i < 30; i++) {
        const res = await uploadFile(t, key, 'shapes', 'doc', { filename: 'a.txt', content });
        expect(res.status).toBe(415);
      }
    }
  });

  // U+0000 and unpaired surrogates: PostgreSQL text cannot hold them. Whatever door they come through, the
  // client gets a clear 4xx (or, in an upload, that row is skipped with its error), never a 500.
  it.each([
    ['POST', '/entities/shapes/doc', '{"name":"a\\u0000b"}', 'name'],
    [
      'POST',
      '/entities/shapes/doc',
      '{"name":"ok","collection_data":{"grade":"\\ud800"}}',
      'collection_data.grade',
    ],
    ['POST', '/search/shapes', '{"query":"x\\u0000"}', 'query'],
    ['POST', '/search/shapes', '{"query":"steel","filters":{"grade":"\\udc00"}}', 'filters.grade'],
    ['POST', '/ingest/shapes/doc', '{"records":[{"name":"ok"},{"name":"\\u0000"}]}', 'records[1].name'],
  ])('%s %s %s → 422 naming the field', async (method, path, body, field) => {
    const res = await raw(method, path, body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'validation_error', errors: [{ field }] });
  });

  it('keeps characters written as escapes when they pair up (emoji)', async () => {
    const res = await raw('POST', '/entities/shapes/doc', '{"name":"rocket \\ud83d\\ude80"}');
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('rocket 🚀');
  });

  it('answers 400 to %00 in a URL', async () => {
    for (const path of ['/entities/shapes?record_type=%00', '/audit?action=x%00', '/entities/shapes/%00']) {
      const res = await call(t.baseUrl, 'GET', path, { apiKey: key });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('bad_request');
    }
  });

  it('skips an uploaded row holding such text, with its error, and stores the others', async () => {
    const csv = await uploadAndWait(t, key, 'shapes', 'doc', {
      filename: 'nul.csv',
      content: Buffer.from('name,grade\nfirst,a\nsec\u0000ond,b\nthird,c\n', 'utf8'),
    });
    expect(csv).toMatchObject({ status: 'completed', rows_indexed: 2, rows_failed: 1 });
    expect(csv.errors).toEqual([
      { row: 2, message: 'row has text that cannot be stored at name (U+0000 or an unpaired surrogate)' },
    ]);
    const ndjson = await uploadAndWait(t, key, 'shapes', 'doc', {
      filename: 'escapes.ndjson',
      content: '{"name":"fourth"}\n{"name":"fifth","grade":"\\ud800"}\n',
    });
    expect(ndjson).toMatchObject({ status: 'completed', rows_indexed: 1, rows_failed: 1 });
    expect(ndjson.errors[0]).toEqual({
      row: 2,
      message: 'row has text that cannot be stored at grade (U+0000 or an unpaired surrogate)',
    });
  });
});
