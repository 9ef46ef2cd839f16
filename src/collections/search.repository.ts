import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Pool as PgPool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import { ConcurrencyLimit } from '../common/concurrency-limit.js';
import type { TenantId } from '../common/tenant-id.js';
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
  /** Count every match (`exact_total`); otherwise at most SEARCH_EXACT_TOTAL_LIMIT + 1 of them. */
  exactTotal: boolean;
}

/**
 * A search's answer, with the collection and its versions read in the same statement (same snapshot)
 * as the records: `version` (`search_version`, SearchCache) and `schemaVersion` (`schema_version`: the
 * filters were compiled against the schemas of that version, or the search must run again).
 * `results` is the page as JSON text, built by PostgreSQL in the shape of the API (serialised once,
 * never parsed by the server); `counted` the matches counted, at most the count limit + 1 unless the
 * search asked for the exact total.
 */
export type SearchOutcome =
  | { found: false }
  | {
      found: true;
      collectionId: string;
      version: string;
      schemaVersion: string;
      results: string;
      returned: number;
      counted: number;
    };

export interface OpenSearchRow {
  id: string;
  name: string;
  description: string | null;
  record_type: string;
  visibility: Visibility;
  collection_data: Record<string, unknown>;
  score: number;
  collection: string;
  tenant_id: TenantId;
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
 * collection. A word without any is left out (string_agg skips NULLs). Run only when the query as
 * typed found nothing (SearchRepository), and correcting only when some word is misspelled (not itself in the dictionary): when every word is,
 * the query found nothing by its own logic (`-housing`, a "phrase" in another order), which a retry
 * with bare words would undo. NULL when there is nothing to retry. Dictionary words are letters only
 * (checked again here), so the text is always valid to_tsquery syntax. `collection`: the SQL of one
 * collection's id (of the tenant `$1`), or null for every collection's words (open search).
 */
function correctedQuery(terms: string, collection: string | null): string {
  const resembling = collection
    ? `SELECT cw.word FROM collection_words cw
        WHERE cw.tenant_id = $1 AND cw.collection_id = ${collection} AND cw.word % t.term`
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
                ) alt
          HAVING bool_or(alt.fewest > 0)`;
}

/**
 * The search keys of a record, exactly as the SearchKeys migration indexes them (`records_search_keys_idx`):
 * its words scoped by collection (`<scope>.word`), its name's words again (`<scope>*word`), the scope
 * alone, and the same under the scope `~` for public records. Written identically here so that
 * PostgreSQL matches the expression to the index.
 */
const KEYS = `search_keys(r.search_vector, r.collection_id, r.visibility = 'public', octet_length(r.name) + octet_length(coalesce(r.description, '')) + octet_length(r.search_text))`;

/** The index's predicate, written exactly so: PostgreSQL can use the index and need not check it again. */
const INDEXED = `r.indexing_status = 'indexed' AND r.pending_upload_id IS NULL`;

/**
 * One pass of a search (the query as typed, or its corrected words) over `records`, from a CTE `<keys>`
 * holding the query `q`, the query to rank by `ranked` and its keys (`keysOf`).
 * Records whose name holds every searched word form the first tier (scores `base + 0.25` to
 * `base + 0.5`), the other matches the second (`base` to `base + 0.25`); within a tier, `ts_rank`
 * (name > description > searchable fields, normalised to [0, 1)). `<name>_page` is the pass's matches
 * in that order. What is read:
 *
 * - `_all`: the matches, at most `bound` of them (the count limit + 1; NULL: all), with their vectors;
 *   `_count` counts them; `complete` when fewer than `bound` were found: then the page is ranked from
 *   them and no record is read twice;
 * - otherwise the first tier is read, whole (it must be ranked whole), through the name keys: none of
 *   the other matches is read; and the second tier only when the page reaches past the first;
 * - a query of one word reads its first tier first (`_first`, `firstTierFirst`): a common word is in
 *   the names of most of the records holding it (a part, a material), and when that tier alone
 *   reaches `bound`, nothing else is read; a query of several words reads `_all` first, its first tier
 *   being often a few of many (names rarely hold both `sealed` and `pump`) and its matches few. Each
 *   order is its own statement (a plan holds only what it may run: planning and starting a plan
 *   costs with its size).
 *
 * Every candidate the keys give is checked on the record: the query itself (`search_vector @@ q`:
 * phrases, exclusions, and keys that are lossy by design), the tier (`in_name`) and `where`
 * (collection, filters).
 */
function pass(o: {
  name: string;
  keys: string;
  base: number;
  records: string;
  where: string;
  n: string;
  bound: string;
  /** Read the first tier first (a one-word query), else all matches first. */
  firstTierFirst: boolean;
}): string {
  const k = (column: string) => `(SELECT ${column} FROM ${o.keys})`;
  // Checked on the record unless the keys alone decide (`keys_exact`): two text-search matches per
  // record read cost as much as ranking it.
  const exact = `coalesce(${k('keys_exact')}, false)`;
  const matching = `${o.where} AND (${exact} OR r.search_vector @@ ${k('q')})`;
  const inName = (v: string) => `coalesce(${v} @@ ${k('in_name')}, true)`;
  const rank = (v: string) => `ts_rank(${v}, ${k('ranked')}, 32) / 4`;
  const complete = `(SELECT complete FROM ${o.name}_count)`;
  const nameTier = `SELECT r.id, ${o.base + 0.25} + ${rank('r.search_vector')} AS score FROM ${o.records}
                     WHERE ${KEYS} @@ ${k('name_keys')} AND ${matching} AND (${exact} OR ${inName('r.search_vector')})`;
  const all = (condition: string) => `${o.name}_all AS MATERIALIZED (
            SELECT r.id, r.search_vector AS v FROM ${o.records}
             WHERE ${condition} ${KEYS} @@ ${k('all_keys')} AND ${matching} LIMIT ${o.bound})`;
  const ranked = `(SELECT id, CASE WHEN ${inName('v')} THEN ${o.base + 0.25} ELSE ${o.base} END + ${rank('v')} AS score
                     FROM ${o.name}_all WHERE ${complete} ORDER BY score DESC, id LIMIT ${o.n})`;
  const rest = `(SELECT r.id, ${o.base} + ${rank('r.search_vector')} AS score FROM ${o.records}
                  WHERE NOT ${complete} AND ${KEYS} @@ ${k('all_keys')} AND ${matching}
                    AND NOT ${inName('r.search_vector')}
                  ORDER BY score DESC, r.id LIMIT ${o.n})`;
  const count = (n: string) => `${o.name}_count AS (SELECT n, ${o.bound} IS NULL OR n < ${o.bound} AS complete
                                FROM (SELECT ${n} AS n) x)`;
  if (!o.firstTierFirst) {
    return `${all('')},
            ${count(`(SELECT count(*) FROM ${o.name}_all)`)},
            ${o.name}_page AS (${ranked}
              UNION ALL (${nameTier} AND NOT ${complete} ORDER BY score DESC, r.id LIMIT ${o.n})
              UNION ALL ${rest})`;
  }
  const first = `(SELECT n FROM ${o.name}_first_count)`;
  return `${o.name}_first AS MATERIALIZED (${nameTier}),
          ${o.name}_first_count AS (SELECT count(*) AS n FROM ${o.name}_first),
          ${all(`(${o.bound} IS NULL OR ${first} < ${o.bound}) AND`)},
          ${count(`greatest(${first}, (SELECT count(*) FROM ${o.name}_all))`)},
          ${o.name}_page AS (${ranked}
            UNION ALL (SELECT id, score FROM ${o.name}_first WHERE NOT ${complete} ORDER BY score DESC, id LIMIT ${o.n})
            UNION ALL ${rest})`;
}

/** A value as an SQL string literal. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A quoted lexeme in the text form of a tsquery (a quote inside it doubled); its content is `\1`. */
const LEXEME = literal(`'((?:[^']|'')*)'`);
/** A lexeme of over 480 characters (a regular expression repeats at most 255 times). */
const LONG_LEXEME = literal(`'(?:[^']|''){240}(?:[^']|''){241}`);
/** A phrase operator (`<->`, `<2>`); the parser never puts `<` in a lexeme. */
const PHRASE = literal('<[0-9-]+>');

