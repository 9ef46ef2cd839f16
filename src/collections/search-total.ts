import type { TotalRelation } from './dto/search.dto.js';

/**
 * `total` and `total_relation` of an answer. `counted`: the matches counted, at most `countLimit` + 1
 * unless the search asked for the exact total; `returned`: the results on the page. Beyond the limit
 * the total is a lower bound: the limit, or what the page itself proves when that is more (a page at
 * offset 1,200 that holds 10 results proves 1,210; an empty page proves nothing); a page that holds
 * fewer results than asked for ends the matches, which makes its end the exact total.
 */
export function boundedTotal(o: {
  counted: number;
  returned: number;
  offset: number;
  limit: number;
  countLimit: number;
  exact: boolean;
}): { total: number; relation: TotalRelation } {
  if (o.exact || o.counted <= o.countLimit) return { total: o.counted, relation: 'eq' };
  if (o.returned > 0 && o.returned < o.limit) return { total: o.offset + o.returned, relation: 'eq' };
  return { total: Math.max(o.countLimit, o.returned > 0 ? o.offset + o.returned : 0), relation: 'gte' };
}
