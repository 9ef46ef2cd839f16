import createClient, { type FetchResponse, type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import type { ApiKeyPaths, PortalPaths } from './generated/contract.js';
import type { components, operations } from './generated/openapi.js';
import { unwrap } from './errors.js';
import { auditEvents, offsetItems, searchResults, type ListItem, type ListPath } from './pagination.js';
import { rateLimitOf, type RateLimit } from './rate-limit.js';
import { retryingFetch, type RetryOption, type RetryOptions } from './retry.js';
import { upload, waitForUpload, type FileInput, type UploadOptions, type WaitOptions } from './uploads.js';

type Schemas = components['schemas'];
export type SearchRequest = Schemas['SearchDto'];
export type SearchResult = Schemas['SearchResultDto'];
export type AuditEvent = Schemas['AuditEventDto'];
export type Upload = Schemas['UploadDto'];
/** The filters of `GET /audit` (`cursor` and `limit` are the iterator's own business but may be given). */
export type AuditQuery = NonNullable<operations['listAuditEvents']['parameters']['query']>;
export type UploadAccepted = Schemas['UploadAcceptedDto'];

// Type helpers of openapi-fetch's method signatures, restated here (they live in openapi-typescript-helpers,
// which this package does not depend on directly).
type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
type Media = `${string}/${string}`;
export type PathsWithMethod<Paths, M extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: unknown } ? P : never;
}[keyof Paths];
// `{}` is what "a type with no required key" is compared against.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type RequiredKeysOfHelper<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T];
type RequiredKeysOf<T> = RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>;
type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & CallOptions)?] : [Init & CallOptions];
type OperationOf<Paths, P extends keyof Paths, M extends HttpMethod> = Paths[P] extends {
  [K in M]: infer Op extends Record<string | number, unknown>;
}
  ? Op
  : never;

/** What the SDK adds to the options of any call. */
export interface CallOptions {
  /** Retry this call on 429/503 (`true`: whatever its method), never (`false`), or with these options. */
  retry?: RetryOption;
}

/** Every answer: openapi-fetch's `{data, error, response}`, plus the rate-limit headers. */
export type Answered<T> = T & { rateLimit: RateLimit | null };

export type CisternMethod<Paths, M extends HttpMethod> = <
  P extends PathsWithMethod<Paths, M>,
  Init extends MaybeOptionalInit<Paths[P], M & keyof Paths[P]>,
>(
  url: P,
  ...init: InitParam<Init>
) => Promise<Answered<FetchResponse<OperationOf<Paths, P, M>, Init, Media>>>;

/** The typed HTTP methods over the contract's paths, and middleware as in openapi-fetch. */
export interface TypedClient<Paths> {
  GET: CisternMethod<Paths, 'get'>;
  POST: CisternMethod<Paths, 'post'>;
  PUT: CisternMethod<Paths, 'put'>;
  PATCH: CisternMethod<Paths, 'patch'>;
  DELETE: CisternMethod<Paths, 'delete'>;
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}

/** The helpers both clients have. */
export interface Helpers<Paths> {
  /**
   * Uploads a file of records (CSV, JSON array, NDJSON): a path (Node), a Blob or a File. Answers the
   * accepted upload (`upload_id`); follow it with `waitForUpload`. Not retried unless `retry` asks.
   */
  upload(
    collection: string,
    recordType: string,
    file: FileInput,
    options?: UploadOptions,
  ): Promise<UploadAccepted>;
  /** Polls an upload until it is `completed` or `failed`, calling `onProgress` with each state read. */
  waitForUpload(uploadId: string, options?: WaitOptions): Promise<Upload>;
  /**
   * Every item of an offset-paged list (`limit`/`offset`), page after page; `params.query.limit` sets
   * the page size (default 100). Items added or removed meanwhile can shift pages, as with any offset paging.
   */
  list<P extends ListPath<Paths>>(
    path: P,
    ...init: InitParam<MaybeOptionalInit<Paths[P], 'get' & keyof Paths[P]>>
  ): AsyncIterableIterator<ListItem<Paths, P>>;
  /** Every result of a search, page after page (each page is one search for metering and limits). */
  searchAll(
    collection: string,
    request: SearchRequest,
    options?: { pageSize?: number },
  ): AsyncIterableIterator<SearchResult>;
  /** Audit events newest first, following `next_cursor` (needs `audit:read`, or an admin session). */
  auditEvents(query?: AuditQuery): AsyncIterableIterator<AuditEvent>;
}

