import { compareLexemes, tsRankOf, type RecordPositions } from './ts-rank.js';
import { forEachLexeme } from './tsvector.js';

/** Lexemes held by at least this many records are ranked once when searched alone (`impactOf`). */
const IMPACT_MIN_POSTINGS = 1000;

/** Weight A: a record's name (the generated `search_vector` column: name A, description B, fields C). */
const NAME_WEIGHT = 3;

/** One record as the index is built from it. */
export interface IndexedRow {
  id: string;
  record_type: string;
  /** `search_vector` in its text form. */
  vector: string;
  /** The result's fields before `score`, as a JSON object written by PostgreSQL. */
  head: string;
  /** `collection_data` as JSON text. */
  data: string;
}

/** A ranked match: the record (its number in the index, and its id) and its score, as the search statement computes it. */
export interface ScoredRecord {
  doc: number;
  id: string;
  score: number;
}

/** An Int32Array that grows (doubling) while the index is built. */
class GrowingInts {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

/**
 * Collects a collection's records page by page (each page parsed as it arrives, so that no single step
 * holds the event loop for long), then `finish` lays the postings out by lexeme.
 */
export class CollectionIndexBuilder {
  private readonly ids: string[] = [];
  private readonly results: string[][] = [];
  private readonly types = new GrowingInts();
  private readonly recordTypes: string[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly lexicon = new Map<string, number>();
  /** Per occurrence of a lexeme in a record, in record order: the lexeme, the record, its positions. */
  private readonly occLexeme = new GrowingInts(1 << 16);
  private readonly occDoc = new GrowingInts(1 << 16);
  private readonly occStart = new GrowingInts(1 << 16);
  private readonly positions = new GrowingInts(1 << 16);

  constructor(
    readonly collectionId: string,
    readonly version: string,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  add(rows: Iterable<IndexedRow>): void {
    for (const row of rows) {
      const doc = this.ids.length;
      this.ids.push(row.id);
      // `{"id" : …, "visibility" : "private"}` → its fields, then the score, then collection_data.
      this.results.push([row.head.slice(0, row.head.lastIndexOf('}')), row.data]);
      let type = this.typeIndex.get(row.record_type);
      if (type === undefined) {
        type = this.recordTypes.length;
        this.recordTypes.push(row.record_type);
        this.typeIndex.set(row.record_type, type);
      }
      this.types.push(type);
      forEachLexeme(row.vector, this.positions, (text, from) => {
        let lexeme = this.lexicon.get(text);
        if (lexeme === undefined) {
          lexeme = this.lexicon.size;
          this.lexicon.set(text, lexeme);
        }
        this.occLexeme.push(lexeme);
        this.occDoc.push(doc);
        this.occStart.push(from);
      });
    }
  }

  finish(): CollectionIndex {
    const lexemes = this.lexicon.size;
    const n = this.occLexeme.length;
    this.occStart.push(this.positions.length);
    // Counting sort of the occurrences by lexeme; records stay in ascending order within a lexeme.
    const lexStart = new Int32Array(lexemes + 1);
    for (let i = 0; i < n; i++) lexStart[this.occLexeme.data[i] + 1]++;
    for (let l = 0; l < lexemes; l++) lexStart[l + 1] += lexStart[l];
    const next = lexStart.slice(0, lexemes);
    const docs = new Int32Array(n);
    const posStart = new Int32Array(n);
    const posCount = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      const at = next[this.occLexeme.data[i]]++;
      docs[at] = this.occDoc.data[i];
      posStart[at] = this.occStart.data[i];
      posCount[at] = this.occStart.data[i + 1] - this.occStart.data[i];
    }
    const types =
      this.recordTypes.length <= 0xffff
        ? Uint16Array.from(this.types.data.subarray(0, this.ids.length))
        : null;
    if (!types) throw new Error('too many record types to index');
    return new CollectionIndex(this.collectionId, this.version, {
      ids: this.ids,
      results: this.results,
      typeOf: types,
      recordTypes: this.recordTypes,
      lexicon: this.lexicon,
      lexStart,
      docs,
      posStart,
      posCount,
      positions: Uint16Array.from(this.positions.data.subarray(0, this.positions.length)),
    });
  }
}

interface Layout {
  /** Record ids, by record number (the order records were read in). */
  ids: string[];
  /** Each record's result as JSON, split where the score goes (IndexedRow). */
  results: string[][];
  /** Record type of each record, as an index into `recordTypes`. */
  typeOf: Uint16Array;
  recordTypes: string[];
  /** Lexeme → its number; its postings are `lexStart[n]..lexStart[n+1]`. */
  lexicon: Map<string, number>;
  lexStart: Int32Array;
  /** Per posting: the record (ascending within a lexeme), where its positions start, how many. */
  docs: Int32Array;
  posStart: Int32Array;
  posCount: Uint16Array;
  /** Positions as stored (`WordEntryPos`: weight in the top two bits). */
  positions: Uint16Array;
}

/** The first index in [from, end) of `docs` whose value is ≥ `doc` (galloping, then binary search). */
function seek(docs: Int32Array, from: number, end: number, doc: number): number {
  let step = 1;
  let hi = from;
  while (hi < end && docs[hi] < doc) {
    from = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, end);
  while (from < hi) {
    const mid = (from + hi) >>> 1;
    if (docs[mid] < doc) from = mid + 1;
    else hi = mid;
  }
  return from;
}

/**
 * The searchable records of one collection, in memory: an inverted index from each lexeme of their
 * `search_vector` to the records holding it, with positions and weights, as of one `search_version`.
 * It answers what the search statement answers for words joined by AND (no phrase, exclusion, OR or
 * filter): the same matches, the same scores (tier, then `ts_rank` computed as PostgreSQL computes
 * it), the same order, without reading a record.
 */
export class CollectionIndex {
  /** Heap bytes held, roughly (SEARCH_INDEX_MB), impact orders included at their most. */
  readonly bytes: number;
  /**
   * Single-word queries of a common lexeme: its records in rank order, with their scores, computed the
   * first time it is searched alone (an impact-ordered list: later pages and searches read only the
   * top of it). At most a quarter of all postings are kept so.
   */
  private readonly impacts = new Map<number, { order: Int32Array; scores: Float64Array }>();
  private impactPostings = 0;

