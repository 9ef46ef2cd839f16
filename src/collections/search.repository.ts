import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { Pool as PgPool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { TS_CONFIG, type Visibility } from './collections.constants.js';
import { queryTerms } from './schema/words.js';

const WORD = /^\p{L}{3,40}$/u;

/** A compiled filter on one `collection_data` field (values already checked against the field type). */
export type CompiledFilter =
  | { kind: 'contains'; json: string }
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
  fuzzy: boolean;
  limit: number;
  offset: number;
  recordType?: string;
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

/** A search's answer, with the collection and its search version at the time of the search. */
export type SearchOutcome =
  | { found: false; collectionId: null; version: null; rows: SearchRow[]; total: number }
  | { found: true; collectionId: string; version: string; rows: SearchRow[]; total: number };

export interface OpenSearchRow extends SearchRow {
  collection: string;
  tenant_id: string;
  tenant_name: string;
}

/** Searches with at most this many filters run as named prepared statements (see `searchWith`). */
const MAX_PREPARED_FILTERS = 3;

/** How the query matches a record, and its score; `bind` adds its parameters and answers their SQL. */
interface TextMatch {
  (bind: (value: unknown) => string): { where: string; score: string };
}

/**
 * Full text over the weighted vector (name A > description B > searchable fields C), GIN-indexed.
 * Matches score in [0.5, 1): 0.5 + 0.5 · ts_rank normalised to [0, 1).
 */
function fullText(query: string): TextMatch {
  return (bind) => {
    // A sub-select, so PostgreSQL computes the tsquery once per search (an InitPlan). Written inline,
    // a prepared statement's generic plan parses and stems the query text again for every matching row
    // in ts_rank: 3.8–4.6 ms instead of 1.8 ms for a word with ~1,700 matches (pgbench, bench/README.md).
    const tsquery = `(SELECT websearch_to_tsquery('${TS_CONFIG}', ${bind(query)}::text))`;
    return {
      where: `r.search_vector @@ ${tsquery}`,
      score: `0.5 + 0.5 * ts_rank(r.search_vector, ${tsquery}, 32)`,
    };
  };
}

/**
 * Fuzzy: the query with each word replaced by the dictionary words that resemble it (`bearng` →
 * bearing), searched the same way; scores in [0, 0.5), below any real match. `tsquery` is built only
 * from dictionary words (letters only), so it is always valid to_tsquery syntax.
 */
function corrected(tsquery: string): TextMatch {
  return (bind) => {
    const query = `(SELECT to_tsquery('${TS_CONFIG}', ${bind(tsquery)}::text))`; // once per search, as above
    return {
      where: `r.search_vector @@ ${query}`,
      score: `0.5 * ts_rank(r.search_vector, ${query}, 32)`,
    };
  };
}

/** `(a | b) & (c)` from the alternatives of each query word; null when no word has any. */
function correctedQuery(alternatives: string[][]): string | null {
  const groups = alternatives.filter((words) => words.length > 0).map((words) => `(${words.join(' | ')})`);
  return groups.length > 0 ? groups.join(' & ') : null;
}

/**
 * SQL of search and open search. A search is one statement in the common case: the collection is
 * resolved by tenant and name in the same query (with its search version, for SearchCache), and full
 * text finds the records. Only when full text finds nothing (and `fuzzy`) are the query's words
 * corrected against the collection's word dictionary (pg_trgm similarity over a trigram GIN index)
 * and the search run again with them.
 */
@Injectable()
export class SearchRepository {
  /** Prepared-statement names by statement text: hashed once per shape, not once per search. */
  private readonly statementNames = new Map<string, string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `found: false` when the tenant has no such collection. `collectionId` and `version` (its
   * `search_version`) are read in the same statement, so in the same snapshot, as the first pass's
   * records: the answer reflects at least that version (SearchCache).
   */
  async search(q: SearchQuery): Promise<SearchOutcome> {
    const first = await this.searchWith(q, fullText(q.query));
    if (!first.found || first.total > 0 || !q.fuzzy) return first;
    const terms = queryTerms(q.query);
    if (terms.length === 0) return first;
    const tsquery = correctedQuery(await this.alternatives(terms, first.collectionId));
    if (!tsquery) return first;
    // The first pass's version: the second pass sees that version or a later one.
    const second = await this.searchWith(q, corrected(tsquery));
    return second.found ? { ...second, version: first.version } : second;
  }

  /** Whether the tenant's collection `name` is still `collectionId` at `version` (one indexed row). */
  async isCurrent(tenantId: string, name: string, collectionId: string, version: string): Promise<boolean> {
    const rows = await this.select(
      true,
      `SELECT 1 FROM collections WHERE id = $1 AND tenant_id = $2 AND name = $3 AND search_version = $4`,
      [collectionId, tenantId, name, version],
    );
    return rows.length === 1;
  }

  /** Public, indexed records of every active tenant (full text, else corrected words). */
  async openSearch(
    query: string,
    limit: number,
    collection?: string,
  ): Promise<{ rows: OpenSearchRow[]; total: number }> {
    const first = await this.openSearchWith(limit, collection, fullText(query));
    if (first.total > 0) return first;
    const terms = queryTerms(query);
    if (terms.length === 0) return first;
    const tsquery = correctedQuery(await this.alternatives(terms, null));
    return tsquery ? this.openSearchWith(limit, collection, corrected(tsquery)) : first;
  }

  /** For each term, up to 3 dictionary words resembling it (pg_trgm `%`, similarity ≥ 0.3), best first. */
  private async alternatives(terms: string[], collectionId: string | null): Promise<string[][]> {
    const rows = await queryRows<{ words: string[] }>(
      this.dataSource,
      collectionId
        ? `SELECT ARRAY(SELECT cw.word FROM collection_words cw
                         WHERE cw.collection_id = $2 AND cw.word % t.term
                         ORDER BY similarity(cw.word, t.term) DESC, cw.word LIMIT 3) AS words
             FROM unnest($1::text[]) WITH ORDINALITY AS t (term, i) ORDER BY t.i`
        : `SELECT ARRAY(SELECT d.word FROM (SELECT DISTINCT cw.word FROM collection_words cw WHERE cw.word % t.term) d
                         ORDER BY similarity(d.word, t.term) DESC, d.word LIMIT 3) AS words
             FROM unnest($1::text[]) WITH ORDINALITY AS t (term, i) ORDER BY t.i`,
      collectionId ? [terms, collectionId] : [terms],
    );
    return rows.map((r) => r.words.filter((w) => WORD.test(w)));
  }

  /**
   * One statement: the collection by tenant and name, the matches ranked on narrow rows (id, score),
   * their count, and the full columns read for the page only.
   */
  private async searchWith(q: SearchQuery, match: TextMatch): Promise<SearchOutcome> {
    const params: unknown[] = [q.tenantId, q.collection];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const text = match(bind);
    // The two status conditions are the predicate of the partial GIN index (SearchCache migration):
    // written exactly so, PostgreSQL can use the index and need not check them again per match.
    const conditions = [
      `r.collection_id = (SELECT id FROM c)`,
      `r.indexing_status = 'indexed'`,
      `r.pending_upload_id IS NULL`,
      text.where,
    ];
    if (q.recordType) conditions.push(`r.record_type = ${bind(q.recordType)}`);
    for (const filter of q.filters) conditions.push(filterSql(filter, bind));
    const limit = bind(q.limit);
    const offset = bind(q.offset);
    const rows = await this.select<SearchRow & { collection_id: string | null; version: string | null }>(
      // Searches come in few shapes (the statement text depends on the number and kinds of filters,
      // never on values or field names): prepared once per connection, planned once. Planning alone
      // costs ~2 ms with filters. Beyond MAX_PREPARED_FILTERS the shapes multiply: planned each time.
      q.filters.length <= MAX_PREPARED_FILTERS,
      `WITH c AS (SELECT id, search_version FROM collections WHERE tenant_id = $1 AND name = $2),
            matches AS (SELECT r.id, ${text.score} AS score FROM records r WHERE ${conditions.join(' AND ')}),
            page AS (SELECT id, score FROM matches ORDER BY score DESC, id LIMIT ${limit} OFFSET ${offset})
       SELECT (SELECT id FROM c) AS collection_id, (SELECT search_version::text FROM c) AS version,
              (SELECT count(*) FROM matches) AS total,
              r.id, r.name, r.description, r.record_type, r.visibility, r.collection_data, page.score
         FROM (SELECT 1) AS one
         LEFT JOIN page ON true
         LEFT JOIN records r ON r.id = page.id
        ORDER BY page.score DESC, page.id`,
      params,
    );
    const collectionId = rows[0]?.collection_id ?? null;
    if (collectionId === null) return { found: false, collectionId: null, version: null, rows: [], total: 0 };
    return {
      found: true,
      collectionId,
      version: rows[0].version!,
      rows: rows.filter((r) => r.id !== null),
      total: Number(rows[0].total),
    };
  }

  private async openSearchWith(
    limit: number,
    collection: string | undefined,
    match: TextMatch,
  ): Promise<{ rows: OpenSearchRow[]; total: number }> {
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const text = match(bind);
    const collectionSql = collection ? `AND c.name = ${bind(collection)}` : '';
    const rows = await this.select<OpenSearchRow>(
      true,
      `WITH matches AS (
              SELECT r.id, ${text.score} AS score
                FROM records r
                JOIN collections c ON c.id = r.collection_id
                JOIN tenants t ON t.id = r.tenant_id
               WHERE r.visibility = 'public' AND r.indexing_status = 'indexed' AND r.pending_upload_id IS NULL
                 AND t.status = 'active' AND ${text.where} ${collectionSql}),
            page AS (SELECT id, score FROM matches ORDER BY score DESC, id LIMIT ${bind(limit)})
       SELECT (SELECT count(*) FROM matches) AS total,
              r.id, r.name, r.description, r.record_type, r.visibility, r.collection_data, page.score,
              c.name AS collection, t.id AS tenant_id, t.name AS tenant_name
         FROM page
         JOIN records r ON r.id = page.id
         JOIN collections c ON c.id = r.collection_id
         JOIN tenants t ON t.id = r.tenant_id
        ORDER BY page.score DESC, page.id`,
      params,
    );
    return { rows, total: Number(rows[0]?.total ?? 0) };
  }

  /**
   * A SELECT through the driver's pool; `prepared`: as a named prepared statement (named by the hash
   * of its text), so PostgreSQL parses and plans it once per connection instead of once per search.
   */
  private async select<T extends QueryResultRow>(
    prepared: boolean,
    text: string,
    values: unknown[],
  ): Promise<T[]> {
    if (!prepared) return queryRows<T>(this.dataSource, text, values);
    let name = this.statementNames.get(text);
    if (!name) {
      // Shapes are few (see MAX_PREPARED_FILTERS); the cap only guards against the unforeseen.
      if (this.statementNames.size >= 1000) this.statementNames.clear();
      name = `cistern_search_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
      this.statementNames.set(text, name);
    }
    const pool = (this.dataSource.driver as unknown as { master: PgPool }).master;
    const result = await pool.query<T>({ name, text, values });
    return result.rows;
  }
}

/** One filter as SQL over `collection_data`, its values as parameters (a field name is never spliced in). */
function filterSql(filter: CompiledFilter, bind: (value: unknown) => string): string {
  if (filter.kind === 'contains') return `r.collection_data @> ${bind(filter.json)}::jsonb`;
  const field = bind(filter.field);
  const value =
    filter.type === 'number'
      ? `(CASE WHEN jsonb_typeof(r.collection_data -> ${field}) = 'number' THEN (r.collection_data ->> ${field})::numeric END)`
      : `(CASE WHEN jsonb_typeof(r.collection_data -> ${field}) = 'string' THEN (r.collection_data ->> ${field}) END) COLLATE "C"`;
  const cast = filter.type === 'number' ? '::numeric' : '::text';
  const parts: string[] = [];
  if (filter.lower)
    parts.push(`${value} ${filter.lower.inclusive ? '>=' : '>'} ${bind(filter.lower.value)}${cast}`);
  if (filter.upper)
    parts.push(`${value} ${filter.upper.inclusive ? '<=' : '<'} ${bind(filter.upper.value)}${cast}`);
  return parts.join(' AND ');
}
