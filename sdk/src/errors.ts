import { rateLimitOf, retryAfterMs, type RateLimit } from './rate-limit.js';

/** One invalid field of a 422 `validation_error` (paths like `fields[0].type`). */
export interface FieldError {
  field: string;
  message: string;
}

/** Machine codes for answers whose body is not Cistern's error shape (a proxy's 502 page...). */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_error',
  429: 'rate_limited',
  503: 'unavailable',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An error answer of the Cistern API. The body's fields keep the API's names (`error`, `detail`,
 * `errors`, `required_scopes`); what the SDK adds is camelCase (`requestId`, `retryAfterSeconds`,
 * `rateLimit`).
 */
export class CisternError extends Error {
  override readonly name = 'CisternError';
  /** HTTP status. */
  readonly status: number;
  /** Machine code (rules §0): `insufficient_scope`, `validation_error`, `rate_limited`... */
  readonly error: string;
  /** A human sentence. */
  readonly detail: string;
  /** Field errors of a 422 `validation_error`. */
  readonly errors: FieldError[] | undefined;
  /** Scopes the operation needs (403 `insufficient_scope`). */
  readonly required_scopes: string[] | undefined;
  /** `X-Request-Id` of the answer (quote it when reporting a 500). */
  readonly requestId: string | null;
  /** `Retry-After` of a 429 or 503, in seconds. */
  readonly retryAfterSeconds: number | null;
  readonly rateLimit: RateLimit | null;
  /** The body as received. */
  readonly body: unknown;
  readonly response: Response;

  constructor(response: Response, body: unknown) {
    const shaped = isRecord(body) && typeof body.error === 'string' ? body : null;
    const error = shaped ? (shaped.error as string) : (CODE_BY_STATUS[response.status] ?? 'http_error');
    const detail =
      shaped && typeof shaped.detail === 'string'
        ? shaped.detail
        : `HTTP ${response.status}${typeof body === 'string' && body ? `: ${body.slice(0, 200)}` : ''}`;
    super(`${error}: ${detail}`);
    this.status = response.status;
    this.error = error;
    this.detail = detail;
    this.errors = shaped && Array.isArray(shaped.errors) ? (shaped.errors as FieldError[]) : undefined;
    this.required_scopes =
      shaped && Array.isArray(shaped.required_scopes) ? (shaped.required_scopes as string[]) : undefined;
    this.requestId =
      response.headers.get('x-request-id') ??
      (shaped && typeof shaped.request_id === 'string' ? shaped.request_id : null);
    const retryAfter = retryAfterMs(response);
    this.retryAfterSeconds = retryAfter === null ? null : Math.ceil(retryAfter / 1000);
    this.rateLimit = rateLimitOf(response);
    this.body = body;
    this.response = response;
  }
}

/** The shape of every openapi-fetch answer. */
export interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of an answer, or a CisternError when the API answered an error:
 * `const me = await unwrap(cistern.GET('/api/v1/auth/whoami'))`.
 */
export async function unwrap<A extends Answer<unknown>>(answer: A | Promise<A>): Promise<DataOf<A>> {
  const { data, error, response } = await answer;
  if (!response.ok) throw new CisternError(response, error);
  return data as DataOf<A>;
}

/** The success data of an answer type (`undefined` for answers without a body, 204). */
export type DataOf<A extends Answer<unknown>> = [Exclude<A['data'], undefined>] extends [never]
  ? undefined
  : Exclude<A['data'], undefined>;
