export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;

  body: T;
  text: string;
}

export interface CallOptions {
  token?: string;
  apiKey?: string;
  /** Send the API key as X-Api-Key instead of Authorization: Bearer. */
  header?: 'bearer' | 'x-api-key';
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

/** Raw HTTP for what a typed client cannot send (bad JSON, wrong types, foreign headers). */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.apiKey) {
    if (options.header === 'x-api-key') headers['x-api-key'] = options.apiKey;
    else headers.authorization = `Bearer ${options.apiKey}`;
  }
  let body: string | Buffer | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** Authorization header for the typed client: a portal session token or an API key as Bearer. */
export const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

/** A typed-client answer as `{ status, body }` (the data, or the error body), for one-line status+body checks. */
export const outcome = <D, E>(res: { response: Response; data?: D; error?: E }) => ({
  status: res.response.status,
  body: res.data ?? res.error,
});
