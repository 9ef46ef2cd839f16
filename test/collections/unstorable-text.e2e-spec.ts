import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestApp } from '../support/app.js';
import { call } from '../support/http.js';
import { startWithTenant, uploadAndWait } from './helpers.js';

/**
 * U+0000 and unpaired surrogates: PostgreSQL text cannot hold them. Whatever door they come through,
 * the client gets a clear 4xx (or, in an upload, that row is skipped with its error), never a 500.
 */
describe('text the database cannot store', () => {
  let t: TestApp;
  let key: string;
  const json = (method: string, path: string, raw: string) =>
    call(t.baseUrl, method, path, {
      apiKey: key,
      rawBody: raw,
      headers: { 'content-type': 'application/json' },
    });

  beforeAll(async () => {
    ({ t, key } = await startWithTenant());
    const schema = await call(t.baseUrl, 'PUT', '/schemas/texts/doc', {
      apiKey: key,
      body: { fields: [{ name: 'grade', type: 'string', filterable: true }] },
    });
    expect(schema.status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['POST', '/entities/texts/doc', '{"name":"a\\u0000b"}', 'name'],
    [
      'POST',
      '/entities/texts/doc',
      '{"name":"ok","collection_data":{"grade":"\\ud800"}}',
      'collection_data.grade',
    ],
    ['POST', '/search/texts', '{"query":"x\\u0000"}', 'query'],
    ['POST', '/search/texts', '{"query":"steel","filters":{"grade":"\\udc00"}}', 'filters.grade'],
    ['POST', '/ingest/texts/doc', '{"records":[{"name":"ok"},{"name":"\\u0000"}]}', 'records[1].name'],
  ])('%s %s %s → 422 naming the field', async (method, path, raw, field) => {
    const res = await json(method, path, raw);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'validation_error', errors: [{ field }] });
  });

  it('keeps characters written as escapes when they pair up (emoji)', async () => {
    const res = await json('POST', '/entities/texts/doc', '{"name":"rocket \\ud83d\\ude80"}');
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('rocket 🚀');
  });

  it('answers 400 to %00 in a URL', async () => {
    for (const path of ['/entities/texts?record_type=%00', '/audit?action=x%00', '/entities/texts/%00']) {
      const res = await call(t.baseUrl, 'GET', path, { apiKey: key });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('bad_request');
    }
  });

  it('skips an uploaded row holding such text, with its error, and stores the others', async () => {
    const csv = await uploadAndWait(t, key, 'texts', 'doc', {
      filename: 'nul.csv',
      content: Buffer.from('name,grade\nfirst,a\nsec\u0000ond,b\nthird,c\n', 'utf8'),
    });
    expect(csv).toMatchObject({ status: 'completed', rows_indexed: 2, rows_failed: 1 });
    expect(csv.errors).toEqual([
      { row: 2, message: 'row has text that cannot be stored at name (U+0000 or an unpaired surrogate)' },
    ]);
    const ndjson = await uploadAndWait(t, key, 'texts', 'doc', {
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
