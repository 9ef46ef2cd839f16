import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { Pool as PgPool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { ConcurrencyLimit } from '../common/concurrency-limit.js';
import { AppConfig } from '../config/app-config.js';
import { TS_CONFIG, type Visibility } from './collections.constants.js';

/** A compiled filter on one `collection_data` field (values already checked against the field type). */
export type CompiledFilter =
  | {
      kind: 'equals';
      field: string;
      value: string | number | boolean;
      /** Another form of the same value (a date written as a day and as its midnight). */
      or?: string;
    }
  | {
      kind: 'range';
      field: string;
      type: 'number' | 'date';
      lower?: { value: number | string; inclusive: boolean };
      upper?: { value: number | string; inclusive: boolean };
    };

export interface SearchQuery {
  tenantId: string;
  collection: string;
  query: string;
  /** The query's words to correct when it matches nothing (`queryTerms`); empty: no fuzzy fallback. */
  fuzzyTerms: string[];
  limit: number;
  offset: number;
  recordType?: string;
  /** Only records of these types (filters without a record type: see `compileFilters`). */
  recordTypes?: string[];
  filters: CompiledFilter[];
}

export interface SearchRow {
  id: string;
  name: string;
  description: string | null;
  record_type: string;
  visibility: Visibility;
  collection_data: Record<string, unknown>;
  score: number;
  total: string;
}

/**
 * A search's answer, with the collection and its versions read in the same statement (same snapshot)
 * as the records: `version` (`search_version`, SearchCache) and `schemaVersion` (`schema_version`: the
 * filters were compiled against the schemas of that version, or the search must run again).
 */
export type SearchOutcome =
  | { found: false }
  | {
      found: true;
      collectionId: string;
      version: string;
      schemaVersion: string;
      rows: SearchRow[];
      total: number;
    };

export interface OpenSearchRow extends SearchRow {
  collection: string;
  tenant_id: string;
  tenant_name: string;
}

/**
 * `filters` as one SQL/JSON path predicate over `collection_data`, evaluated once per matching record
 * (`@@`): `$."price" >= 10 && $."price" <= 20 && $."tags" == "steel"`. Strict about types, as the
 * filters are: a value of another JSON type than the bound compares as unknown and does not match, a
 * missing field does not match. `==` on a list matches when an item is equal (lax mode), which is the
 * meaning of an equality filter on a `string[]` field. Strings compare by code point (ISO 8601 dates
 * in their order). Field names and values are written as JSON literals, which path syntax reads alike.
 */
export function filterPath(filters: CompiledFilter[]): string | null {
  const parts: string[] = [];
  for (const filter of filters) {
    const field = `$.${JSON.stringify(filter.field)}`;
    if (filter.kind === 'equals') {
      const equal = `${field} == ${JSON.stringify(filter.value)}`;
      parts.push(filter.or === undefined ? equal : `(${equal} || ${field} == ${JSON.stringify(filter.or)})`);
      continue;
    }
    if (filter.lower)
      parts.push(`${field} ${filter.lower.inclusive ? '>=' : '>'} ${JSON.stringify(filter.lower.value)}`);
    if (filter.upper)
      parts.push(`${field} ${filter.upper.inclusive ? '<=' : '<'} ${JSON.stringify(filter.upper.value)}`);
  }
  return parts.length > 0 ? parts.join(' && ') : null;
}

/**
 * The tsquery of the corrected words, as a CTE body: each query word (`terms`, a `text[]` parameter)
 * replaced by the dictionary words closest to it: among the words resembling it by trigrams (pg_trgm
 * `%`, similarity ≥ 0.3), those the fewest edits away (Levenshtein; at most 1 edit for words of up to
 * 4 letters, 2 for longer ones), up to 3, most similar first: `(bearing) & (valve)`. Trigrams alone
 * would also take `bar` and `ring` for `baring`, words of other meaning that can match most of a
 * collection. A word without any is left out (string_agg skips NULLs). Only when `exact` found
 * nothing, and only when some word is misspelled (not itself in the dictionary): when every word is,
 * the query found nothing by its own logic (`-housing`, a "phrase" in another order), which a retry
 * with bare words would undo. NULL when there is nothing to retry. Dictionary words are letters only
 * (checked again here), so the text is always valid to_tsquery syntax. `collection`: the SQL of one
 * collection's id, or null for every collection's words (open search).
 */
function correctedQuery(terms: string, collection: string | null): string {
  const resembling = collection
    ? `SELECT cw.word FROM collection_words cw WHERE cw.collection_id = ${collection} AND cw.word % t.term`
    : `SELECT DISTINCT cw.word FROM collection_words cw WHERE cw.word % t.term`;
  const closest = `SELECT x.word, x.sim, x.edits
                     FROM (SELECT d.word, d.sim, d.edits, min(d.edits) OVER () AS fewest
                             FROM (SELECT r.word, similarity(r.word, t.term) AS sim,
                                          levenshtein_less_equal(r.word, t.term, 2) AS edits
                                     FROM (${resembling}) r) d
                            WHERE d.edits <= (CASE WHEN length(t.term) <= 4 THEN 1 ELSE 2 END)
                              AND d.word ~ '^[[:alpha:]]{3,40}$') x
                    WHERE x.edits = x.fewest
                    ORDER BY x.sim DESC, x.word LIMIT 3`;
  return `SELECT to_tsquery('${TS_CONFIG}', string_agg('(' || alt.words || ')', ' & ' ORDER BY alt.i)) AS q
            FROM (SELECT t.i, c.words, c.fewest
                    FROM unnest(${terms}) WITH ORDINALITY AS t (term, i)
                    CROSS JOIN LATERAL (
                      SELECT string_agg(w.word, ' | ' ORDER BY w.sim DESC, w.word) AS words, min(w.edits) AS fewest
                        FROM (${closest}) w) c
                   WHERE NOT EXISTS (SELECT 1 FROM exact)) alt
          HAVING bool_or(alt.fewest > 0)`;
}

/**
 * The CTEs every search shares: `exact` (full text over the weighted vector, name A > description B >
 * searchable fields C, GIN-indexed; scores in [0.5, 1): 0.5 + 0.5 · ts_rank normalised to [0, 1)), and,
 * only when `exact` is empty, `corrected` (the same with the corrected words, `bearng` → bearing;
 * scores in [0, 0.5), below any real match); `page` is the requested slice of both, ranked.
 *
 * Both tsqueries are sub-selects, so PostgreSQL computes each once per search (an InitPlan): written
 * inline, a prepared statement's generic plan parses and stems the query text again for every matching
 * row in ts_rank (bench/README.md). A NULL corrected query matches nothing without reading the index.
 */
function matchCtes(o: {
  records: string;
  where: string;
  query: string;
  terms: string;
  collection: string | null;
  limit: string;
  offset: string;
}): string {
  const exact = `(SELECT websearch_to_tsquery('${TS_CONFIG}', ${o.query}::text))`;
  // Ranked by the query without its negated words (querytree): ts_rank of `bearing & !zzz` is 0 for
  // every match, which flattened the ranking whenever a query excluded a word.
  const ranked = `(SELECT CASE WHEN querytree(q) = 'T' THEN q ELSE querytree(q)::tsquery END
                     FROM (SELECT websearch_to_tsquery('${TS_CONFIG}', ${o.query}::text) AS q) x)`;
  const corrected = `(SELECT q FROM corrected_query)`;
  return `exact AS (SELECT r.id, 0.5 + 0.5 * ts_rank(r.search_vector, ${ranked}, 32) AS score
                      FROM ${o.records} WHERE ${o.where} AND r.search_vector @@ ${exact}),
          corrected_query AS (${correctedQuery(o.terms, o.collection)}),
          corrected AS (SELECT r.id, 0.5 * ts_rank(r.search_vector, ${corrected}, 32) AS score
                          FROM ${o.records} WHERE ${o.where} AND r.search_vector @@ ${corrected}),
          page AS (SELECT id, score FROM (SELECT id, score FROM exact UNION ALL SELECT id, score FROM corrected) m
                    ORDER BY score DESC, id LIMIT ${o.limit} OFFSET ${o.offset})`;
}

/**
 * Parameter `n` as a sub-select, so that its value never shapes the plan. Searches are named prepared
 * statements, and PostgreSQL keeps planning each execution anew (~0.5 ms, more than running a selective
 * search) for as long as a plan made for the actual values looks cheaper than the generic plan: values
 * it can see (a LIMIT of 10 instead of an unknown one, the length of the words array) made every custom
 * plan look cheaper, and the generic plan was never used. Seen only as sub-selects, they cost the same
 * either way, and after its first five executions a statement runs its generic plan.
 */
function opaque(n: number, type: string): string {
  return `(SELECT $${n}::${type})`;
}

/** A named prepared statement. */
interface Statement {
  name: string;
  text: string;
}

/**
 * The search statement of one shape: which optional conditions it has. Their parameters follow the six
 * fixed ones in this order: record type, record types, filter path.
 */
function searchSql(shape: { recordType: boolean; recordTypes: boolean; filter: boolean }): string {
  // The full-text index is keyed by the collection id's text form (CollectionSearchIndex migration),
  // which no other index has: no plan can read a collection through its B-tree and test every record's
  // vector (the generic plan did so for large collections once many small ones existed). The two
  // status conditions are the index's predicate: written exactly so, PostgreSQL can use the index and
  // need not check them again per match.
  let where = `r.collection_id::text = (SELECT id::text FROM c) AND r.indexing_status = 'indexed' AND r.pending_upload_id IS NULL`;
  let n = 6;
  if (shape.recordType) where += ` AND r.record_type = ${opaque(++n, 'text')}`;
  // The cast makes the sub-select an array expression (bare, ANY (SELECT …) reads it as a set of rows).
  if (shape.recordTypes) where += ` AND r.record_type = ANY(${opaque(++n, 'text[]')}::text[])`;
  if (shape.filter) where += ` AND r.collection_data @@ ${opaque(++n, 'jsonpath')}`;
  return `WITH c AS (SELECT id, search_version, schema_version FROM collections WHERE tenant_id = $1 AND name = $2),
            ${matchCtes({ records: 'records r', where, query: '$3', terms: opaque(4, 'text[]'), collection: '(SELECT id FROM c)', limit: opaque(5, 'int'), offset: opaque(6, 'int') })}
       SELECT c.id AS collection_id, c.search_version::text AS version, c.schema_version::text AS schema_version,
              ((SELECT count(*) FROM exact) + (SELECT count(*) FROM corrected)) AS total,
              r.id, r.name, r.description, r.record_type, r.visibility, r.collection_data, page.score
         FROM c
         LEFT JOIN page ON true
         LEFT JOIN records r ON r.id = page.id
        ORDER BY page.score DESC, page.id`;
}

/** The open search statement, with or without a collection name (parameter 4). */
function openSearchSql(byCollection: boolean): string {
  let where = `r.visibility = 'public' AND r.indexing_status = 'indexed' AND r.pending_upload_id IS NULL AND t.status = 'active'`;
  if (byCollection) where += ` AND c.name = ${opaque(4, 'text')}`;
  const records = `records r JOIN collections c ON c.id = r.collection_id JOIN tenants t ON t.id = r.tenant_id`;
  return `WITH ${matchCtes({ records, where, query: '$1', terms: opaque(2, 'text[]'), collection: null, limit: opaque(3, 'int'), offset: '0' })}
       SELECT ((SELECT count(*) FROM exact) + (SELECT count(*) FROM corrected)) AS total,
              r.id, r.name, r.description, r.record_type, r.visibility, r.collection_data, page.score,
              c.name AS collection, t.id AS tenant_id, t.name AS tenant_name
         FROM page
         JOIN records r ON r.id = page.id
         JOIN collections c ON c.id = r.collection_id
         JOIN tenants t ON t.id = r.tenant_id
        ORDER BY page.score DESC, page.id`;
}

const IS_CURRENT_SQL = `SELECT 1 FROM collections WHERE id = $1 AND tenant_id = $2 AND name = $3 AND search_version = $4`;

/**
 * SQL of search and open search: one statement per search, fuzzy fallback included, prepared once per
 * connection. The collection is resolved by tenant and name in the same statement, with its versions.
 */
@Injectable()
export class SearchRepository {
  /**
   * Statements by shape, their text built and named once: a statement's text depends on which optional
   * conditions a search has, never on values, so there are few.
   */
  private readonly statements = new Map<string, Statement>();
  /** Search statements at once (SEARCH_CONCURRENCY); the cheap version check of SearchCache is not held. */
  private readonly searches: ConcurrencyLimit;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.searches = new ConcurrencyLimit(config.SEARCH_CONCURRENCY);
  }

  /** `found: false` when the tenant has no such collection. */
  async search(q: SearchQuery): Promise<SearchOutcome> {
    const params: unknown[] = [q.tenantId, q.collection, q.query, q.fuzzyTerms, q.limit, q.offset];
    if (q.recordType !== undefined) params.push(q.recordType);
    if (q.recordTypes !== undefined) params.push(q.recordTypes);
    const path = filterPath(q.filters);
    if (path !== null) params.push(path);
    const shape = {
      recordType: q.recordType !== undefined,
      recordTypes: q.recordTypes !== undefined,
      filter: path !== null,
    };
    const statement = this.statement(`search ${shape.recordType} ${shape.recordTypes} ${shape.filter}`, () =>
      searchSql(shape),
    );
    const rows = await this.searches.run(() =>
      this.select<SearchRow & { collection_id: string; version: string; schema_version: string }>(
        statement,
        params,
      ),
    );
    if (rows.length === 0) return { found: false };
    return {
      found: true,
      collectionId: rows[0].collection_id,
      version: rows[0].version,
      schemaVersion: rows[0].schema_version,
      rows: rows.filter((r) => r.id !== null),
      total: Number(rows[0].total),
    };
  }

  /** Whether the tenant's collection `name` is still `collectionId` at `version` (one indexed row). */
  async isCurrent(tenantId: string, name: string, collectionId: string, version: string): Promise<boolean> {
    const rows = await this.select(
      this.statement('is current', () => IS_CURRENT_SQL),
      [collectionId, tenantId, name, version],
    );
    return rows.length === 1;
  }

  /** Public, indexed records of every active tenant (full text, else corrected words). */
  async openSearch(
    query: string,
    fuzzyTerms: string[],
    limit: number,
    collection?: string,
  ): Promise<{ rows: OpenSearchRow[]; total: number }> {
    const byCollection = collection !== undefined;
    const params: unknown[] = byCollection
      ? [query, fuzzyTerms, limit, collection]
      : [query, fuzzyTerms, limit];
    const statement = this.statement(`open search ${byCollection}`, () => openSearchSql(byCollection));
    const rows = await this.searches.run(() => this.select<OpenSearchRow>(statement, params));
    return { rows, total: Number(rows[0]?.total ?? 0) };
  }

  /** The statement of a shape, built and named (by the hash of its text) on first use. */
  private statement(shape: string, build: () => string): Statement {
    let statement = this.statements.get(shape);
    if (!statement) {
      const text = build();
      statement = {
        text,
        name: `cistern_search_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`,
      };
      this.statements.set(shape, statement);
    }
    return statement;
  }

  /**
   * A SELECT through the driver's pool as a named prepared statement: PostgreSQL parses and plans it
   * once per connection instead of once per search (planning a search costs more than running a
   * selective one).
   */
  private async select<T extends QueryResultRow>(statement: Statement, values: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master: PgPool }).master;
    const result = await pool.query<T>({ name: statement.name, text: statement.text, values });
    return result.rows;
  }
}
