/**
 * The dashboard's only way to the server: openapi-fetch over the types generated from openapi.json
 * (`npm run openapi` writes ./schema.ts). The session token is added here; a 401 that means "this
 * session is over" sends the person to log in and back to the page afterwards.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { navigate } from '../router';
import { clearSession, getSession } from '../session';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type ErrorBody = Schemas['ErrorDto'];

/** A non-2xx answer, with the server's rules §0 error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.detail);
  }

  get code(): string {
    return this.body.error;
  }

  /** Field errors of a 422, by field path (`scopes[1]`, `fields[0].type`). */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const e of this.body.errors ?? []) byField[e.field] ??= e.message;
    return byField;
  }
}

/** Error codes of a 401 that mean the session itself is over (not a wrong password in a form). */
const SESSION_OVER = new Set(['invalid_token', 'unauthenticated']);

export function loginUrl(next: string, ended: boolean): string {
  const query = new URLSearchParams({ next });
  if (ended) query.set('ended', '1');
  return `/app/login?${query.toString()}`;
}

/** The session is over (expired, password changed, blocked): log in again, then come back here. */
export function endSession(): void {
  clearSession();
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/app/login')) navigate(loginUrl(here, true), { replace: true });
}

const auth: Middleware = {
  onRequest({ request }) {
    const session = getSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || !request.headers.has('Authorization')) return response;
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as ErrorBody | null;
    if (body && SESSION_OVER.has(body.error)) endSession();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** Unwraps an openapi-fetch answer: its data, or an ApiError carrying the server's error body. */
export async function unwrap<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw toApiError(response.status, error);
  return data as T;
}

export function toApiError(status: number, error: unknown): ApiError {
  const body =
    error && typeof error === 'object' && 'detail' in error && 'error' in error
      ? (error as ErrorBody)
      : { detail: `The server answered ${status}.`, error: 'unexpected' };
  return new ApiError(status, body);
}

export const isSessionOver = (status: number, body: ErrorBody | null) =>
  status === 401 && body !== null && SESSION_OVER.has(body.error);

/** A human sentence for any error (network failures included). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.body.detail;
  if (error instanceof TypeError) return 'The server cannot be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}
