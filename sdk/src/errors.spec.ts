import { describe, expect, it } from '@jest/globals';
import { CisternError, unwrap } from './errors.js';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const response = new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
  return { error: body, response };
}

describe('error mapping', () => {
  it('carries the rules §0 body of an insufficient_scope refusal, with the request id and rate limit', async () => {
    const refused = answer(
      403,
      {
        detail: 'This API key lacks the scope search.',
        error: 'insufficient_scope',
        required_scopes: ['search'],
      },
      {
        'x-request-id': 'req-1',
        'x-ratelimit-limit': '60',
        'x-ratelimit-remaining': '59',
        'x-ratelimit-reset': '42',
      },
    );
    const error = await unwrap(refused).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CisternError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'CisternError',
      message: 'insufficient_scope: This API key lacks the scope search.',
      status: 403,
      error: 'insufficient_scope',
      detail: 'This API key lacks the scope search.',
      required_scopes: ['search'],
      errors: undefined,
      requestId: 'req-1',
      retryAfterSeconds: null,
      rateLimit: { limit: 60, remaining: 59, resetSeconds: 42 },
    });
  });

  it('carries the field errors of a 422', () => {
    const { response, error: body } = answer(422, {
      detail: '2 fields are invalid.',
      error: 'validation_error',
      errors: [
        { field: 'scopes[1]', message: 'unknown scope' },
        { field: 'name', message: 'name is required' },
      ],
    });
    const error = new CisternError(response, body);
    expect(error.errors).toEqual([
      { field: 'scopes[1]', message: 'unknown scope' },
      { field: 'name', message: 'name is required' },
    ]);
    expect(error.required_scopes).toBeUndefined();
  });

  it('reads Retry-After of a 429 and the request id of a 500 body', () => {
    const limited = answer(
      429,
      { detail: 'Rate limit of 60 requests per minute exceeded.', error: 'rate_limited' },
      { 'retry-after': '17' },
    );
    expect(new CisternError(limited.response, limited.error)).toMatchObject({
      status: 429,
      error: 'rate_limited',
      retryAfterSeconds: 17,
    });
    const crashed = answer(500, {
      detail: 'An unexpected error occurred.',
      error: 'internal_error',
      request_id: 'abc',
    });
    expect(new CisternError(crashed.response, crashed.error)).toMatchObject({
      error: 'internal_error',
      requestId: 'abc',
    });
  });

  it('names answers that are not in the error shape by their status', () => {
    const gateway = answer(502, '<html>Bad gateway</html>');
    expect(new CisternError(gateway.response, gateway.error)).toMatchObject({
      status: 502,
      error: 'http_error',
      detail: 'HTTP 502: <html>Bad gateway</html>',
    });
    const down = answer(503, '');
    expect(new CisternError(down.response, down.error)).toMatchObject({
      error: 'unavailable',
      detail: 'HTTP 503',
    });
    const odd = answer(404, { message: 'nope' });
    expect(new CisternError(odd.response, odd.error)).toMatchObject({
      error: 'not_found',
      detail: 'HTTP 404',
    });
  });

  it('unwraps the data of a success, and nothing of a 204', async () => {
    const ok = { data: { key_id: 'k' }, response: new Response('{}', { status: 200 }) };
    await expect(unwrap(ok)).resolves.toEqual({ key_id: 'k' });
    await expect(unwrap(Promise.resolve(ok))).resolves.toEqual({ key_id: 'k' });
    await expect(
      unwrap({ data: undefined, response: new Response(null, { status: 204 }) }),
    ).resolves.toBeUndefined();
  });
});
