import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OPEN_SEARCH_PER_MINUTE } from '../../src/usage/rate-limit.service.js';
import { startApp, type TestApp } from '../support/app.js';
import type { components } from '../generated/api.js';
import { tenantWithKey } from '../support/factories.js';
import { bearer, call } from '../support/http.js';
import { flushMetering, ingestAndWait } from './helpers.js';

/** A word no other test (or tenant) uses, so results are only this suite's records. */
function uniqueWord(): string {
  let word = 'qz';
  for (let i = 0; i < 10; i++) word += String.fromCharCode(97 + Math.floor(Math.random() * 26));
  return word;
}

describe('open search (rules §5)', () => {
  let t: TestApp;
  const word = uniqueWord();
  let acme: Awaited<ReturnType<typeof tenantWithKey>>;
  let bolt: Awaited<ReturnType<typeof tenantWithKey>>;
  beforeAll(async () => {
    t = await startApp();
    acme = await tenantWithKey(t, ['admin']);
    bolt = await tenantWithKey(t, ['admin']);
    await t.dataSource.query(`UPDATE tenants SET name = 'Acme Bearings' WHERE id = $1`, [acme.tenantId]);
    await t.dataSource.query(`UPDATE tenants SET name = 'Bolt & Co' WHERE id = $1`, [bolt.tenantId]);
    await ingestAndWait(t, acme.apiKey.key, 'parts', 'part', [
      { name: `${word} bearing`, visibility: 'public', price: 4 },
      { name: `${word} private bearing`, visibility: 'private' },
      { name: `Broken ${word}`, visibility: 'public' },
    ]);
    await t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      headers: bearer(acme.apiKey.key),
      params: { path: { collection: 'docs', record_type: 'doc' } },
      body: { fields: [{ name: 'pages', type: 'integer', required: true }] },
    });
    await ingestAndWait(t, acme.apiKey.key, 'docs', 'doc', [
      { name: `${word} manual`, visibility: 'public', pages: 3 },
      { name: `${word} invalid`, visibility: 'public', pages: 'many' },
    ]);
    await ingestAndWait(t, bolt.apiKey.key, 'catalog', 'item', [
      { name: `${word} bolt`, description: 'zinc', visibility: 'public' },
    ]);
  });
  afterAll(() => t.close());

  const openSearch = (body: components['schemas']['OpenSearchDto']) =>
    t.api.POST('/api/v1/open/search', { body });
  /** Raw: bodies outside the contract (a missing or empty query, a limit out of range, an unknown field). */
  const openSearchRaw = (body: unknown) => call(t.baseUrl, 'POST', '/open/search', { body });

  it('searches public, indexed records of every tenant, each with its provider, without a credential', async () => {
    const res = await openSearch({ query: word });
    expect(res.response.status).toBe(200);
    expect(res.data!.total).toBe(4);
    const byName = Object.fromEntries(res.data!.results.map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(
      [`${word} bearing`, `Broken ${word}`, `${word} manual`, `${word} bolt`].sort(),
    );
    expect(byName[`${word} bearing`]).toEqual({
      id: expect.any(String),
      name: `${word} bearing`,
      description: null,
      record_type: 'part',
      visibility: 'public',
      score: expect.any(Number),
      collection_data: { price: 4 },
      collection: 'parts',
      provider: { tenant_id: acme.tenantId, name: 'Acme Bearings' },
    });
    expect(byName[`${word} bolt`].provider).toEqual({ tenant_id: bolt.tenantId, name: 'Bolt & Co' });
    expect(res.response.headers.get('x-ratelimit-limit')).toBe(String(OPEN_SEARCH_PER_MINUTE));
  });

  it("never shows an owner's email address as the provider's name", async () => {
    const lamp = uniqueWord();
    // Signup without a company names the tenant after the address's domain, not the address.
    const signup = await t.api.POST('/api/v1/portal/auth/signup', {
      body: { email: `owner.${word}@example.org`, password: 'a-long-password-1' },
    });
    expect(signup.data!.tenant.name).toBe('example.org');
    // A tenant named by an address before that: open search shows the domain only.
    const legacy = await tenantWithKey(t, ['admin']);
    await t.dataSource.query(`UPDATE tenants SET name = $2 WHERE id = $1`, [
      legacy.tenantId,
      `jane.doe.${word}@example.net`,
    ]);
    await ingestAndWait(t, legacy.apiKey.key, 'pub', 'doc', [{ name: `${lamp} lamp`, visibility: 'public' }]);
    const res = await openSearch({ query: `${lamp} lamp` });
    expect(res.data!.results.map((r) => r.provider)).toEqual([
      { tenant_id: legacy.tenantId, name: 'example.net' },
    ]);
  });

  it('filters by collection name and limits results', async () => {
    const docs = await openSearch({ query: word, collection: 'docs' });
    expect(docs.data!.results.map((r) => r.name)).toEqual([`${word} manual`]);
    const one = await openSearch({ query: word, limit: 1 });
    expect(one.data!.results).toHaveLength(1);
    expect(one.data!.total).toBe(4);
  });

  it('skips suspended tenants', async () => {
    const gone = await tenantWithKey(t, ['admin']);
    await ingestAndWait(t, gone.apiKey.key, 'x', 'doc', [
      { name: `${word} suspended`, visibility: 'public' },
    ]);
    await t.dataSource.query(`UPDATE tenants SET status = 'suspended' WHERE id = $1`, [gone.tenantId]);
    const res = await openSearch({ query: word });
    expect(res.data!.results.map((r) => r.name)).not.toContain(`${word} suspended`);
  });

  it('counts one open search per (tenant, collection) appearing in the results', async () => {
    const metering = await flushMetering(t);
    const before = await metering.read(acme.tenantId);
    const count = (r: typeof before, collection: string) =>
      r.openSearches.find((c) => c.collection === collection)?.openSearches ?? 0;
    await openSearch({ query: word }); // parts, docs (acme) and catalog (bolt)
    await openSearch({ query: word, collection: 'docs' });
    await openSearch({ query: uniqueWord(), collection: 'parts' }); // no results: counts nothing
    await flushMetering(t);
    const after = await metering.read(acme.tenantId);
    expect(count(after, 'parts') - count(before, 'parts')).toBe(1);
    expect(count(after, 'docs') - count(before, 'docs')).toBe(2);
    const boltCounts = await metering.read(bolt.tenantId);
    expect(boltCounts.openSearches).toEqual([{ collection: 'catalog', openSearches: expect.any(Number) }]);
    expect(boltCounts.totalOpenSearches).toBeGreaterThanOrEqual(1);
    // Searches of the tenant's own API are a different counter.
    expect(after.searches).toBe(0);
  });

  it('validates the body (422)', async () => {
    for (const body of [{}, { query: '' }, { query: 'x', limit: 0 }, { query: 'x', x: 1 }]) {
      const res = await openSearchRaw(body);
      expect({ body, status: res.status }).toEqual({ body, status: 422 });
    }
    // Of the documented shape, refused all the same: a collection that is no name.
    const body = { query: 'x', collection: 'Bad!' };
    const res = await openSearch(body);
    expect({ body, status: res.response.status }).toEqual({ body, status: 422 });
  });
});

describe('open search rate limit per client IP (rules §5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('answers 429 rate_limited with Retry-After past the per-IP limit', async () => {
    // One burst inside one minute window (the limit counts per calendar minute).
    const second = new Date().getUTCSeconds();
    if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const answers = await Promise.all(
      Array.from({ length: OPEN_SEARCH_PER_MINUTE + 5 }, () =>
        t.api.POST('/api/v1/open/search', { body: { query: 'anything' } }),
      ),
    );
    const ok = answers.filter((a) => a.response.status === 200);
    const limited = answers.filter((a) => a.response.status === 429);
    expect(ok).toHaveLength(OPEN_SEARCH_PER_MINUTE);
    expect(limited).toHaveLength(5);
    expect(limited[0].error).toEqual({
      detail: expect.stringContaining('per minute'),
      error: 'rate_limited',
    });
    expect(Number(limited[0].response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited[0].response.headers.get('x-ratelimit-remaining')).toBe('0');
  });
});
