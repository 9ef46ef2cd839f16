import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { connect } from 'node:net';
import { tenantWithKey } from '../support/factories.js';
import { bearer, call } from '../support/http.js';

/** Sends raw bytes and answers the whole reply as text (the server closes the connection). */
function rawHttp(baseUrl: string, request: string): Promise<string> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => socket.write(request));
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString('utf8')));
    socket.on('close', () => resolve(reply));
    socket.on('error', reject);
  });
}

describe('HTTP behaviour (rules §0)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ env: { CORS_ORIGINS: 'https://portal.example.com' } });
  });
  afterAll(() => t.close());

  it('answers unknown routes with a JSON 404 in the error shape', async () => {
    const res = await call(t.baseUrl, 'GET', '/no/such/route');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body).toEqual({ detail: expect.any(String), error: 'not_found' });
    const outside = await fetch(`${t.baseUrl}/elsewhere`);
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ error: 'not_found' });
  });

  it('answers 400 invalid_json for a body that does not parse', async () => {
    const res = await call(t.baseUrl, 'POST', '/portal/auth/login', {
      rawBody: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ detail: expect.any(String), error: 'invalid_json' });
  });

  it('treats an empty body sent as JSON as no body, and refuses prototype poisoning', async () => {
    const empty = await call(t.baseUrl, 'POST', '/portal/auth/login', {
      rawBody: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.status).toBe(422);
    expect(empty.body.error).toBe('validation_error');
    const poisoned = await call(t.baseUrl, 'POST', '/portal/auth/login', {
      rawBody: '{"email":"a@b.c","password":"x","__proto__":{"admin":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(poisoned.status).toBe(400);
    expect(poisoned.body.error).toBe('invalid_json');
  });

  it('answers 413 payload_too_large over 1 MiB', async () => {
    const rawBody = JSON.stringify({ email: 'a'.repeat(1024 * 1024 + 10), password: 'x' });
    const res = await call(t.baseUrl, 'POST', '/portal/auth/login', {
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'payload_too_large' });
  });

  it('answers 415 unsupported_media_type for a non-JSON body', async () => {
    const res = await call(t.baseUrl, 'POST', '/portal/auth/login', {
      rawBody: 'email=a',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: 'unsupported_media_type' });
    const form = await call(t.baseUrl, 'POST', '/portal/auth/login', {
      rawBody: 'email=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('rejects unknown fields with 422 and names them', async () => {
    const res = await call(t.baseUrl, 'POST', '/portal/auth/login', {
      body: { email: 'a@b.c', password: 'x', admin: true },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('validation_error');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([{ field: 'admin', message: expect.stringContaining('should not exist') }]),
    );
  });

  it('answers 422 naming each invalid field, and for a body that is not an object', async () => {
    const res = await call(t.baseUrl, 'POST', '/portal/auth/signup', {
      body: { email: 'nope', password: 'short' },
    });
    expect(res.status).toBe(422);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
    const array = await call(t.baseUrl, 'POST', '/portal/auth/signup', { body: [1, 2] });
    expect(array.status).toBe(422);
    expect(array.body.error).toBe('validation_error');
    const empty = await call(t.baseUrl, 'POST', '/portal/auth/signup');
    expect(empty.status).toBe(422);
  });

  it('refuses date forms JavaScript cannot read (week, ordinal, basic) with 422, never 500', async () => {
    const { apiKey } = await tenantWithKey(t, ['admin']);
    for (const date of [
      '2030-W01',
      '2030-365',
      '20300101',
      '2030-01-01T00:00:00,5Z',
      '2030-02-30T00:00:00Z',
    ]) {
      const key = await call(t.baseUrl, 'POST', '/auth/keys', {
        apiKey: apiKey.key,
        body: { name: 'k', scopes: ['search'], expires_at: date },
      });
      expect(key.status).toBe(422);
      expect(key.body.errors[0].field).toBe('expires_at');
      const audit = await call(t.baseUrl, 'GET', `/audit?since=${encodeURIComponent(date)}`, {
        apiKey: apiKey.key,
      });
      expect(audit.status).toBe(422);
    }
    const fine = await t.api.GET('/api/v1/audit', {
      headers: bearer(apiKey.key),
      params: { query: { since: '2020-01-01T00:00:00Z', until: '2100-01-01' } },
    });
    expect(fine.response.status).toBe(200);
  });

  it('answers a JSON null body like any body that is not an object (422), and an array rate_limit too', async () => {
    const { apiKey } = await tenantWithKey(t, ['admin']);
    const nul = await call(t.baseUrl, 'POST', '/auth/keys', {
      apiKey: apiKey.key,
      rawBody: 'null',
      headers: { 'content-type': 'application/json' },
    });
    expect(nul.status).toBe(422);
    const list = await call(t.baseUrl, 'POST', '/auth/keys', {
      apiKey: apiKey.key,
      body: { name: 'k', scopes: ['search'], rate_limit: [] },
    });
    expect(list.status).toBe(422);
    expect(list.body.errors[0].field).toBe('rate_limit');
  });

  it('answers long path parameters through validation, not the router', async () => {
    const { apiKey } = await tenantWithKey(t, ['admin']);
    const id = await call(t.baseUrl, 'GET', `/api-keys/${'a'.repeat(150)}`, { apiKey: apiKey.key });
    expect(id.status).toBe(404);
    expect(id.body.error).toBe('not_found');
    const name = await call(t.baseUrl, 'GET', `/entities/${'a'.repeat(150)}`, { apiKey: apiKey.key });
    expect(name.status).toBe(422);
  });

  it('answers malformed HTTP and oversized headers in the error shape', async () => {
    const bad = await rawHttp(t.baseUrl, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(bad).toMatch(/^HTTP\/1.1 400 /);
    expect(JSON.parse(bad.slice(bad.indexOf('\r\n\r\n') + 4))).toEqual({
      detail: expect.any(String),
      error: 'bad_request',
    });
    const huge = await rawHttp(
      t.baseUrl,
      `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`,
    );
    expect(huge).toMatch(/^HTTP\/1.1 431 /);
    expect(JSON.parse(huge.slice(huge.indexOf('\r\n\r\n') + 4)).error).toBe('headers_too_large');
  });

  it('answers login with a malformed email as invalid input (422)', async () => {
    const res = await call(t.baseUrl, 'POST', '/portal/auth/login', {
      body: { email: 'not-an-email', password: 'whatever-password' },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('email');
  });

  it('sends helmet headers, a request id, and no x-powered-by', async () => {
    const { response: res } = await t.api.GET('/api/v1/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age/);
    expect(res.headers.get('content-security-policy')).toBeTruthy();
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await t.api.GET('/api/v1/health', { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(echoed.response.headers.get('x-request-id')).toBe('trace-abc.123');
    for (const answer of [
      // Raw: a path that is not in the contract.
      await call(t.baseUrl, 'GET', '/nowhere'),
      (await t.api.GET('/api/v1/auth/whoami')).response,
    ]) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('content-security-policy')).toContain(`default-src 'self'`);
    }
    // Raw: an x-request-id the server must not echo.
    const hostile = await call(t.baseUrl, 'GET', '/health', {
      headers: { 'x-request-id': 'bad id <script>' },
    });
    expect(hostile.headers.get('x-request-id')).not.toContain('<');
  });

  it('allows CORS only for CORS_ORIGINS', async () => {
    const preflight = (origin: string) =>
      fetch(`${t.baseUrl}/api/v1/health`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    const allowed = await preflight('https://portal.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const json = await fetch(`${t.baseUrl}/api/docs-json`);
    expect(json.status).toBe(200);
    const doc = (await json.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { securitySchemes: object };
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/health', '/api/v1/auth/whoami', '/api/v1/portal/auth/signup']),
    );
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      'ApiKeyBearer',
      'ApiKeyHeader',
      'PortalJwt',
    ]);
    const ui = await fetch(`${t.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
  });

  it('reports health with its checks and version', async () => {
    const { data, response } = await t.api.GET('/api/v1/health');
    expect(response.status).toBe(200);
    expect(data).toEqual({
      status: 'ok',
      checks: { database: 'ok', redis: 'disabled', queue: expect.any(String) },
      details: {
        queue: {
          depth: expect.any(Number),
          running: expect.any(Number),
          oldest_pending_age_seconds: expect.any(Number),
        },
      },
      version: expect.any(String),
    });
  });
});