/**
 * What a query (a `tsquery` expression) is looked up by under a scope (an SQL expression: the first 13
 * characters of the collection id, or `~` for public records), computed once per search:
 *
 * - `all_keys`: its positive part (`querytree`, excluded words left out), phrases as plain conjunctions
 *   (GIN keeps no positions), every lexeme prefixed (`<scope>.word`);
 * - `name_keys`: the same among name words (`<scope>*word`): the first ranking tier;
 * - `in_name`: the positive part restricted to weight A, to tell a tier on the record itself;
 * - `keys_exact`: the query is words joined by and/or, nothing excluded, no phrase: a record of the
 *   collection whose keys match the query matches it (and its tier is its keys'), so it need not be
 *   checked on the record again.
 *
 * When nothing positive is left (`-housing`), or a word is too long to have been scoped whole, the
 * scope's own key stands for all of its records; a query without any lexeme (stopwords only), or NULL
 * (no corrected words), gives NULLs, which match nothing without reading the index. `OFFSET 0` keeps
 * PostgreSQL from copying an expression into each column that uses it (it would compute it once per
 * column); the CTEs holding this are MATERIALIZED for the same reason.
 */
function keysOf(query: string, ranked: (q: string) => string, scope: string): string {
  const rewrite = (replacement: string) => `regexp_replace(x.plain, ${LEXEME}, ${replacement}, 'g')::tsquery`;
  const none = `x.nodes = 0`;
  const whole = `x.pos = 'T' OR x.long`;
  return `SELECT x.q, ${ranked('x.q')} AS ranked,
                 CASE WHEN ${none} THEN NULL WHEN ${whole} THEN x.marker
                      ELSE ${rewrite(`'''' || x.scope || '.\\1'''`)} END AS all_keys,
                 CASE WHEN ${none} THEN NULL WHEN ${whole} THEN x.marker
                      ELSE ${rewrite(`'''' || x.scope || '*\\1'''`)} END AS name_keys,
                 CASE WHEN ${none} OR x.pos = 'T' THEN NULL ELSE ${rewrite(`'''\\1'':A'`)} END AS in_name,
                 x.nodes > 0 AND x.pos <> 'T' AND NOT x.long AND x.pos = x.q::text AND x.pos !~ ${PHRASE} AS keys_exact
            FROM (SELECT y.*, regexp_replace(y.pos, ${PHRASE}, '&', 'g') AS plain,
                         length(y.pos) > 480 AND y.pos ~ ${LONG_LEXEME} AS long,
                         ('''' || y.scope || '''')::tsquery AS marker
                    FROM (SELECT a.q, numnode(a.q) AS nodes, querytree(a.q) AS pos, ${scope} AS scope
                            FROM (SELECT ${query} AS q OFFSET 0) a OFFSET 0) y OFFSET 0) x`;
}

/**
 * The CTEs of a search: `keys` (the query as typed: `websearch_to_tsquery`, English stemming; or, for
 * the `corrected` statement, the corrected words: `bearng` → bearing), `m_…` (the pass, `pass`) and
 * `page`, the requested slice of it. Scores are in [0.5, 1) for the query as typed, [0, 0.5) for
 * corrected words (below any real match). The corrected statement runs only after the query as typed
 * counted no match (SearchRepository): the few searches that need it pay a second statement, and every
 * other search is planned and run without its nodes (what that saved: bench/README.md, issue 16).
 * A broad query no longer reads every match: see `pass`.
 *
 * The tsqueries and their keys are sub-selects, so PostgreSQL computes each once per search (an
 * InitPlan): written inline, a prepared statement's generic plan parses and stems the query text again
 * for every matching row. A NULL query (nothing to correct, or only stopwords) matches nothing without
 * reading the index.
 */
function matchCtes(o: {
  corrected: boolean;
  /** The query is one word (see `pass`). */
  oneWord: boolean;
  records: string;
  where: string;
  scope: string;
  /** The query text, or the words to correct (`text[]`). */
  query: string;
  collection: string | null;
  limit: string;
  offset: string;
  bound: string;
}): string {
  // In bigint: offset + limit overflows an integer at the largest offsets accepted.
  const n = `(${o.limit}::bigint + ${o.offset})`;
  // Ranked by the query without its negated words (querytree): ts_rank of `bearing & !zzz` is 0 for
  // every match, which flattened the ranking whenever a query excluded a word.
  const ranked = (q: string) => `CASE WHEN querytree(${q}) = 'T' THEN ${q} ELSE querytree(${q})::tsquery END`;
  const keys = o.corrected
    ? `corrected_query AS MATERIALIZED (${correctedQuery(o.query, o.collection)}),
       keys AS MATERIALIZED (${keysOf('(SELECT q FROM corrected_query)', (q) => q, o.scope)})`
    : `keys AS MATERIALIZED (${keysOf(`websearch_to_tsquery('${TS_CONFIG}', ${o.query}::text)`, ranked, o.scope)})`;
  return `${keys},
          ${pass({ records: o.records, where: o.where, n, bound: o.bound, name: 'm', keys: 'keys', base: o.corrected ? 0 : 0.5, firstTierFirst: o.oneWord })},
          page AS (SELECT id, score FROM m_page LIMIT ${o.limit} OFFSET ${o.offset})`;
}

/**
 * Parameter `n` as a sub-select, so that its value never shapes the plan. Searches are named prepared
 * statements, and PostgreSQL keeps planning each execution anew (costlier than a selective search;
 * bench/README.md) as long as a plan made for the actual values looks cheaper than the generic plan: values
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

/** A result as the API shows it, built by PostgreSQL (`r` a record, `p` its page entry). */
const RESULT_JSON = `json_build_object('id', r.id, 'name', r.name, 'description', r.description,
  'record_type', r.record_type, 'visibility', r.visibility, 'score', round(p.score::numeric, 6),
  'collection_data', r.collection_data)`;

/**
 * The search statement of one shape: the query as typed or its corrected words (parameter 3 is then
 * the words, `text[]`), and which optional conditions it has. Their parameters follow the six fixed
 * ones in this order: record type, record types, filter path.
 */
function searchSql(shape: {
  corrected: boolean;
  oneWord: boolean;
  recordType: boolean;
  recordTypes: boolean;
  filter: boolean;
}): string {
  // The collection is checked on the record in its text form, which no index has: keys are the way
  // in, and no plan can read the collection through its (collection_id, seq) B-tree instead, computing
  // the keys of every record (a generic plan did so once with another expression index).
  let where = `${INDEXED} AND r.tenant_id = $1 AND r.collection_id::text = (SELECT id::text FROM c)`;
  let n = 6;
  if (shape.recordType) where += ` AND r.record_type = ${opaque(++n, 'text')}`;
  // The cast makes the sub-select an array expression (bare, ANY (SELECT …) reads it as a set of rows).
  if (shape.recordTypes) where += ` AND r.record_type = ANY(${opaque(++n, 'text[]')}::text[])`;
  if (shape.filter) where += ` AND r.collection_data @@ ${opaque(++n, 'jsonpath')}`;
  return `WITH c AS (SELECT id, search_version, schema_version FROM collections WHERE tenant_id = $1 AND name = $2),
            ${matchCtes({
              corrected: shape.corrected,
              oneWord: shape.oneWord,
              records: 'records r',
              where,
              scope: '(SELECT left(id::text, 13) FROM c)',
              query: shape.corrected ? opaque(3, 'text[]') : '$3',
              collection: '(SELECT id FROM c)',
              limit: opaque(4, 'int'),
              offset: opaque(5, 'int'),
              bound: opaque(6, 'int'),
            })}
       SELECT c.id AS collection_id, c.search_version::text AS version, c.schema_version::text AS schema_version,
              (SELECT n FROM m_count) AS counted,
              (SELECT count(*) FROM page)::int AS returned,
              (SELECT coalesce(json_agg(${RESULT_JSON} ORDER BY p.score DESC, p.id), '[]')
                 FROM page p JOIN records r ON r.tenant_id = $1 AND r.id = p.id)::text AS results
         FROM c`;
}

/** The open search statement: the query as typed or its corrected words, with or without a collection name (parameter 4). */
function openSearchSql(shape: { corrected: boolean; oneWord: boolean; byCollection: boolean }): string {
  let where = `r.visibility = 'public' AND ${INDEXED}
               AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = r.tenant_id AND t.status = 'active')`;
  if (shape.byCollection) {
    where += ` AND EXISTS (SELECT 1 FROM collections c
                            WHERE c.tenant_id = r.tenant_id AND c.id = r.collection_id AND c.name = ${opaque(4, 'text')})`;
  }
  return `WITH ${matchCtes({
    corrected: shape.corrected,
    oneWord: shape.oneWord,
    records: 'records r',
    where,
    scope: `'~'`,
    query: shape.corrected ? opaque(1, 'text[]') : '$1',
    collection: null,
    limit: opaque(2, 'int'),
    offset: '0',
    bound: opaque(3, 'int'),
  })}
       SELECT (SELECT n FROM m_count) AS counted,
              r.id, r.name, r.description, r.record_type, r.visibility, r.collection_data, page.score,
              c.name AS collection, t.id AS tenant_id, t.name AS tenant_name
         FROM page
         JOIN records r ON r.id = page.id
         JOIN collections c ON c.tenant_id = r.tenant_id AND c.id = r.collection_id
         JOIN tenants t ON t.id = r.tenant_id
        ORDER BY page.score DESC, page.id`;
}

/**
 * Whether a search reads its first tier first (`pass`): a query that is one run of letters and digits,
 * or a single word to correct. Decided from the text, before PostgreSQL parses it: when the guess is
 * wrong (`the valve` is one word once `the` is dropped), only the order of reading changes, never the
 * answer.
 */
function oneWord(query: string | string[]): boolean {
  return Array.isArray(query) ? query.length === 1 : /^[\p{L}\p{N}]+$/u.test(query.trim());
}

const INDEX_VERSION_SQL = `SELECT id, search_version::text AS version, schema_version::text AS schema_version
  FROM collections WHERE tenant_id = $1 AND name = $2`;

const INDEX_COUNT_SQL = `SELECT count(*)::int AS n
  FROM (SELECT 1 FROM records r WHERE r.tenant_id = $1 AND r.collection_id = $2 AND ${INDEXED} LIMIT $3) x`;

/**
 * A page of a collection's searchable records for the in-process index: the vector as text, and the
 * record as a result shows it, in two parts written by PostgreSQL like RESULT_JSON: the fields before
 * the score, and `collection_data`.
 */
const INDEX_PAGE_SQL = `SELECT r.id, r.record_type, r.search_vector::text AS vector, r.seq::text AS seq,
       json_build_object('id', r.id, 'name', r.name, 'description', r.description,
         'record_type', r.record_type, 'visibility', r.visibility)::text AS head,
       r.collection_data::text AS data
  FROM records r
 WHERE r.tenant_id = $1 AND r.collection_id = $2 AND r.seq > $3::bigint AND ${INDEXED}
 ORDER BY r.seq LIMIT $4`;

const STEM_WORDS_SQL = `SELECT w.word, to_tsvector('${TS_CONFIG}', w.word)::text AS vector FROM unnest($1::text[]) AS w (word)`;

const IS_CURRENT_SQL = `SELECT 1 FROM collections WHERE id = $1 AND tenant_id = $2 AND name = $3 AND search_version = $4`;

/**
 * The statements of search and open search (reading records, collections, collection_words and
 * tenants): one statement per search, fuzzy fallback included, prepared once per connection. The
 * collection is resolved by tenant and name in the same statement, with its versions. They run on the
 * data source's pool, never in a transaction: the executor is a `DataSource`, not an EntityManager.
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
  /** Matches counted exactly (SEARCH_EXACT_TOTAL_LIMIT); a search counts one more to know there are more. */
  readonly countLimit: number;

  constructor(config: AppConfig) {
    this.searches = new ConcurrencyLimit(config.SEARCH_CONCURRENCY);
    this.countLimit = config.SEARCH_EXACT_TOTAL_LIMIT;
  }

  /**
   * `found: false` when the tenant has no such collection. The query as typed first; when it counted
   * no match and has words to correct, their corrected form (which finds nothing when every word is
   * already a dictionary word: see `correctedQuery`).
   */
  async search(db: DataSource, tenant: TenantId, q: SearchQuery): Promise<SearchOutcome> {
    return this.searches.run(async () => {
      const typed = await this.searchOnce(db, tenant, q, false);
      if (!typed.found || typed.counted > 0 || q.fuzzyTerms.length === 0) return typed;
      return this.searchOnce(db, tenant, q, true);
    });
  }

  private async searchOnce(
    db: DataSource,
    tenant: TenantId,
    q: SearchQuery,
    corrected: boolean,
  ): Promise<SearchOutcome> {
    const params: unknown[] = [
      tenant,
      q.collection,
      corrected ? q.fuzzyTerms : q.query,
      q.limit,
      q.offset,
      q.exactTotal ? null : this.countLimit + 1,
    ];
    if (q.recordType !== undefined) params.push(q.recordType);
    if (q.recordTypes !== undefined) params.push(q.recordTypes);
    const path = filterPath(q.filters);
    if (path !== null) params.push(path);
    const shape = {
      corrected,
      // Filters thin the first tier out: read in that order, it rarely reaches the count limit alone.
      oneWord: path === null && oneWord(corrected ? q.fuzzyTerms : q.query),
      recordType: q.recordType !== undefined,
      recordTypes: q.recordTypes !== undefined,
      filter: path !== null,
    };
    const statement = this.statement(
      `search ${shape.corrected} ${shape.oneWord} ${shape.recordType} ${shape.recordTypes} ${shape.filter}`,
      () => searchSql(shape),
    );
    const rows = await this.select<{
      collection_id: string;
      version: string;
      schema_version: string;
      counted: string;
      returned: number;
      results: string;
    }>(db, statement, params);
    if (rows.length === 0) return { found: false };
    const [row] = rows;
    return {
      found: true,
      collectionId: row.collection_id,
      version: row.version,
      schemaVersion: row.schema_version,
      results: row.results,
      returned: row.returned,
      counted: Number(row.counted),
    };
  }

  /** Whether the tenant's collection `name` is still `collectionId` at `version` (one indexed row). */
  async isCurrent(
    db: DataSource,
    tenant: TenantId,
    name: string,
    collectionId: string,
    version: string,
  ): Promise<boolean> {
    const rows = await this.select(
      db,
      this.statement('is current', () => IS_CURRENT_SQL),
      [collectionId, tenant, name, version],
    );
    return rows.length === 1;
  }

  /** Public, indexed records of every active tenant (full text, else corrected words). */
  async openSearchAcrossTenants(
    db: DataSource,
    o: {
      query: string;
      fuzzyTerms: string[];
      limit: number;
      collection?: string;
      exactTotal: boolean;
    },
  ): Promise<{ rows: OpenSearchRow[]; counted: number }> {
    const once = async (corrected: boolean) => {
      const byCollection = o.collection !== undefined;
      const params: unknown[] = [
        corrected ? o.fuzzyTerms : o.query,
        o.limit,
        o.exactTotal ? null : this.countLimit + 1,
      ];
      if (byCollection) params.push(o.collection);
      const single = oneWord(corrected ? o.fuzzyTerms : o.query);
      const statement = this.statement(`open search ${corrected} ${single} ${byCollection}`, () =>
        openSearchSql({ corrected, oneWord: single, byCollection }),
      );
      const rows = await this.select<OpenSearchRow & { counted: string }>(db, statement, params);
      return { rows, counted: Number(rows[0]?.counted ?? 0) };
    };
    return this.searches.run(async () => {
      const typed = await once(false);
      return typed.counted > 0 || o.fuzzyTerms.length === 0 ? typed : once(true);
    });
  }

  /**
   * The tenant's collection `name`: its id, `search_version` and `schema_version` (SearchIndex: an index
   * answers only for the version it was built from), or null. One indexed row.
   */
  async collectionVersion(
    db: DataSource,
    tenant: TenantId,
    name: string,
  ): Promise<{ id: string; version: string; schema_version: string } | null> {
    const rows = await this.select<{ id: string; version: string; schema_version: string }>(
      db,
      this.statement('index version', () => INDEX_VERSION_SQL),
      [tenant, name],
    );
    return rows[0] ?? null;
  }

  /** Searchable records of a collection, up to `atMost` (to tell whether it is big enough to index). */
  async countSearchable(
    db: DataSource,
    tenant: TenantId,
    collectionId: string,
    atMost: number,
  ): Promise<number> {
    const rows = await this.select<{ n: number }>(
      db,
      this.statement('index count', () => INDEX_COUNT_SQL),
      [tenant, collectionId, atMost],
    );
    return rows[0].n;
  }

  /** The next `limit` searchable records of a collection after `afterSeq`, in `seq` order, vectors as text. */
  async searchablePage(
    db: DataSource,
    tenant: TenantId,
    collectionId: string,
    afterSeq: string,
    limit: number,
  ): Promise<{ id: string; record_type: string; vector: string; seq: string; head: string; data: string }[]> {
    return this.select(
      db,
      this.statement('index page', () => INDEX_PAGE_SQL),
      [tenant, collectionId, afterSeq, limit],
    );
  }

  /**
   * Each word's lexemes as the search configuration makes them (`to_tsvector`, as text): reads no
   * table, so it belongs to no tenant.
   */
  async stemWords(db: DataSource, words: string[]): Promise<{ word: string; vector: string }[]> {
    return this.select(
      db,
      this.statement('stem words', () => STEM_WORDS_SQL),
      [words],
    );
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
  private async select<T extends QueryResultRow>(
    db: DataSource,
    statement: Statement,
    values: unknown[],
  ): Promise<T[]> {
    const pool = (db.driver as unknown as { master: PgPool }).master;
    const result = await pool.query<T>({ name: statement.name, text: statement.text, values });
    return result.rows;
  }
}
