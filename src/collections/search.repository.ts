import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { FUZZY_THRESHOLD, TS_CONFIG, type Visibility } from './collections.constants.js';

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
  collectionId: string;
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

export interface OpenSearchRow extends SearchRow {
  collection: string;
  tenant_id: string;
  tenant_name: string;
}

/**
 * The text match and score of a search, with `$1` the query text. Full-text matches on the weighted
 * vector (name A > description B > searchable fields C) score in [0.5, 1) by ts_rank; with `fuzzy`,
 * names that only resemble the query (pg_trgm word similarity, e.g. `bearng` → "bearing") score
 * below 0.5, so real matches always rank first. Both conditions are served by GIN indexes.
 */
function textMatch(fuzzy: boolean): { where: string; score: string } {
  const tsquery = `websearch_to_tsquery('${TS_CONFIG}', $1)`;
  const fts = `r.search_vector @@ ${tsquery}`;
  if (!fuzzy) {
    return { where: fts, score: `0.5 + 0.5 * ts_rank(r.search_vector, ${tsquery}, 32)` };
  }
  return {
    where: `(${fts} OR $1 <% r.name)`,
    score: `CASE WHEN ${fts} THEN 0.5 + 0.5 * ts_rank(r.search_vector, ${tsquery}, 32)
                 ELSE 0.5 * word_similarity($1, r.name) END`,
  };
}

/** SQL of search and open search. */
@Injectable()
export class SearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(q: SearchQuery): Promise<{ rows: SearchRow[]; total: number }> {
    const { where, score } = textMatch(q.fuzzy);
    const params: unknown[] = [q.query, q.collectionId];
    const conditions = [
      `r.collection_id = $2`,
      `r.indexing_status = 'indexed'`,
      `r.pending_upload_id IS NULL`,
      where,
    ];
    if (q.recordType) {
      params.push(q.recordType);
      conditions.push(`r.record_type = $${params.length}`);
    }
    for (const filter of q.filters) conditions.push(filterSql(filter, params));
    const whereSql = conditions.join(' AND ');
    params.push(q.limit, q.offset);
    const sql = `SELECT r.id, r.name, r.description, r.record_type, r.visibility, r.collection_data,
                        ${score} AS score, count(*) OVER () AS total
                   FROM records r
                  WHERE ${whereSql}
                  ORDER BY score DESC, r.id
                  LIMIT $${params.length - 1} OFFSET $${params.length}`;
    return this.withThreshold(q.fuzzy, async (db) => {
      const rows = await queryRows<SearchRow>(db, sql, params);
      if (rows.length > 0 || q.offset === 0) return { rows, total: Number(rows[0]?.total ?? 0) };
      // Past the last page: the window count is not there; count on its own.
      const count = await queryRows<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM records r WHERE ${whereSql}`,
        params.slice(0, -2),
      );
      return { rows, total: count[0].n };
    });
  }

  /** Public, indexed records of every active tenant. */
  async openSearch(
    query: string,
    limit: number,
    collection?: string,
  ): Promise<{ rows: OpenSearchRow[]; total: number }> {
    const { where, score } = textMatch(true);
    const params: unknown[] = [query, limit];
    let collectionSql = '';
    if (collection) {
      params.push(collection);
      collectionSql = `AND c.name = $3`;
    }
    const sql = `SELECT r.id, r.name, r.description, r.record_type, r.visibility, r.collection_data,
                        c.name AS collection, t.id AS tenant_id, t.name AS tenant_name,
                        ${score} AS score, count(*) OVER () AS total
                   FROM records r
                   JOIN collections c ON c.id = r.collection_id
                   JOIN tenants t ON t.id = r.tenant_id
                  WHERE r.visibility = 'public' AND r.indexing_status = 'indexed' AND r.pending_upload_id IS NULL
                    AND t.status = 'active' AND ${where} ${collectionSql}
                  ORDER BY score DESC, r.id
                  LIMIT $2`;
    return this.withThreshold(true, async (db) => {
      const rows = await queryRows<OpenSearchRow>(db, sql, params);
      return { rows, total: Number(rows[0]?.total ?? 0) };
    });
  }

  /** Fuzzy matching needs pg_trgm's word-similarity threshold for this statement only (SET LOCAL). */
  private async withThreshold<T>(
    fuzzy: boolean,
    run: (db: DataSource | EntityManager) => Promise<T>,
  ): Promise<T> {
    if (!fuzzy) return run(this.dataSource);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${FUZZY_THRESHOLD}`);
      return run(manager);
    });
  }
}

/** One filter as SQL over `collection_data`, its values as parameters (a field name is never spliced in). */
function filterSql(filter: CompiledFilter, params: unknown[]): string {
  if (filter.kind === 'contains') {
    params.push(filter.json);
    return `r.collection_data @> $${params.length}::jsonb`;
  }
  params.push(filter.field);
  const field = `$${params.length}`;
  const value =
    filter.type === 'number'
      ? `(CASE WHEN jsonb_typeof(r.collection_data -> ${field}) = 'number' THEN (r.collection_data ->> ${field})::numeric END)`
      : `(CASE WHEN jsonb_typeof(r.collection_data -> ${field}) = 'string' THEN (r.collection_data ->> ${field}) END) COLLATE "C"`;
  const cast = filter.type === 'number' ? '::numeric' : '';
  const parts: string[] = [];
  if (filter.lower) {
    params.push(filter.lower.value);
    parts.push(`${value} ${filter.lower.inclusive ? '>=' : '>'} $${params.length}${cast}`);
  }
  if (filter.upper) {
    params.push(filter.upper.value);
    parts.push(`${value} ${filter.upper.inclusive ? '<=' : '<'} $${params.length}${cast}`);
  }
  return parts.join(' AND ');
}
