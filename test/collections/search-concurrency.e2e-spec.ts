import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SearchRepository } from '../../src/collections/search.repository.js';
import pg from 'pg';
import type { components } from '../generated/api.js';
import { onPostgres, type TestApp } from '../support/app.js';
import { bearer } from '../support/http.js';
import { setPlan, tenantWithKey } from '../support/factories.js';
import { ingestAndWait, startWithTenant } from './helpers.js';

const searchParts = (t: TestApp, key: string, body: components['schemas']['SearchDto']) =>
  t.api.POST('/api/v1/search/{collection}', {
    headers: bearer(key),
    params: { path: { collection: 'parts' } },
    body,
  });

/**
 * On PostgreSQL, a database of the describe's own: the plan checks below depend on the table
 * statistics, which other suites' records in a shared database change (a second run on the same
 * database, or search-index's 1,750 records, turned the plans into reading the whole collection).
 * Migrations run at boot. On PGlite every app has its own database already.
 */
async function ownDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (!onPostgres) return { env: {}, drop: async () => {} };
  const url = new URL(process.env.DATABASE_URL!);
  const name = `${url.pathname.slice(1)}_plans_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: new URL('/postgres', url).href });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  return {
    env: { DATABASE_URL: new URL(`/${name}`, url).href },
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** SEARCH_CONCURRENCY: search statements at once per instance; the others wait their turn. */
describe('search concurrency limit', () => {
  let t: TestApp;
  let key: string;

  let database: Awaited<ReturnType<typeof ownDatabase>>;

  beforeAll(async () => {
    database = await ownDatabase();
    // Search statements are counted: the in-process index (which ranks without them) stays off.
    ({ t, key } = await startWithTenant('pro', {
      SEARCH_CONCURRENCY: '2',
      SEARCH_CACHE_MB: '0',
      SEARCH_INDEX_MB: '0',
      ...database.env,
    }));
    for (const name of ['Steel valve', 'Brass valve', 'Steel pump']) {
      const res = await t.api.POST('/api/v1/entities/{collection}/{record_type}', {
        headers: bearer(key),
        params: { path: { collection: 'parts', record_type: 'doc' } },
        body: { name },
      });
      expect(res.response.status).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('runs at most SEARCH_CONCURRENCY search statements at once, and answers every search', async () => {
    const repo = t.app.get(SearchRepository) as unknown as {
      select: (
        db: unknown,
        statement: { name: string; text: string },
        values: unknown[],
      ) => Promise<unknown[]>;
    };
    const original = repo.select.bind(repo);
    let running = 0;
    let most = 0;
    const spy = jest.spyOn(repo, 'select').mockImplementation(async (db, statement, values) => {
      most = Math.max(most, ++running);
      try {
        await new Promise((resolve) => setTimeout(resolve, 20)); // long enough for the others to pile up
        return await original(db, statement, values);
      } finally {
        running--;
      }
    });
    try {
      const queries = ['steel', 'valve', 'brass', 'pump', 'steel valve', 'brass valve', 'bras', 'stel'];
      const answers = await Promise.all(queries.map((query) => searchParts(t, key, { query })));
      expect(answers.map((a) => a.response.status)).toEqual(queries.map(() => 200));
      expect(answers.map((a) => a.data!.total)).toEqual([2, 2, 1, 1, 1, 1, 1, 2]);
      // One statement a search, two for the misspelled ones (the words as typed, then corrected).
      expect(spy).toHaveBeenCalledTimes(queries.length + 2);
      expect(most).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });

  // A separate session runs the statement the server sent, as the server's connections do.
  (onPostgres ? it : it.skip)(
    'runs searches on a generic plan after five executions, instead of planning each one',
    async () => {
      const repo = t.app.get(SearchRepository) as unknown as {
        select: (
          db: unknown,
          statement: { name: string; text: string },
          values: unknown[],
        ) => Promise<unknown[]>;
      };
      const spy = jest.spyOn(repo, 'select');
      const sent: { text: string; values: unknown[] }[] = [];
      for (const body of [
        { query: 'valve' },
        { query: 'vlve', limit: 5 },
        { query: 'steel', record_type: 'doc', offset: 1 },
      ]) {
        spy.mockClear();
        expect((await searchParts(t, key, body)).response.status).toBe(200);
        const [, statement, values] = spy.mock.calls[0];
        sent.push({ text: statement.text, values });
      }
      spy.mockRestore();
      const client = new pg.Client({ connectionString: t.config.DATABASE_URL });
      await client.connect();
      try {
        for (const [i, { text, values }] of sent.entries()) {
          for (let n = 0; n < 8; n++) await client.query({ name: `s${i}`, text, values });
        }
        const plans = await client.query<{ name: string; generic_plans: string; custom_plans: string }>(
          `SELECT name, generic_plans, custom_plans FROM pg_prepared_statements ORDER BY name`,
        );
        expect(plans.rows.map((r) => [r.name, Number(r.generic_plans), Number(r.custom_plans)])).toEqual([
          ['s0', 3, 5],
          ['s1', 3, 5],
          ['s2', 3, 5],
        ]);
      } finally {
        await client.end();
      }
    },
  );
});

/**
 * The search keys are scoped by collection: a search reads its own collection's matches, not every
 * collection's matches for its words (a tenant searching a few records for a common word would
 * otherwise read all of a large neighbour's). The same index on PostgreSQL and the embedded PGlite.
 */
describe('search index by collection', () => {
  let t: TestApp;
  let key: string;
  let database: Awaited<ReturnType<typeof ownDatabase>>;

  beforeAll(async () => {
    database = await ownDatabase();
    // The statement's plan is read: the in-process index stays off.
    ({ t, key } = await startWithTenant('pro', {
      SEARCH_CACHE_MB: '0',
      SEARCH_INDEX_MB: '0',
      ...database.env,
    }));
    // Ours: 300 records, one about gaskets. The neighbour's: 400 gaskets. Reading ours by collection
    // alone, or every collection's gaskets, reads hundreds of rows; by collection and word, one.
    const ours = Array.from({ length: 300 }, (_, i) => ({ name: `hex nut ${i}` }));
    ours.push({ name: 'Gasket set' });
    expect((await ingestAndWait(t, key, 'parts', 'part', ours)).rows_indexed).toBe(301);
    const neighbour = await tenantWithKey(t, ['admin']);
    await setPlan(t, neighbour.tenantId, 'pro');
    const theirs = Array.from({ length: 400 }, (_, i) => ({ name: `rubber gasket ${i}` }));
    expect((await ingestAndWait(t, neighbour.apiKey.key, 'parts', 'part', theirs)).rows_indexed).toBe(400);
    await t.dataSource.query('ANALYZE records');
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('reads only the searched collection’s matches', async () => {
    const repo = t.app.get(SearchRepository) as unknown as {
      select: (
        db: unknown,
        statement: { name: string; text: string },
        values: unknown[],
      ) => Promise<unknown[]>;
    };
    const spy = jest.spyOn(repo, 'select');
    const res = await searchParts(t, key, { query: 'gasket' });
    const [, statement, values] = spy.mock.calls[0];
    spy.mockRestore();
    expect(res.response.status).toBe(200);
    expect(res.data!.total).toBe(1);
    // A sequential scan reads everything; on tables this small the planner may prefer one.
    const [{ 'QUERY PLAN': plan }] = (await t.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      return manager.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, values);
    })) as { 'QUERY PLAN': unknown }[];
    // Rows read from `records` by each scan of it, before any filter dropped some.
    const read: number[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (node['Relation Name'] === 'records') {
        const loops = Number(node['Actual Loops'] ?? 1);
        const removed =
          Number(node['Rows Removed by Filter'] ?? 0) + Number(node['Rows Removed by Index Recheck'] ?? 0);
        read.push(loops * (Number(node['Actual Rows']) + removed));
      }
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((plan as { Plan: Record<string, unknown> }[])[0].Plan);
    expect(read.length).toBeGreaterThan(0);
    expect(Math.max(...read)).toBeLessThanOrEqual(1);
  });
});
