import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { periodOf } from '../../src/usage/metering.service.js';
import type { TestApp } from '../support/app.js';
import { mintKey, tenantWithKey } from '../support/factories.js';
import { call } from '../support/http.js';
import { bearer, flushMetering, ingestAndWait, startWithTenant } from './helpers.js';

describe('search (rules §5)', () => {
  let t: TestApp;
  let key: string;
  let tenantId: string;
  const ids: Record<string, string> = {};

  const search = (body: Record<string, unknown>, collection = 'parts', apiKey = key) =>
    call(t.baseUrl, 'POST', `/search/${collection}`, { apiKey, body });
  const namesOf = (res: { body: { results: { name: string }[] } }) => res.body.results.map((r) => r.name);

  beforeAll(async () => {
    ({ t, key, tenantId } = await startWithTenant());
    await call(t.baseUrl, 'PUT', '/schemas/parts/part', {
      apiKey: key,
      body: {
        fields: [
          { name: 'maker', type: 'string', searchable: true, filterable: true },
          { name: 'price', type: 'number', filterable: true },
          { name: 'in_stock', type: 'boolean', filterable: true },
          { name: 'released', type: 'date', filterable: true },
          { name: 'tags', type: 'string[]', searchable: true, filterable: true },
          { name: 'secret', type: 'string' },
        ],
      },
    });
    const create = async (key_: string, body: Record<string, unknown>, recordType = 'part') => {
      const res = await call(t.baseUrl, 'POST', `/entities/parts/${recordType}`, { apiKey: key, body });
      expect(res.status).toBe(201);
      ids[key_] = res.body.id;
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
    expect(res.status).toBe(200);
    expect(namesOf(res)).toEqual(['Deep groove ball bearing 6204', 'Pillow block unit', 'Shaft collar']);
    const scores = res.body.results.map((r: { score: number }) => r.score);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[1]).toBeGreaterThan(scores[2]);
    expect(res.body).toMatchObject({
      query: 'bearing',
      collection: 'parts',
      total: 3,
      took_ms: expect.any(Number),
    });
    expect(res.body.results[0]).toEqual({
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
    expect(res.body.total).toBe(4);
    expect(namesOf(res)).not.toContain('Broken bearing');
  });

  it('finds misspellings by trigram similarity (fuzzy, the default), ranked below real matches', async () => {
    const fuzzy = await search({ query: 'bearng', record_type: 'part' });
    expect(namesOf(fuzzy)).toContain('Deep groove ball bearing 6204');
    expect(fuzzy.body.results[0].score).toBeLessThan(0.5);
    const strict = await search({ query: 'bearng', fuzzy: false });
    expect(strict.body).toMatchObject({ results: [], total: 0 });
    const mixed = await search({ query: 'groove', record_type: 'part' });
    expect(mixed.body.results[0]).toMatchObject({ name: 'Deep groove ball bearing 6204' });
    expect(mixed.body.results[0].score).toBeGreaterThanOrEqual(0.5);
    const typo = await search({ query: 'pilow blok' });
    expect(namesOf(typo)).toContain('Pillow block unit');
  });

  it('corrects a misspelled word to the dictionary words fewest edits away, not to every resembling word', async () => {
    for (const name of ['Roller bearing', 'Bar stool', 'Ring binder', 'Brass hinge', 'High shelf']) {
      const res = await call(t.baseUrl, 'POST', '/entities/typos/doc', { apiKey: key, body: { name } });
      expect(res.status).toBe(201);
    }
    // `bar` and `ring` resemble `baring` by trigrams too, but are 3 and 2 edits away; bearing is 1.
    const one = await search({ query: 'baring' }, 'typos');
    expect(namesOf(one)).toEqual(['Roller bearing']);
    expect(one.body.total).toBe(1);
    // Ties are all kept: `hige` is one edit from both `high` and `hinge`.
    const tie = await search({ query: 'hige' }, 'typos');
    expect(namesOf(tie).sort()).toEqual(['Brass hinge', 'High shelf']);
    // Too far for a 4-letter word (2 edits): nothing.
    expect((await search({ query: 'hnig' }, 'typos')).body.total).toBe(0);
    // A longer word may be 2 edits away (a transposition counts 2).
    expect(namesOf(await search({ query: 'bearnig' }, 'typos'))).toEqual(['Roller bearing']);
  });

  it('keeps a query’s operators: no fuzzy retry undoes an exclusion or a phrase, and exclusions keep the ranking', async () => {
    for (const body of [
      { name: 'Widget', description: 'a bearing housing' },
      { name: 'Bearing', description: 'steel' },
    ]) {
      expect((await call(t.baseUrl, 'POST', '/entities/operators/doc', { apiKey: key, body })).status).toBe(
        201,
      );
    }
    expect((await search({ query: 'widget -housing' }, 'operators')).body.total).toBe(0);
    expect((await search({ query: '"steel bearing"' }, 'operators')).body.total).toBe(0);
    // A misspelled word is still corrected.
    expect(namesOf(await search({ query: 'widgt' }, 'operators'))).toEqual(['Widget']);
    // Excluding a word that matches nothing changes neither order nor scores.
    const plain = await search({ query: 'bearing', record_type: 'part', fuzzy: false });
    const excluding = await search({ query: 'bearing -zzz', record_type: 'part', fuzzy: false });
    expect(excluding.body.results.map((r: { name: string; score: number }) => [r.name, r.score])).toEqual(
      plain.body.results.map((r: { name: string; score: number }) => [r.name, r.score]),
    );
    expect(new Set(plain.body.results.map((r: { score: number }) => r.score)).size).toBeGreaterThan(1);
  });

  it('finds words holding quotes, slashes and accents, phrases only in order, and only in the searched collection', async () => {
    for (const name of [
      `Manual at https://example.com/it's/a`,
      `O'Brien's Küchen valve`,
      'ball bearing',
      'bearing ball',
    ]) {
      const res = await call(t.baseUrl, 'POST', '/entities/chars/doc', { apiKey: key, body: { name } });
      expect(res.status).toBe(201);
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
    const q = (filters: Record<string, unknown>) =>
      search({ query: 'bearing', record_type: 'part', fuzzy: false, filters });
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
    const put = (recordType: string, fields: Record<string, unknown>[]) =>
      call(t.baseUrl, 'PUT', `/schemas/mixed/${recordType}`, { apiKey: key, body: { fields } });
    expect(
      (
        await put('p', [
          { name: 'brand', type: 'string', filterable: true },
          { name: 'price', type: 'number', filterable: true },
        ])
      ).status,
    ).toBe(200);
    expect(
      (
        await put('q', [
          { name: 'brand', type: 'string' },
          { name: 'price', type: 'string', filterable: true },
        ])
      ).status,
    ).toBe(200);
    const add = async (recordType: string, name: string, data: Record<string, unknown>) =>
      expect(
        (
          await call(t.baseUrl, 'POST', `/entities/mixed/${recordType}`, {
            apiKey: key,
            body: { name, collection_data: data },
          })
        ).status,
      ).toBe(201);
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
    expect(none.status).toBe(200);
    expect(none.body.total).toBe(0);
    // A value fitting none of the field's types: 422.
    expect((await search({ query: 'item', filters: { price: true } }, 'mixed')).status).toBe(422);
  });

  it('answers 422 for filters on unknown or non-filterable fields and for values of the wrong kind', async () => {
    const q = (filters: Record<string, unknown>) =>
      search({ query: 'bearing', record_type: 'part', filters });
    const secret = await q({ secret: 'x' });
    expect(secret.status).toBe(422);
    expect(secret.body).toMatchObject({
      error: 'validation_error',
      errors: [{ field: 'filters.secret', message: expect.stringContaining('not a filterable field') }],
    });
    expect((await q({ colour: 'red' })).body.errors[0].field).toBe('filters.colour');
    expect((await q({ maker: { gte: 'a' } })).body.errors[0].message).toMatch(/range filters/);
    expect((await q({ price: 'cheap' })).body.errors[0]).toEqual({
      field: 'filters.price',
      message: 'must be a number',
    });
    expect((await q({ price: { gte: 1, between: 2 } })).body.errors[0].message).toMatch(/unknown range key/);
    expect((await q({ released: { gte: 'soon' } })).body.errors[0].message).toMatch(/date/);
    expect((await q({ in_stock: null })).status).toBe(422);
    expect((await q({ tags: ['a', 'b'] })).status).toBe(422);
    // A field filterable in another record type only.
    const otherType = await search({ query: 'bearing', record_type: 'doc', filters: { maker: 'Acme' } });
    expect(otherType.status).toBe(422);
  });

  it('pages with limit and offset, total counting every match', async () => {
    const first = await search({ query: 'bearing', fuzzy: false, limit: 2 });
    expect(first.body.results).toHaveLength(2);
    expect(first.body.total).toBe(4);
    const second = await search({ query: 'bearing', fuzzy: false, limit: 2, offset: 2 });
    expect(second.body.results).toHaveLength(2);
    expect(second.body.results.map((r: { id: string }) => r.id)).not.toContain(first.body.results[0].id);
    const past = await search({ query: 'bearing', fuzzy: false, limit: 2, offset: 10 });
    expect(past.body).toMatchObject({ results: [], total: 4 });
  });

  it('validates the body (422)', async () => {
    for (const body of [
      {},
      { query: '' },
      { query: '   ' },
      { query: 'x'.repeat(501) },
      { query: 'x', limit: 0 },
      { query: 'x', limit: 101 },
      { query: 'x', offset: -1 },
      { query: 'x', fuzzy: 'yes' },
      { query: 'x', filters: [1] },
      { query: 'x', sort: 'name' },
      { query: 'x', record_type: 'Bad Type' },
    ]) {
      const res = await search(body);
      expect({ body, status: res.status, error: res.body.error }).toEqual({
        body,
        status: 422,
        error: 'validation_error',
      });
    }
    // Odd but valid text never breaks the query parser.
    const odd = await search({ query: `"unbalanced ( & | ! :* 'quote` });
    expect(odd.status).toBe(200);
  });

  it('answers 404 for a missing or foreign collection, 403 without the search scope', async () => {
    expect((await search({ query: 'x' }, 'nothing')).status).toBe(404);
    const other = await tenantWithKey(t, ['admin']);
    const foreign = await search({ query: 'bearing' }, 'parts', other.apiKey.key);
    expect(foreign.status).toBe(404);
    const reader = await mintKey(t, tenantId, { scopes: ['entities:read'] });
    const denied = await search({ query: 'bearing' }, 'parts', reader.key);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: 'insufficient_scope', required_scopes: ['search'] });
  });

  it('counts every search per tenant and month, exactly (metering)', async () => {
    const account = await tenantWithKey(t, ['admin']);
    await call(t.baseUrl, 'POST', '/entities/metered/doc', {
      apiKey: account.apiKey.key,
      body: { name: 'metered thing' },
    });
    const metering = await flushMetering(t);
    const before = await metering.read(account.tenantId);
    expect(before.searches).toBe(0);
    const answers = await Promise.all(
      Array.from({ length: 7 }, () =>
        call(t.baseUrl, 'POST', '/search/metered', { apiKey: account.apiKey.key, body: { query: 'thing' } }),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // Refused searches are not counted.
    await call(t.baseUrl, 'POST', '/search/metered', { apiKey: account.apiKey.key, body: { query: '' } });
    await call(t.baseUrl, 'POST', '/search/unknown', { apiKey: account.apiKey.key, body: { query: 'x' } });
    // Portal searches count too.
    const portal = await call(t.baseUrl, 'POST', '/portal/search/metered', {
      token: account.token,
      body: { query: 'thing' },
    });
    expect(portal.status).toBe(200);
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