  constructor(
    readonly collectionId: string,
    readonly version: string,
    private readonly layout: Layout,
  ) {
    const l = layout;
    this.bytes =
      l.ids.length * 64 +
      l.results.reduce((bytes, [head, data]) => bytes + 64 + head.length + data.length, 0) +
      l.lexicon.size * 80 +
      l.typeOf.byteLength +
      l.lexStart.byteLength +
      l.docs.byteLength +
      l.posStart.byteLength +
      l.posCount.byteLength +
      l.positions.byteLength +
      // Impact orders: 12 bytes a posting, for at most a quarter of them.
      3 * l.docs.length;
  }

  get size(): number {
    return this.layout.ids.length;
  }

  /** The page as the API shows it (RESULT_JSON of the search statement), in order. */
  resultsJson(page: ScoredRecord[]): string {
    const parts = page.map((r) => {
      const [head, data] = this.layout.results[r.doc];
      return `${head}, "score" : ${formatScore(r.score)}, "collection_data" : ${data}}`;
    });
    return `[${parts.join(', ')}]`;
  }

  /**
   * The records holding every lexeme (of `recordType` when given), ranked as the search statement ranks
   * them: `0.75 + ts_rank/4` when every lexeme is in the name, else `0.5 + ts_rank/4`
   * (`ts_rank(vector, query, 32)`), best first, ties by id. Returns the `top` best and how many match.
   * `lexemes`: the query's lexemes in query order (duplicates allowed), at least one.
   */
  search(
    lexemes: string[],
    recordType: string | undefined,
    top: number,
  ): { matches: number; ranked: ScoredRecord[] } {
    const l = this.layout;
    const none = { matches: 0, ranked: [] };
    const distinct = [...new Set(lexemes)].sort(compareLexemes);
    // The query's top operator is AND when it has two operands or more, even equal ones (`calc_rank`).
    const and = lexemes.length > 1;
    const from: number[] = [];
    const end: number[] = [];
    for (const lexeme of distinct) {
      const n = l.lexicon.get(lexeme);
      if (n === undefined) return none;
      from.push(l.lexStart[n]);
      end.push(l.lexStart[n + 1]);
    }
    let type = -1;
    if (recordType !== undefined) {
      type = l.recordTypes.indexOf(recordType);
      if (type < 0) return none;
    }
    if (distinct.length === 1 && type < 0 && end[0] - from[0] >= IMPACT_MIN_POSTINGS) {
      const impact = this.impactOf(l.lexicon.get(distinct[0])!, from[0], end[0]);
      if (impact) {
        const ranked: ScoredRecord[] = [];
        for (let i = 0; i < Math.min(top, impact.order.length); i++) {
          const doc = l.docs[impact.order[i]];
          ranked.push({ doc, id: l.ids[doc], score: impact.scores[i] });
        }
        return { matches: end[0] - from[0], ranked };
      }
    }
    // Walk the shortest list; `at[i]`: the posting of list i at the current record.
    const lists = distinct.map((_, i) => i).sort((a, b) => end[a] - from[a] - (end[b] - from[b]));
    const first = lists[0];
    const at = from.slice();
    const record: RecordPositions & { start: Int32Array; count: Int32Array } = {
      positions: l.positions,
      start: new Int32Array(distinct.length),
      count: new Int32Array(distinct.length),
      n: distinct.length,
    };
    const best = new TopRecords(top, l.ids);
    let matches = 0;
    outer: for (let s = from[first]; s < end[first]; s++) {
      const doc = l.docs[s];
      if (type >= 0 && l.typeOf[doc] !== type) continue;
      for (let o = 1; o < lists.length; o++) {
        const i = lists[o];
        const found = seek(l.docs, at[i], end[i], doc);
        at[i] = found;
        if (found >= end[i]) break outer;
        if (l.docs[found] !== doc) continue outer;
      }
      at[first] = s;
      matches++;
      if (top === 0) continue;
      let inName = true;
      for (let i = 0; i < distinct.length; i++) {
        const start = l.posStart[at[i]];
        const count = l.posCount[at[i]];
        record.start[i] = start;
        record.count[i] = count;
        if (inName) {
          let found = false;
          for (let p = start; p < start + count; p++) {
            if (l.positions[p] >>> 14 === NAME_WEIGHT) {
              found = true;
              break;
            }
          }
          inName = found;
        }
      }
      best.offer(doc, (inName ? 0.75 : 0.5) + tsRankOf(record, and, 32) / 4);
    }
    return { matches, ranked: best.sorted() };
  }

