import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { components } from '../generated/api.js';
import type { TestApp } from '../support/app.js';
import { member, tenantWithKey } from '../support/factories.js';
import { bearer, call } from '../support/http.js';
import { ingestAndWait, startWithTenant } from './helpers.js';

/**
 * Issue 16: totals exact up to SEARCH_EXACT_TOTAL_LIMIT and a lower bound beyond it, ranking in two
 * tiers (records whose name holds every searched word first), and search keys that decide what is read
 * while every answer stays exact. A count limit of 5 makes "beyond the limit" cheap to reach.
 */
describe('search totals, ranking tiers and keys (issue 16)', () => {
  let t: TestApp;
  let key: string;
  let tenantId: string;

  const search = (collection: string, body: components['schemas']['SearchDto'], apiKey = key) =>
    t.api.POST('/api/v1/search/{collection}', {
      headers: bearer(apiKey),
      params: { path: { collection } },
      body,
    });
  const names = (res: { data?: { results: { name: string }[] } }) => res.data!.results.map((r) => r.name);
  const createAs = (
    apiKey: string,
    collection: string,
    body: components['schemas']['CreateRecordDto'],
    recordType = 'doc',
  ) =>
    t.api.POST('/api/v1/entities/{collection}/{record_type}', {
      headers: bearer(apiKey),
      params: { path: { collection, record_type: recordType } },
      body,
    });
  const create = async (
    collection: string,
    body: components['schemas']['CreateRecordDto'],
    recordType = 'doc',
  ) => {
    const res = await createAs(key, collection, body, recordType);
    expect(res.response.status).toBe(201);
    return res.data!.id;
  };
  const portalSearch = (token: string, body: components['schemas']['SearchDto']) =>
    t.api.POST('/api/v1/portal/search/{collection}', {
      headers: bearer(token),
      params: { path: { collection: 'forge' } },
      body,
    });
  const openSearch = (body: components['schemas']['OpenSearchDto']) =>
    t.api.POST('/api/v1/open/search', { body });

  beforeAll(async () => {
    ({ t, key, tenantId } = await startWithTenant('pro', { SEARCH_EXACT_TOTAL_LIMIT: '5' }));
    // 12 records match `anvil`; the names of three hold it.
    await ingestAndWait(t, key, 'forge', 'doc', [
      { name: 'Anvil heavy', description: 'anvil anvil' },
      { name: 'Anvil', description: 'steel' },
      { name: 'Small anvil stand' },
      ...Array.from({ length: 9 }, (_, i) => ({
        name: `Tool ${i + 1}`,
        description: i < 4 ? `rests on an anvil ${'and more '.repeat(i)}` : 'goes with the anvil',
        visibility: 'public',
      })),
    ]);
  });
  afterAll(() => t.close());

  describe('totals', () => {
    it('are exact up to the limit, and a lower bound beyond it unless exact_total asks', async () => {
      const few = await search('forge', { query: 'stand' });
      expect(few.data).toMatchObject({ total: 1, total_relation: 'eq' });
      expect(few.response.headers.get('content-type')).toBe('application/json; charset=utf-8');

      const many = await search('forge', { query: 'anvil', limit: 3 });
      expect(many.response.status).toBe(200);
      expect(many.data).toMatchObject({ total: 5, total_relation: 'gte' });
      expect(many.data!.results).toHaveLength(3);
      // A page reaching past the limit proves more.
      expect((await search('forge', { query: 'anvil' })).data).toMatchObject({
        total: 10,
        total_relation: 'gte',
      });

      const exact = await search('forge', { query: 'anvil', limit: 3, exact_total: true });
      expect(exact.data).toMatchObject({ total: 12, total_relation: 'eq' });
      expect(exact.data!.results).toEqual(many.data!.results);
      // Raw: exact_total of the wrong type.
      const wrongType = await call(t.baseUrl, 'POST', '/search/forge', {
        apiKey: key,
        body: { query: 'anvil', exact_total: 'yes' },
      });
      expect(wrongType.status).toBe(422);
    });

    it('page past the bound: every match once, and the page that ends them gives the exact total', async () => {
      const seen: string[] = [];
      const answers: { total: number; total_relation: string }[] = [];
      for (let offset = 0; offset < 15; offset += 4) {
        const page = await search('forge', { query: 'anvil', limit: 4, offset });
        expect(page.response.status).toBe(200);
        seen.push(...page.data!.results.map((r) => r.id));
        answers.push({ total: page.data!.total, total_relation: page.data!.total_relation });
      }
      expect(seen).toHaveLength(12);
      expect(new Set(seen).size).toBe(12);
      const all = await search('forge', { query: 'anvil', limit: 20, exact_total: true });
      expect(seen).toEqual(all.data!.results.map((r) => r.id));
      expect(answers).toEqual([
        { total: 5, total_relation: 'gte' }, // 4 results: the limit
        { total: 8, total_relation: 'gte' }, // results 5–8 prove 8
        { total: 12, total_relation: 'gte' }, // results 9–12 prove 12
        { total: 5, total_relation: 'gte' }, // nothing at 12–15: no more than the count proves
      ]);
      // A short page ends the matches: its end is the total.
      expect((await search('forge', { query: 'anvil', limit: 5, offset: 10 })).data).toMatchObject({
        total: 12,
        total_relation: 'eq',
      });
    });

    it('the portal mirror and open search bound their totals alike', async () => {
      const viewer = (await member(t, tenantId, 'viewer')).token;
      const portal = await portalSearch(viewer, { query: 'anvil', limit: 2 });
      expect(portal.data).toMatchObject({ total: 5, total_relation: 'gte' });
      const portalExact = await portalSearch(viewer, { query: 'anvil', exact_total: true });
      expect(portalExact.data).toMatchObject({ total: 12, total_relation: 'eq' });

      // Open search spans every tenant: a word no other test (or earlier run) uses.
      const word = `qx${Math.random().toString(36).slice(2, 10).replace(/[0-9]/g, 'q')}`;
      await ingestAndWait(
        t,
        key,
        'forge',
        'doc',
        Array.from({ length: 7 }, (_, i) => ({
          name: `${word} tool ${i}`,
          visibility: i < 6 ? 'public' : 'private',
        })),
      );
      const open = await openSearch({ query: word, limit: 3 });
      expect(open.response.status).toBe(200);
      expect(open.data).toMatchObject({ total: 5, total_relation: 'gte' });
      expect(open.data!.results).toHaveLength(3);
      const openExact = await openSearch({ query: word, collection: 'forge', exact_total: true });
      expect(openExact.data).toMatchObject({ total: 6, total_relation: 'eq' });
      expect(openExact.data!.results).toHaveLength(6);
    });
  });

  describe('ranking', () => {
    beforeAll(async () => {
      await create('parts', { name: 'Steel bearing' });
      await create('parts', { name: 'Steel hub', description: 'a bearing' });
      await create('parts', { name: 'Hub', description: 'steel bearing' });
      await t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
        headers: bearer(key),
        params: { path: { collection: 'parts', record_type: 'part' } },
        body: { fields: [{ name: 'notes', type: 'string', searchable: true }] },
      });
      await create('parts', { name: 'Spacer', collection_data: { notes: 'steel bearing' } }, 'part');
      // Both words in the name, far apart; both words side by side in the description.
      await create('parts', { name: 'Steel washer for a small quiet bearing' });
      await create('parts', { name: 'Washer', description: 'steel bearing steel bearing' });
    });

    it('puts records whose name holds every word first, then by weight: name > description > searchable fields', async () => {
      const res = await search('parts', { query: 'steel bearing', fuzzy: false });
      expect(names(res)).toEqual([
        'Steel bearing',
        'Steel washer for a small quiet bearing',
        'Washer',
        'Steel hub',
        'Hub',
        'Spacer',
      ]);
      const scores = res.data!.results.map((r) => r.score);
      expect(scores.slice(0, 2).every((s: number) => s >= 0.75 && s < 1)).toBe(true);
      expect(scores.slice(2).every((s: number) => s >= 0.5 && s < 0.75)).toBe(true);
      for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThan(scores[i - 1]);
    });

    it('ranks the same whether every match fits the count or only the first tier is read', async () => {
      // 12 matches, count limit 5: the first page reads the name tier through its own keys; with
      // exact_total every match is read and ranked at once. Same order, same scores.
      const tiered = await search('forge', { query: 'anvil', limit: 12 });
      const whole = await search('forge', { query: 'anvil', limit: 12, exact_total: true });
      const ranked = (res: typeof tiered) => res.data!.results.map((r) => [r.name, r.score]);
      expect(ranked(tiered)).toEqual(ranked(whole));
      // Two words (read all matches first, then by tier): 9 tools hold both, none in its name alone.
      const twoTiered = await search('forge', { query: 'tool anvil', limit: 12 });
      const twoWhole = await search('forge', { query: 'tool anvil', limit: 12, exact_total: true });
      expect(twoTiered.data).toMatchObject({ total: 9, total_relation: 'eq' });
      expect(ranked(twoTiered)).toEqual(ranked(twoWhole));
      const twoPaged = await search('forge', { query: 'tool anvil', limit: 3, offset: 3 });
      expect(twoPaged.data).toMatchObject({ total: 6, total_relation: 'gte' });
      expect(ranked(twoPaged)).toEqual(ranked(twoWhole).slice(3, 6));
      expect(names(tiered).slice(0, 3).sort()).toEqual(['Anvil', 'Anvil heavy', 'Small anvil stand']);
      // More mentions rank higher within a tier.
      expect(names(tiered)[0]).toBe('Anvil heavy');
    });
  });

  describe('keys decide what is read, never what is found', () => {
    it('keeps apart collections whose ids share the 13 characters that scope their keys', async () => {
      const ours = await createAs(key, 'shared', { name: 'Copper kettle' });
      expect(ours.response.status).toBe(201);
      const [{ id }] = (await t.dataSource.query(
        `SELECT id::text AS id FROM collections WHERE tenant_id = $1 AND name = 'shared'`,
        [tenantId],
      )) as { id: string }[];
      // Another tenant's collection whose id starts like ours.
      const other = await tenantWithKey(t, ['admin']);
      const twin = `${id.slice(0, 13)}${id.slice(13).replace(/[0-9a-f]/g, (c) => (c === 'f' ? 'e' : 'f'))}`;
      await t.dataSource.query(`INSERT INTO collections (id, tenant_id, name) VALUES ($1, $2, 'twin')`, [
        twin,
        other.tenantId,
      ]);
      const theirs = await createAs(other.apiKey.key, 'twin', {
        name: 'Copper kettle (theirs)',
        visibility: 'public',
      });
      expect(theirs.response.status).toBe(201);
      expect(await t.dataSource.query(`SELECT 1 FROM collections WHERE id = $1`, [twin])).toHaveLength(1);

      const mine = await search('shared', { query: 'copper kettle', exact_total: true });
      expect(mine.data).toMatchObject({ total: 1, total_relation: 'eq' });
      expect(names(mine)).toEqual(['Copper kettle']);
      const negated = await search('shared', { query: '-teapot', exact_total: true });
      expect(names(negated)).toEqual(['Copper kettle']);
      const theirsFound = await search('twin', { query: 'kettle' }, other.apiKey.key);
      expect(names(theirsFound)).toEqual(['Copper kettle (theirs)']);
    });

    it('indexes and finds words too long to scope whole (cut in the keys of long texts)', async () => {
      // Its key (scope + 490 characters) is cut at 500 characters: the search finds it by the
      // collection's key and checks the record.
      const long = 'z'.repeat(490);
      const description = `${'padding words here '.repeat(110)} ${long}`;
      const id = await create('long', { name: 'Long text record', description });
      const found = await search('long', { query: long, fuzzy: false });
      expect(found.response.status).toBe(200);
      expect(found.data!.results.map((r) => r.id)).toEqual([id]);
      expect(names(await search('long', { query: 'padding record', fuzzy: false }))).toEqual([
        'Long text record',
      ]);
      expect((await search('long', { query: 'z'.repeat(489), fuzzy: false })).data!.total).toBe(0);
    });

    it('answers queries that only exclude words, and queries of stopwords only', async () => {
      await create('negations', { name: 'Oak table' });
      await create('negations', { name: 'Pine table' });
      expect(names(await search('negations', { query: '-oak', fuzzy: false }))).toEqual(['Pine table']);
      const stop = await search('negations', { query: 'the and of' });
      expect(stop.response.status).toBe(200);
      expect(stop.data).toMatchObject({ results: [], total: 0, total_relation: 'eq' });
    });
  });
});