export type CisternClient = TypedClient<ApiKeyPaths> & Helpers<ApiKeyPaths>;
export type PortalClient = TypedClient<PortalPaths> & Helpers<PortalPaths>;

interface CommonOptions {
  /** Where Cistern serves, e.g. `https://cistern.example.com` (paths start with `/api/v1`). */
  baseUrl: string;
  /** Retries of 429/503 (bounded; see RetryOptions), or `false` for none. */
  retry?: RetryOptions | false;
  /** A fetch to send requests with (default: the global fetch). */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

export interface CisternOptions extends CommonOptions {
  /** An API key (`sk_live_...` / `sk_test_...`), sent as `Authorization: Bearer`. */
  apiKey: string;
}

export interface PortalOptions extends CommonOptions {
  /**
   * A portal session token (`access_token` of login or signup). Without one only the public routes
   * answer: signup, login, health, open search.
   */
  token?: string;
}

/** The routes a helper uses on each door. */
interface Doors {
  upload: string;
  uploadStatus: string;
  search: string;
}

// The untyped core the helpers share (their public signatures are typed above).
type Call = (
  method: 'GET' | 'POST',
  path: string,
  init?: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

function build<Paths>(
  options: CommonOptions,
  credential: string | undefined,
  doors: Doors,
): TypedClient<Paths> & Helpers<Paths> {
  if (!options.baseUrl) throw new TypeError('baseUrl is required, e.g. http://localhost:8080');
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const client = createClient<Record<string, never>>({
    baseUrl: options.baseUrl,
    headers: { ...options.headers, ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
    fetch: retryingFetch(send, options.retry ?? {}),
  });
  const untyped = client as unknown as Record<
    'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    (path: string, init?: unknown) => Promise<{ data?: unknown; error?: unknown; response: Response }>
  >;
  const answered =
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') => async (path: string, init?: unknown) => {
      const answer = await untyped[method](path, init);
      return Object.assign(answer, { rateLimit: rateLimitOf(answer.response) });
    };
  const call: Call = (method, path, init) => untyped[method](path, init);
  const typed = {
    GET: answered('GET'),
    POST: answered('POST'),
    PUT: answered('PUT'),
    PATCH: answered('PATCH'),
    DELETE: answered('DELETE'),
    use: (...middleware: Middleware[]) => client.use(...middleware),
    eject: (...middleware: Middleware[]) => client.eject(...middleware),
  } as unknown as TypedClient<Paths>;
  const helpers: Helpers<Paths> = {
    upload: (collection, recordType, file, uploadOptions) =>
      upload(call, doors.upload, collection, recordType, file, uploadOptions),
    waitForUpload: (uploadId, waitOptions) => waitForUpload(call, doors.uploadStatus, uploadId, waitOptions),
    list: (path, ...init) => offsetItems(call, path, init[0] as Record<string, unknown>) as never,
    searchAll: (collection, request, searchOptions) =>
      searchResults(call, doors.search, collection, request, searchOptions?.pageSize) as never,
    auditEvents: (query) => auditEvents(call, query) as never,
  };
  return Object.assign(typed, helpers);
}

/**
 * A client of the data and key API, authenticated by an API key: the paths an API key may call,
 * typed from the contract, and the helpers.
 *
 * ```ts
 * const cistern = createCistern({ baseUrl: 'http://localhost:8080', apiKey: process.env.CISTERN_API_KEY! });
 * const { data, error, rateLimit } = await cistern.GET('/api/v1/auth/whoami');
 * ```
 */
export function createCistern(options: CisternOptions): CisternClient {
  if (!options.apiKey) throw new TypeError('apiKey is required (sk_live_... or sk_test_...)');
  return build<ApiKeyPaths>(options, options.apiKey, {
    upload: '/api/v1/upload/{collection}/{record_type}/upload',
    uploadStatus: '/api/v1/uploads/{id}',
    search: '/api/v1/search/{collection}',
  });
}

/**
 * A client of the portal API, authenticated by a person's session token (JWT). Without a token it
 * reaches the public routes only, e.g. to log in:
 *
 * ```ts
 * const { access_token } = await unwrap(createPortal({ baseUrl }).POST('/api/v1/portal/auth/login', { body: { email, password } }));
 * const portal = createPortal({ baseUrl, token: access_token });
 * ```
 */
export function createPortal(options: PortalOptions): PortalClient {
  return build<PortalPaths>(options, options.token, {
    upload: '/api/v1/portal/upload/{collection}/{record_type}/upload',
    uploadStatus: '/api/v1/portal/uploads/{id}',
    search: '/api/v1/portal/search/{collection}',
  });
}

export { unwrap };