  /** A lexeme's postings [from, end) in rank order for a query of it alone, or null past the budget. */
  private impactOf(
    lexeme: number,
    from: number,
    end: number,
  ): { order: Int32Array; scores: Float64Array } | null {
    const held = this.impacts.get(lexeme);
    if (held) return held;
    const l = this.layout;
    const n = end - from;
    if (this.impactPostings + n > l.docs.length / 4) return null;
    const record = { positions: l.positions, start: new Int32Array(1), count: new Int32Array(1), n: 1 };
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const start = l.posStart[from + i];
      const count = l.posCount[from + i];
      record.start[0] = start;
      record.count[0] = count;
      let inName = false;
      for (let p = start; p < start + count && !inName; p++) inName = l.positions[p] >>> 14 === NAME_WEIGHT;
      score[i] = (inName ? 0.75 : 0.5) + tsRankOf(record, false, 32) / 4;
    }
    const byRank = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
      if (score[a] !== score[b]) return score[b] - score[a];
      const x = l.ids[l.docs[from + a]];
      const y = l.ids[l.docs[from + b]];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const impact = { order: new Int32Array(n), scores: new Float64Array(n) };
    byRank.forEach((i, rank) => {
      impact.order[rank] = from + i;
      impact.scores[rank] = score[i];
    });
    this.impacts.set(lexeme, impact);
    this.impactPostings += n;
    return impact;
  }
}

/**
 * A score as the search statement writes it: `round(score::numeric, 6)` — the double converted to
 * numeric through 15 significant digits (`float8_numeric`), rounded half away from zero to 6 decimals,
 * written with all 6. Scores are in [0, 1).
 */
export function formatScore(score: number): string {
  if (!(score >= 0 && score < 1)) throw new Error(`score out of range: ${score}`);
  const digits = score.toPrecision(15);
  // `0.` then at least 15 digits (more for scores below 0.1), or an exponent form for tiny ones.
  if (digits.includes('e')) return '0.000000';
  const decimals = digits.slice(2);
  let scaled = Number(decimals.slice(0, 6));
  if (decimals.charCodeAt(6) >= 53) scaled++;
  return scaled >= 1_000_000 ? '1.000000' : `0.${String(scaled).padStart(6, '0')}`;
}

/** The best `capacity` records by (score descending, id ascending): a binary heap, worst on top. */
class TopRecords {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];

  constructor(
    private readonly capacity: number,
    private readonly ids: string[],
  ) {}

  /** Whether entry a ranks below entry b (lower score, or the same score and a later id). */
  private worse(a: number, b: number): boolean {
    const sa = this.scores[a];
    const sb = this.scores[b];
    return sa !== sb ? sa < sb : this.ids[this.docs[a]] > this.ids[this.docs[b]];
  }

  offer(doc: number, score: number): void {
    if (this.docs.length < this.capacity) {
      this.docs.push(doc);
      this.scores.push(score);
      this.up(this.docs.length - 1);
      return;
    }
    const lowest = this.scores[0];
    if (score < lowest || (score === lowest && this.ids[doc] > this.ids[this.docs[0]])) return;
    this.docs[0] = doc;
    this.scores[0] = score;
    this.down(0);
  }

  sorted(): ScoredRecord[] {
    return this.docs
      .map((doc, i) => ({ doc, id: this.ids[doc], score: this.scores[i] }))
      .sort((a, b) => (a.score !== b.score ? b.score - a.score : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private swap(i: number, j: number): void {
    [this.docs[i], this.docs[j]] = [this.docs[j], this.docs[i]];
    [this.scores[i], this.scores[j]] = [this.scores[j], this.scores[i]];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      let worst = i;
      if (left < this.docs.length && this.worse(left, worst)) worst = left;
      if (left + 1 < this.docs.length && this.worse(left + 1, worst)) worst = left + 1;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
}
