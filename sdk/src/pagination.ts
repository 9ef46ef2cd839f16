import { unwrap } from './errors.js';
import { OFFSET_LISTS, type OffsetListPath } from './generated/contract.js';

type Call = (
  method: 'GET' | 'POST',
  path: string,
  init?: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Page size of the iterators when the call names none: the largest the API allows. */
export const DEFAULT_PAGE_SIZE = 100;

/** The offset-paged lists among a client's paths. */
export type ListPath<Paths> = Extract<OffsetListPath, keyof Paths>;

type JsonAnswer<Op> = Op extends { responses: { 200: { content: { 'application/json': infer J } } } }
  ? J
  : never;

/** The item type of an offset-paged list: the answer itself when it is a list, else its list property. */
export type ListItem<Paths, P extends keyof Paths> = P extends OffsetListPath
  ? Paths[P] extends { get: infer Op }
    ? JsonAnswer<Op> extends readonly (infer Item)[]
      ? Item
      : (typeof OFFSET_LISTS)[P] extends keyof JsonAnswer<Op>
        ? JsonAnswer<Op>[(typeof OFFSET_LISTS)[P]] extends readonly (infer Item)[]
          ? Item
          : never
        : never
    : never
  : never;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Pages through a `limit`/`offset` list until a page comes back short or the `total` is reached.
 */
export async function* offsetItems(
  call: Call,
  path: string,
  init: Record<string, unknown> = {},
): AsyncIterableIterator<unknown> {
  const key = (OFFSET_LISTS as Record<string, string>)[path];
  if (key === undefined) throw new TypeError(`${path} is not a list paged by limit and offset`);
  const params = isRecord(init.params) ? init.params : {};
  const query = isRecord(params.query) ? params.query : {};
  const limit = Number(query.limit ?? DEFAULT_PAGE_SIZE);
  let offset = Number(query.offset ?? 0);
  for (;;) {
    const page = await unwrap(
      call('GET', path, { ...init, params: { ...params, query: { ...query, limit, offset } } }),
    );
    const items = key === '' ? page : isRecord(page) ? page[key] : undefined;
    if (!Array.isArray(items)) throw new TypeError(`${path} answered no list of items`);
    yield* items;
    offset += items.length;
    const total = isRecord(page) && typeof page.total === 'number' ? page.total : null;
    if (items.length === 0 || items.length < limit || (total !== null && offset >= total)) return;
  }
}

/**
 * Every result of a search, page by page (`offset` grows by the page size). A page shorter than
 * asked is the last; an exact `total` (not a lower bound, `total_relation: "gte"`) also ends it.
 */
export async function* searchResults(
  call: Call,
  route: string,
  collection: string,
  request: Record<string, unknown>,
  pageSize?: number,
): AsyncIterableIterator<unknown> {
  const limit = pageSize ?? (typeof request.limit === 'number' ? request.limit : DEFAULT_PAGE_SIZE);
  let offset = typeof request.offset === 'number' ? request.offset : 0;
  for (;;) {
    const page = (await unwrap(
      call('POST', route, { params: { path: { collection } }, body: { ...request, limit, offset } }),
    )) as { results: unknown[]; total: number; total_relation?: string };
    yield* page.results;
    offset += page.results.length;
    const exact = page.total_relation !== 'gte';
    if (page.results.length < limit || (exact && offset >= page.total)) return;
  }
}

/** Audit events, newest first, following `next_cursor` until there is none. */
export async function* auditEvents(
  call: Call,
  query: Record<string, unknown> = {},
): AsyncIterableIterator<unknown> {
  let cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  for (;;) {
    const page = (await unwrap(
      call('GET', '/api/v1/audit', {
        params: { query: { ...query, limit, ...(cursor ? { cursor } : {}) } },
      }),
    )) as { events: unknown[]; next_cursor: string | null };
    yield* page.events;
    if (!page.next_cursor || page.events.length === 0) return;
    cursor = page.next_cursor;
  }
}
