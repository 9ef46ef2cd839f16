import { positionOf, weightOf } from './tsvector.js';

/**
 * PostgreSQL's `ts_rank(vector, query, normalization)` for a query of lexemes joined by AND (a single
 * lexeme included), computed as PostgreSQL computes it (`src/backend/utils/adt/tsrank.c`): in single
 * precision where the C code uses `float`, in double where it uses `double`, operations in the same
 * order. Equal inputs give the same float, bit for bit, so the in-process index ranks and breaks ties
 * exactly like the statement it stands in for (checked against PostgreSQL in
 * test/collections/search-index-rank.e2e-spec.ts).
 */

const f32 = Math.fround;

/** Default weights of D, C, B, A (`{0.1, 0.2, 0.4, 1.0}` as C floats). */
const WEIGHTS = [f32(0.1), f32(0.2), f32(0.4), f32(1.0)];
/** Positions of a lexeme whose entry has none (`POSNULL`): one position, MAXENTRYPOS - 1, weight D. */
const MAX_ENTRY_POS = 1 << 14;
const RANK_NORM_RDIVRPLUS1 = 0x20;

const DISTANCE = new Float64Array(101);
for (let w = 1; w <= 100; w++) DISTANCE[w] = f32(1.0 / (1.005 + 0.05 * Math.exp(f32(w) / 1.5 - 2)));

/** `word_distance`: the weight of two words `w` positions apart. */
function wordDistance(w: number): number {
  return w > 100 ? f32(1e-30) : DISTANCE[w];
}

const weightOfPosition = (encoded: number): number => WEIGHTS[weightOf(encoded)];

/** Positions of one query lexeme in a record's vector (encoded as stored), or null when absent. */
export type LexemePositions = ArrayLike<number> | null;

/**
 * The positions of the query's distinct lexemes in one record, without copying them: lexeme `i`'s are
 * `positions[start[i] .. start[i] + count[i])`; a count of 0 is an entry without positions (`POSNULL`).
 */
export interface RecordPositions {
  positions: ArrayLike<number>;
  start: ArrayLike<number>;
  count: ArrayLike<number>;
  /** Number of distinct lexemes. */
  n: number;
}

/** `calc_rank_or`: a query of one distinct lexeme (or an OR query; all present here). */
function rankOr(r: RecordPositions): number {
  let res = 0;
  for (let i = 0; i < r.n; i++) {
    const start = r.start[i];
    const count = r.count[i];
    const dimt = count === 0 ? 1 : count;
    let resj = 0;
    let wjm = -1;
    let jm = 0;
    for (let j = 0; j < dimt; j++) {
      const w = count === 0 ? WEIGHTS[0] : weightOfPosition(r.positions[start + j]);
      resj = f32(resj + f32(w / ((j + 1) * (j + 1))));
      if (w > wjm) {
        wjm = w;
        jm = j;
      }
    }
    res = f32(res + f32(f32(wjm + resj) - f32(wjm / ((jm + 1) * (jm + 1)))) / 1.64493406685);
  }
  if (r.n > 0) res = f32(res / r.n);
  return res;
}

/** `calc_rank_and`: every pair of positions of two different query lexemes, by their distance. */
function rankAnd(r: RecordPositions): number {
  if (r.n < 2) return rankOr(r);
  const positions = r.positions;
  let res = -1;
  for (let i = 0; i < r.n; i++) {
    const postStart = r.start[i];
    const postNull = r.count[i] === 0;
    const dimt = postNull ? 1 : r.count[i];
    for (let k = 0; k < i; k++) {
      const ctStart = r.start[k];
      const ctNull = r.count[k] === 0;
      const lenct = ctNull ? 1 : r.count[k];
      for (let l = 0; l < dimt; l++) {
        const pl = postNull ? MAX_ENTRY_POS - 1 : positions[postStart + l];
        const wl = weightOfPosition(pl);
        for (let p = 0; p < lenct; p++) {
          const pp = ctNull ? MAX_ENTRY_POS - 1 : positions[ctStart + p];
          let dist = Math.abs(positionOf(pl) - positionOf(pp));
          if (dist || postNull || ctNull) {
            if (!dist) dist = MAX_ENTRY_POS;
            const curw = f32(Math.sqrt(f32(f32(wl * weightOfPosition(pp)) * wordDistance(dist))));
            res = res < 0 ? curw : f32(1.0 - (1.0 - res) * (1.0 - curw));
          }
        }
      }
    }
  }
  return res;
}

/**
 * `ts_rank` with default weights, of a record holding every lexeme of the query. Lexemes in the order
 * PostgreSQL sorts a query's operands (`compareLexemes`); `and`: the query's top operator is AND (two
 * operands or more), else it is a single lexeme. Normalisation 32 (rank / (rank + 1)) or 0.
 */
export function tsRankOf(r: RecordPositions, and: boolean, normalization: 0 | 32): number {
  if (r.n === 0) return 0;
  let res = and ? rankAnd(r) : rankOr(r);
  if (res < 0) res = f32(1e-20);
  if (normalization & RANK_NORM_RDIVRPLUS1) res = f32(res / f32(res + 1));
  return res;
}

/** `tsRankOf` for positions given as one list per lexeme (tests, and callers that hold them so). */
export function tsRank(items: LexemePositions[], and: boolean, normalization: 0 | 32): number {
  const positions: number[] = [];
  const start: number[] = [];
  const count: number[] = [];
  for (const item of items) {
    if (!item) throw new Error('every lexeme of the query must be in the record');
    start.push(positions.length);
    count.push(item.length);
    for (let i = 0; i < item.length; i++) positions.push(item[i]);
  }
  return tsRankOf({ positions, start, count, n: items.length }, and, normalization);
}

const encoder = new TextEncoder();

/** PostgreSQL's order of lexemes (`tsCompareString`): bytes of their UTF-8, then length. */
export function compareLexemes(a: string, b: string): number {
  if (a === b) return 0;
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
