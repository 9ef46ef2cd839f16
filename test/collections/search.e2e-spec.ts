import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { periodOf } from '../../src/usage/metering.service.js';
import type { components } from '../generated/api.js';
import type { TestApp } from '../support/app.js';
import { mintKey, tenantWithKey } from '../support/factories.js';
import { bearer, call } from '../support/http.js';
import { flushMetering, ingestAndWait, startWithTenant } from './helpers.js';

type SearchBody = components['schemas']['SearchDto'];
type Filters = NonNullable<SearchBody['filters']>;

describe('search (rules §5)', () => {
  let t: TestApp;
  let key: string;
  let tenantId: string;
  const ids: Record<string, string> = {};

  const search = (body: SearchBody, collection = 'parts', apiKey = key) =>
    t.api.POST('/api/v1/search/{collection}', {
      headers: bearer(apiKey),
      params: { path: { collection } },
      body,
    });
  /** Raw: bodies outside the contract (a missing query, out-of-range numbers, wrong types, filter values of no documented shape). */
  const searchRaw = (body: unknown, collection = 'parts', apiKey = key) =>
    call(t.baseUrl, 'POST', `/search/${collection}`, { apiKey, body });
  const createRecord = (
    collection: string,
    recordType: string,
    body: components['schemas']['CreateRecordDto'],
    apiKey = key,
  ) =>
    t.api.POST('/api/v1/entities/{collection}/{record_type}', {
      headers: bearer(apiKey),
      params: { path: { collection, record_type: recordType } },
      body,
    });
  const putSchema = (
    collection: string,
    recordType: string,
    fields: components['schemas']['SchemaFieldInputDto'][],
  ) =>
    t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      headers: bearer(key),
      params: { path: { collection, record_type: recordType } },
      body: { fields },
    });
  const namesOf = (res: { data?: { results: { name: string }[] } }) => res.data!.results.map((r) => r.name);

  beforeAll(async () => {
    ({ t, key, tenantId } = await startWithTenant());
    await putSchema('parts', 'part', [
      { name: 'maker', type: 'string', searchable: true, filterable: true },
      { name: 'price', type: 'number', filterable: true },
      { name: 'in_stock', type: 'boolean', filterable: true },
      { name: 'released', type: 'date', filterable: true },
      { name: 'tags', type: 'string[]', searchable: true, filterable: true },
      { name: 'secret', type: 'string' },
    ]);
    const create = async (
      key_: string,
      body: components['schemas']['CreateRecordDto'],
      recordType = 'part',
    ) => {
      const res = await createRecord('parts', recordType, body);
      expect(res.response.status).toBe(201);
      ids[key_] = res.data!.id;
    };
    await create('name', {
      name: 'Deep groove ball bearing 6204',
      description: 'Sealed steel',
      collection_data: {
        maker: 'Acme',
        price: 4.2,
        in_stock: true,
        released: '2024-03-01',
        tags: ['steel', 'sealed'],
      },
    });
    await create('description', {
      name: 'Pillow block unit',
      description: 'Houses a bearing for shafts',
      collection_data: {
        maker: 'Bolt',
        price: 25,
        in_stock: false,
        released: '2023-11-20',
        tags: ['cast iron'],
      },
    });
    await create('field', {
      name: 'Shaft collar',
      description: 'Clamp style',
      collection_data: {
        maker: 'Bearing Works',
        price: 3,
        in_stock: true,
        released: '2024-06-15T12:00:00Z',
        tags: ['steel'],
      },
    });
    await create('hidden', {
      name: 'Washer',
      collection_data: { maker: 'Acme', price: 0.1, secret: 'bearing', tags: [] },
    });
    await create('other-type', { name: 'Bearing catalogue', collection_data: {} }, 'doc');
    // A failed record (through an upload: single writes refuse invalid data) is never found.
    const failed = await ingestAndWait(t, key, 'parts', 'part', [
      { name: 'Broken bearing', collection_data: { price: 'cheap' } },
    ]);
    expect(failed.rows_failed).toBe(1);
  });
  afterAll(() => t.close());

  it('ranks name matches above description above searchable fields; non-searchable fields are not indexed', async () => {
    const res = await search({ query: 'bearing', record_type: 'part', fuzzy: false });
    expect(res.response.status).toBe(200);
    expect(namesOf(res)).toEqual(['Deep groove ball bearing 6204', 'Pillow block unit', 'Shaft collar']);
    const scores = res.data!.results.map((r) => r.score);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[1]).toBeGreaterThan(scores[2]);
    expect(res.data).toMatchObject({
      query: 'bearing',
      collection: 'parts',
      total: 3,
      took_ms: expect.any(Number),
    });
    expect(res.data!.results[0]).toEqual({
      id: ids.name,
      name: 'Deep groove ball bearing 6204',
      description: 'Sealed steel',
      record_type: 'part',
      visibility: 'private',
      score: expect.any(Number),
      collection_data: {
        maker: 'Acme',
        price: 4.2,
        in_stock: true,
        released: '2024-03-01',
        tags: ['steel', 'sealed'],
      },
    });
  });

  it('searches every record type without record_type, and stems words ("bearings")', async () => {
    const res = await search({ query: 'bearings', fuzzy: false });
    expect(namesOf(res)).toEqual(
      expect.arrayContaining([
        'Deep groove ball bearing 6204',
        'Bearing catalogue',
        'Pillow block unit',
        'Shaft collar',
      ]),
    );
    expect(res.data!.total).toBe(4);
    expect(namesOf(res)).not.toContain('Broken bearing');
  });

  it('finds misspellings by trigram similarity (fuzzy, the default), ranked below real matches', async () => {
    const fuzzy = await search({ query: 'bearng', record_type: 'part' });
    expect(namesOf(fuzzy)).toContain('Deep groove ball bearing 6204');
    expect(fuzzy.data!.results[0].score).toBeLessThan(0.5);
    const strict = await search({ query: 'bearng', fuzzy: false });
    expect(strict.data).toMatchObject({ results: [], total: 0 });
    const mixed = await search({ query: 'groove', record_type: 'part' });
    expect(mixed.data!.results[0]).toMatchObject({ name: 'Deep groove ball bearing 6204' });
    expect(mixed.data!.results[0].score).toBeGreaterThanOrEqual(0.5);
    const typo = await search({ query: 'pilow blok' });
    expect(namesOf(typo)).toContain('Pillow block unit');
  });

  it('corrects a misspelled word to the dictionary words fewest edits away, not to every resembling word', async () => {
    for (const name of ['Roller bearing', 'Bar stool', 'Ring binder', 'Brass hinge', 'High shelf']) {
      const res = await createRecord('typos', 'doc', { name });
      expect(res.response.status).toBe(201);
    }
    // `bar` and `ring` resemble `baring` by trigrams too, but are 3 and 2 edits away; bearing is 1.
    const one = await search({ query: 'baring' }, 'typos');
    expect(namesOf(one)).toEqual(['Roller bearing']);
    expect(one.data!.total).toBe(1);
    // Ties are all kept: `hige` is one edit from both `high` and `hinge`.
    const tie = await search({ query: 'hige' }, 'typos');
    expect(namesOf(tie).sort()).toEqual(['Brass hinge', 'High shelf']);
    // Too far for a 4-letter word (2 edits): nothing.
    expect((await search({ query: 'hnig' }, 'typos')).data!.total).toBe(0);
    // A longer word may be 2 edits away (a transposition counts 2).
    expect(namesOf(await search({ query: 'bearnig' }, 'typos'))).toEqual(['Roller bearing']);
  });

  it('keeps a query’s operators: no fuzzy retry undoes an exclusion or a phrase, and exclusions keep the ranking', async () => {
    for (const body of [
      { name: 'Widget', description: 'a bearing housing' },
      { name: 'Bearing', description: 'steel' },
    ]) {
      expect((await createRecord('operators', 'doc', body)).response.status).toBe(201);
    }
    expect((await search({ query: 'widget -housing' }, 'operators')).data!.total).toBe(0);
    expect((await search({ query: '"steel bearing"' }, 'operators')).data!.total).toBe(0);
    // A misspelled word is still corrected.
    expect(namesOf(await search({ query: 'widgt' }, 'operators'))).toEqual(['Widget']);
    // Excluding a word that matches nothing changes neither order nor scores.
    const plain = await search({ query: 'bearing', record_type: 'part', fuzzy: false });
    const excluding = await search({ query: 'bearing -zzz', record_type: 'part', fuzzy: false });
    expect(excluding.data!.results.map((r) => [r.name, r.score])).toEqual(
      plain.data!.results.map((r) => [r.name, r.score]),
    );
    expect(new Set(plain.data!.results.map((r) => r.score)).size).toBeGreaterThan(1);
  });

  it('finds words holding quotes, slashes and accents, phrases only in order, and only in the searched collection', async () => {
    for (const name of [
      `Manual at https://example.com/it's/a`,
      `O'Brien's Küchen valve`,
      'ball bearing',
      'bearing ball',
    ]) {
      const res = await createRecord('chars', 'doc', { name });
      expect(res.response.status).toBe(201);
    }
    const found = async (query: string) =>
      namesOf(await search({ query, fuzzy: false }, 'chars')).sort((a, b) => a.localeCompare(b));
    // `example.com/it's/a` is one word (a URL path), with a quote in it.
    expect(await found(`example.com/it's/a`)).toEqual([`Manual at https://example.com/it's/a`]);
    expect(await found(`küchen o'brien`)).toEqual([`O'Brien's Küchen valve`]);
    expect(await found('"ball bearing"')).toEqual(['ball bearing']);
    expect(await found('ball bearing')).toEqual(['ball bearing', 'bearing ball']);
    expect(await found('bearing -"ball bearing"')).toEqual(['bearing ball']);
    expect(await found('valve or manual')).toEqual([
      `Manual at https://example.com/it's/a`,
      `O'Brien's Küchen valve`,
    ]);
    // The same words in another collection of the same tenant are not found here, nor those here there.
    expect(await found('groove')).toEqual([]);
    expect(namesOf(await search({ query: 'küchen', fuzzy: false }))).toEqual([]);
  });

  it('filters on filterable fields: equality, list membership and ranges', async () => {
    const q = (filters: Filters) => search({ query: 'bearing', record_type: 'part', fuzzy: false, filters });
    expect(namesOf(await q({ maker: 'Acme' }))).toEqual(['Deep groove ball bearing 6204']);
    expect(namesOf(await q({ in_stock: true }))).toEqual(['Deep groove ball bearing 6204', 'Shaft collar']);
    expect(namesOf(await q({ tags: 'steel' }))).toEqual(['Deep groove ball bearing 6204', 'Shaft collar']);
    expect(namesOf(await q({ price: { gte: 4, lte: 30 } }))).toEqual([
      'Deep groove ball bearing 6204',
      'Pillow block unit',
    ]);
    expect(namesOf(await q({ price: 25 }))).toEqual(['Pillow block unit']);
    expect(namesOf(await q({ price: { lte: 3 } }))).toEqual(['Shaft collar']);
    expect(namesOf(await q({ released: { gte: '2024-01-01' } }))).toEqual([
      'Deep groove ball bearing 6204',
      'Shaft collar',
    ]);
    expect(namesOf(await q({ released: { gte: '2024-06-15', lte: '2024-06-15' } }))).toEqual([
      'Shaft collar',
    ]);
    expect(namesOf(await q({ released: { lte: '2024-03-01' } }))).toEqual([
      'Deep groove ball bearing 6204',
      'Pillow block unit',
    ]);
    // A stored date is midnight UTC of that day, against instants too.
    expect(
      namesOf(await q({ released: { gte: '2024-03-01T00:00:00Z', lte: '2024-03-01T00:00:00Z' } })),
    ).toEqual(['Deep groove ball bearing 6204']);
    expect(namesOf(await q({ released: { gte: '2024-03-01T00:00:01Z', lte: '2024-05-01' } }))).toEqual([]);
    expect(namesOf(await q({ released: '2024-03-01T00:00:00Z' }))).toEqual(['Deep groove ball bearing 6204']);
    expect(namesOf(await q({ released: '2024-03-01T02:00:00+02:00' }))).toEqual([
      'Deep groove ball bearing 6204',
    ]);
    expect(namesOf(await q({ released: '2024-06-15' }))).toEqual([]);
    expect(namesOf(await q({ released: '2024-06-15T12:00:00Z' }))).toEqual(['Shaft collar']);
    expect(namesOf(await q({ in_stock: true, price: { gte: 4 } }))).toEqual([
      'Deep groove ball bearing 6204',
    ]);
  });

  it('without record_type, filters only records of types where the field is filterable (with the value’s type)', async () => {
    const put = (recordType: string, fields: components['schemas']['SchemaFieldInputDto'][]) =>
      putSchema('mixed', recordType, fields);
    expect(
      (
        await put('p', [
          { name: 'brand', type: 'string', filterable: true },
          { name: 'price', type: 'number', filterable: true },
        ])
      ).response.status,
    ).toBe(200);
    expect(
      (
        await put('q', [
          { name: 'brand', type: 'string' },
          { name: 'price', type: 'string', filterable: true },
        ])
      ).response.status,
    ).toBe(200);
    const add = async (recordType: string, name: string, data: Record<string, unknown>) =>
      expect((await createRecord('mixed', recordType, { name, collection_data: data })).response.status).toBe(
        201,
      );
    await add('p', 'Item P', { brand: 'Acme', price: 5 });
    await add('q', 'Item Q', { brand: 'Acme', price: '5' });
    await add('untyped', 'Item U', { brand: 'Acme', price: 5 });
    // brand is filterable in p only: q and the schema-less type never match it.
    expect(namesOf(await search({ query: 'item', filters: { brand: 'Acme' } }, 'mixed'))).toEqual(['Item P']);
    // price is a number in p and a string in q: each value finds its own type.
    expect(namesOf(await search({ query: 'item', filters: { price: 5 } }, 'mixed'))).toEqual(['Item P']);
    expect(namesOf(await search({ query: 'item', filters: { price: '5' } }, 'mixed'))).toEqual(['Item Q']);
    // Fields filterable in no common type: nothing can match.
    const none = await search({ query: 'item', filters: { brand: 'Acme', price: '5' } }, 'mixed');
    expect(none.response.status).toBe(200);
    expect(none.data!.total).toBe(0);
    // A value fitting none of the field's types: 422.
    expect((await search({ query: 'item', filters: { price: true } }, 'mixed')).response.status).toBe(422);
  });

  it('answers 422 for filters on unknown or non-filterable fields and for values of the wrong kind', async () => {
    // Filters of the documented shape naming fields, or holding values, that the schema refuses.
    const q = (filters: Filters) => search({ query: 'bearing', record_type: 'part', filters });
    const secret = await q({ secret: 'x' });
    expect(secret.response.status).toBe(422);
    expect(secret.error).toMatchObject({
      error: 'validation_error',
      errors: [{ field: 'filters.secret', message: expect.stringContaining('not a filterable field') }],
    });
    expect((await q({ colour: 'red' })).error!.errors![0].field).toBe('filters.colour');
    expect((await q({ price: 'cheap' })).error!.errors![0]).toEqual({
      field: 'filters.price',
      message: 'must be a number',
    });
    // Raw: filter values of no documented shape (a range bound that is not a date, an unknown range
    // key, null, a list).
    const qRaw = (filters: unknown) => searchRaw({ query: 'bearing', record_type: 'part', filters });
    expect((await qRaw({ maker: { gte: 'a' } })).body.errors[0].message).toMatch(/range filters/);
    expect((await qRaw({ price: { gte: 1, between: 2 } })).body.errors[0].message).toMatch(
      /unknown range key/,
    );
    expect((await qRaw({ released: { gte: 'soon' } })).body.errors[0].message).toMatch(/date/);
    expect((await qRaw({ in_stock: null })).status).toBe(422);
    expect((await qRaw({ tags: ['a', 'b'] })).status).toBe(422);
    // A field filterable in another record type only.
    const otherType = await search({ query: 'bearing', record_type: 'doc', filters: { maker: 'Acme' } });
    expect(otherType.response.status).toBe(422);
  });

  it('pages with limit and offset, total counting every match', async () => {
    const first = await search({ query: 'bearing', fuzzy: false, limit: 2 });
    expect(first.data!.results).toHaveLength(2);
    expect(first.data!.total).toBe(4);
    const second = await search({ query: 'bearing', fuzzy: false, limit: 2, offset: 2 });
    expect(second.data!.results).toHaveLength(2);
    expect(second.data!.results.map((r) => r.id)).not.toContain(first.data!.results[0].id);
    const past = await search({ query: 'bearing', fuzzy: false, limit: 2, offset: 10 });
    expect(past.data).toMatchObject({ results: [], total: 4 });
  });

  it('validates the body (422)', async () => {
    // Raw: bodies outside the contract (missing query, lengths and numbers out of range, wrong types,
    // an unknown field).
    for (const body of [
      {},
      { query: '' },
      { query: 'x'.repeat(501) },
      { query: 'x', limit: 0 },
      { query: 'x', limit: 101 },
      { query: 'x', offset: -1 },
      { query: 'x', fuzzy: 'yes' },
      { query: 'x', filters: [1] },
      { query: 'x', sort: 'name' },
    ]) {
      const res = await searchRaw(body);
      expect({ body, status: res.status, error: res.body.error }).toEqual({
        body,
        status: 422,
        error: 'validation_error',
      });
    }
    // Of the documented shape, refused all the same: a blank query, a record type that is no name.
    for (const body of [{ query: '   ' }, { query: 'x', record_type: 'Bad Type' }]) {
      const res = await search(body);
      expect({ body, status: res.response.status, error: res.error?.error }).toEqual({
        body,
        status: 422,
        error: 'validation_error',
      });
    }
    // Odd but valid text never breaks the query parser.
    const odd = await search({ query: `"unbalanced ( & | ! :* 'quote` });
    expect(odd.response.status).toBe(200);
  });

  it('answers 404 for a missing or foreign collection, 403 without the search scope', async () => {
    expect((await search({ query: 'x' }, 'nothing')).response.status).toBe(404);
    const other = await tenantWithKey(t, ['admin']);
    const foreign = await search({ query: 'bearing' }, 'parts', other.apiKey.key);
    expect(foreign.response.status).toBe(404);
    const reader = await mintKey(t, tenantId, { scopes: ['entities:read'] });
    const denied = await search({ query: 'bearing' }, 'parts', reader.key);
    expect(denied.response.status).toBe(403);
    expect(denied.error).toMatchObject({ error: 'insufficient_scope', required_scopes: ['search'] });
  });

  it('counts every search per tenant and month, exactly (metering)', async () => {
    const account = await tenantWithKey(t, ['admin']);
    await createRecord('metered', 'doc', { name: 'metered thing' }, account.apiKey.key);
    const metering = await flushMetering(t);
    const before = await metering.read(account.tenantId);
    expect(before.searches).toBe(0);
    const answers = await Promise.all(
      Array.from({ length: 7 }, () => search({ query: 'thing' }, 'metered', account.apiKey.key)),
    );
    expect(answers.every((a) => a.response.status === 200)).toBe(true);
    // Refused searches are not counted (raw: an empty query is outside the contract).
    await searchRaw({ query: '' }, 'metered', account.apiKey.key);
    await search({ query: 'x' }, 'unknown', account.apiKey.key);
    // Portal searches count too.
    const portal = await t.api.POST('/api/v1/portal/search/{collection}', {
      headers: bearer(account.token),
      params: { path: { collection: 'metered' } },
      body: { query: 'thing' },
    });
    expect(portal.response.status).toBe(200);
    await flushMetering(t);
    const after = await metering.read(account.tenantId, periodOf());
    expect(after).toMatchObject({ tenantId: account.tenantId, period: periodOf(), searches: 8 });
    const [row] = await t.dataSource.query(
      `SELECT searches::int AS n FROM usage_search_counts WHERE tenant_id = $1 AND period = $2`,
      [account.tenantId, periodOf()],
    );
    expect(row.n).toBe(8);
  });

  it('is typed in the generated client', async () => {
    const res = await t.api.POST('/api/v1/search/{collection}', {
      params: { path: { collection: 'parts' } },
      body: { query: 'collar' },
      headers: bearer(key),
    });
    expect(res.data?.results[0].name).toBe('Shaft collar');
  });
});
