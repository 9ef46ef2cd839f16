import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OutgoingHttpHeaders } from 'node:http';
import { startApp, type TestApp } from '../support/app.js';
import { bearer, call } from '../support/http.js';
import {
  authHeaders,
  OPENAPI,
  operations,
  rawRequest,
  schemaOf,
  type Credentials,
  type Operation,
  walkerTenant,
} from '../support/openapi-walk.js';

const all = operations().map((op) => [op.route, op] as [string, Operation]);
const withBody = operations()
  .filter((op) => op.jsonBody !== null)
  .map((op) => [op.route, op] as [string, Operation]);

/** What an answer says, without what differs between two identical requests. */
function gist(res: { status: number; body: unknown }): unknown {
  if (res.body === null || typeof res.body !== 'object') return { status: res.status };
  const { request_id: _id, ...body } = res.body as Record<string, unknown>;
  if (res.status < 300) return { status: res.status };
  return { status: res.status, body };
}

describe('one rule each for query parameters and empty bodies (issue 20 #8)', () => {
  let t: TestApp;
  let credentials: Credentials;

  beforeAll(async () => {
    t = await startApp();
    ({ credentials } = await walkerTenant(t));
  });
  afterAll(() => t.close());

  describe('an unknown query parameter is refused on every operation', () => {
    it('walks every operation of openapi.json', () => {
      expect(all.length).toBeGreaterThan(80);
    });

    it.each(all)('%s', async (_route, op) => {
      const known =
        op.query.length > 0 ? `${op.query[0]}=${op.query[0] === 'period' ? '2030-01' : '1'}&` : '';
      const res = await call(t.baseUrl, op.method, `${op.samplePath}?${known}zz_unknown=1`, {
        headers: authHeaders(op.route, credentials),
      });
      expect(res).toMatchObject({
        status: 422,
        body: {
          error: 'validation_error',
          detail: expect.stringContaining('zz_unknown'),
          errors: [{ field: 'zz_unknown', message: 'zz_unknown should not exist' }],
        },
      });
    });

    it('names every unknown parameter, and the known ones still work', async () => {
      const res = await call(t.baseUrl, 'GET', '/collections?a=1&b=2', { apiKey: credentials.apiKey });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { field: 'a', message: 'a should not exist' },
        { field: 'b', message: 'b should not exist' },
      ]);
      const listed = await t.api.GET('/api/v1/projects', {
        headers: bearer(credentials.apiKey),
        params: { query: { limit: 5, offset: 0 } },
      });
      expect(listed.response.status).toBe(200);
      expect((await t.api.GET('/api/v1/health')).response.status).toBe(200);
    });

    it('checks them after authentication: no credential is still 401 first', async () => {
      const res = await call(t.baseUrl, 'GET', '/collections?zz_unknown=1');
      expect(res).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
    });

    it('leaves /mcp alone (not under /api/v1)', async () => {
      const res = await fetch(`${t.baseUrl}/mcp?zz_unknown=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(res.status).toBe(200);
    });
  });

  describe('an empty body is no body, which for an operation with a body is {}', () => {
    const EMPTY: Record<string, OutgoingHttpHeaders> = {
      'no body at all': { 'content-length': '0' },
      'empty JSON body': { 'content-type': 'application/json', 'content-length': '0' },
      'empty chunked JSON body': { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      'empty chunked body, no type': { 'transfer-encoding': 'chunked' },
      "curl -d ''": { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' },
    };

    it.each(withBody)('%s', async (_route, op) => {
      const auth = authHeaders(op.route, credentials);
      const braces = await rawRequest(
        t.baseUrl,
        op.method,
        op.samplePath,
        { ...auth, 'content-type': 'application/json', 'content-length': '2' },
        ['{}'],
      );
      expect(braces.status).toBeLessThan(500);
      const answers: Record<string, unknown> = {};
      for (const [name, headers] of Object.entries(EMPTY)) {
        answers[name] = gist(await rawRequest(t.baseUrl, op.method, op.samplePath, { ...auth, ...headers }));
      }
      expect(answers).toEqual(Object.fromEntries(Object.keys(EMPTY).map((name) => [name, gist(braces)])));
    });
  });

  it('writes both rules down in the OpenAPI description', () => {
    expect(OPENAPI.info.description).toMatch(/unknown\s+query\s+parameter/i);
    expect(OPENAPI.info.description).toMatch(/empty bodies: a body of zero bytes\s+is no body/i);
  });

  it('documents a body optional exactly when no property of it is required (no body is {})', () => {
    // A typed client then lets a caller leave out a body the server accepts absent (a rotate with
    // nothing to say), and still demands the ones it would refuse with 422.
    const requiredBody = (op: Operation) =>
      OPENAPI.paths[`/api/v1${op.path}`][op.method.toLowerCase()].requestBody.required === true;
    const hasRequiredProperty = (op: Operation) => (schemaOf(op.jsonBody!).required ?? []).length > 0;
    const documented = Object.fromEntries(withBody.map(([route, op]) => [route, requiredBody(op)]));
    const expected = Object.fromEntries(withBody.map(([route, op]) => [route, hasRequiredProperty(op)]));
    expect(documented).toEqual(expected);
    // The rotates, and the PATCHes whose every field is optional.
    expect(Object.values(expected).filter((required) => !required).length).toBeGreaterThanOrEqual(8);
  });
});
