import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OutgoingHttpHeaders } from 'node:http';
import { startApp, type TestApp } from '../support/app.js';
import { member as memberOf, type TestAccount } from '../support/factories.js';
import { bearer, call } from '../support/http.js';
import {
  authHeaders,
  operations,
  rawRequest,
  type Credentials,
  type Operation,
  walkerTenant,
} from '../support/openapi-walk.js';

/** The ways clients send "nothing" on a POST or DELETE, as raw node:http sends them. */
const EMPTY_BODIES: Record<string, OutgoingHttpHeaders> = {
  // A streamed empty body (Transfer-Encoding: chunked, zero bytes): Node's http when a body is piped.
  'empty chunked body': { 'transfer-encoding': 'chunked' },
  // curl -d ''
  "curl -d ''": { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' },
  'empty JSON body': { 'content-type': 'application/json', 'content-length': '0' },
  'empty chunked JSON body': { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
  'empty text/plain body': { 'content-type': 'text/plain', 'content-length': '0' },
  // Node's http left to itself (Content-Length: 0 on a POST, nothing on a DELETE).
  'Node without a body': {},
};

const bodyless = operations().filter(
  (op) => (op.method === 'POST' || op.method === 'DELETE') && op.jsonBody === null && !op.multipart,
);

describe('HTTP interop (issue 20 #7)', () => {
  let t: TestApp;
  let owner: TestAccount;
  let credentials: Credentials;

  beforeAll(async () => {
    t = await startApp();
    ({ owner, credentials } = await walkerTenant(t));
  });
  afterAll(() => t.close());

  describe('the Authorization scheme is case-insensitive (RFC 7235)', () => {
    it('takes an API key after bearer, BEARER or bEaReR', async () => {
      for (const scheme of ['bearer', 'BEARER', 'bEaReR', 'Bearer']) {
        const res = await call(t.baseUrl, 'GET', '/auth/whoami', {
          headers: { authorization: `${scheme} ${credentials.apiKey}` },
        });
        expect({ scheme, status: res.status }).toEqual({ scheme, status: 200 });
      }
    });

    it('takes a portal session token after bearer', async () => {
      for (const scheme of ['bearer', 'BEARER']) {
        const res = await call(t.baseUrl, 'GET', '/portal/account', {
          headers: { authorization: `${scheme} ${owner.token}` },
        });
        expect(res).toMatchObject({ status: 200, body: { email: owner.email } });
      }
    });

    it('takes an API key after bearer on /mcp', async () => {
      const res = await fetch(`${t.baseUrl}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          authorization: `bearer ${credentials.apiKey}`,
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(res.status).toBe(200);
      // Only a key's requests are rate-limited: the key was read.
      expect(res.headers.get('x-ratelimit-limit')).toBeTruthy();
      const body = (await res.json()) as { result: { tools: Array<{ name: string }> } };
      expect(body.result.tools.map((tool) => tool.name)).toContain('list_collections');
    });

    it('still refuses other schemes and a wrong key, whatever the case', async () => {
      const basic = await call(t.baseUrl, 'GET', '/auth/whoami', {
        headers: { authorization: 'basic dXNlcjpwYXNz' },
      });
      expect(basic).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
      const bearerish = await call(t.baseUrl, 'GET', '/auth/whoami', {
        headers: { authorization: `bearerx ${credentials.apiKey}` },
      });
      expect(bearerish).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
      const wrong = await call(t.baseUrl, 'GET', '/auth/whoami', {
        headers: { authorization: 'bearer sk_live_nope' },
      });
      expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_key' } });
      const jwt = await call(t.baseUrl, 'GET', '/portal/account', {
        headers: { authorization: 'bearer eyJnot.a.token' },
      });
      expect(jwt).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    });
  });

  describe('a body-less operation sent with an empty body answers as without one', () => {
    it('walks every POST and DELETE of openapi.json that takes no body', () => {
      expect(bodyless.map((op) => op.route)).toEqual(
        expect.arrayContaining([
          'POST /settings/webhooks/rotate-secret',
          'POST /team/members/{user_id}/block',
          'POST /reindex/{collection}',
          'DELETE /api-keys/{id}',
        ]),
      );
    });

    const outcome = (res: { status: number; body: any }) => `${res.status} ${res.body?.error ?? ''}`.trim();

    it.each(bodyless.map((op) => [op.route, op] as [string, Operation]))('%s', async (_route, op) => {
      const auth = authHeaders(op.route, credentials);
      const send = (headers: OutgoingHttpHeaders) =>
        rawRequest(t.baseUrl, op.method, op.samplePath, { ...auth, ...headers });
      const without = await send({ 'content-length': '0' });
      expect(without.status).toBeLessThan(500);
      const answers: Record<string, string> = {};
      for (const [name, headers] of Object.entries(EMPTY_BODIES))
        answers[name] = outcome(await send(headers));
      expect(answers).toEqual(
        Object.fromEntries(Object.keys(EMPTY_BODIES).map((n) => [n, outcome(without)])),
      );
    });

    it('really acts: block a member with an empty chunked body, unblock and rotate the signing secret with curl -d ""', async () => {
      const member = await memberOf(t, owner.tenantId, 'viewer');
      const auth = { authorization: `Bearer ${owner.token}` };
      const blocked = await rawRequest(t.baseUrl, 'POST', `/team/members/${member.userId}/block`, {
        ...auth,
        'transfer-encoding': 'chunked',
      });
      expect(blocked.status).toBe(200);
      const refused = await t.api.GET('/api/v1/portal/account', { headers: bearer(member.token) });
      expect([401, 403]).toContain(refused.response.status);
      const unblocked = await rawRequest(t.baseUrl, 'POST', `/team/members/${member.userId}/unblock`, {
        ...auth,
        ...EMPTY_BODIES["curl -d ''"],
      });
      expect(unblocked.status).toBe(200);
      const before = await t.api.GET('/api/v1/settings/webhooks', { headers: bearer(owner.token) });
      const rotated = await rawRequest(t.baseUrl, 'POST', '/settings/webhooks/rotate-secret', {
        ...auth,
        ...EMPTY_BODIES["curl -d ''"],
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body.signing_secret).not.toBe(before.data!.signing_secret);
    });

    it('still refuses a body that is not empty: 415 for a type other than JSON, 422 for JSON', async () => {
      const auth = { authorization: `Bearer ${owner.token}` };
      const path = '/settings/webhooks/rotate-secret';
      const form = await rawRequest(
        t.baseUrl,
        'POST',
        path,
        { ...auth, 'content-type': 'application/x-www-form-urlencoded', 'content-length': '3' },
        ['a=1'],
      );
      expect(form).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
      const chunkedText = await rawRequest(
        t.baseUrl,
        'POST',
        path,
        { ...auth, 'content-type': 'text/plain', 'transfer-encoding': 'chunked' },
        ['x'],
      );
      expect(chunkedText).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
      const untyped = await rawRequest(t.baseUrl, 'POST', path, { ...auth, 'transfer-encoding': 'chunked' }, [
        'x',
      ]);
      expect(untyped).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
      const json = await rawRequest(
        t.baseUrl,
        'POST',
        path,
        { ...auth, 'content-type': 'application/json', 'content-length': '7' },
        ['{"a":1}'],
      );
      expect(json).toMatchObject({ status: 422, body: { error: 'validation_error' } });
    });
  });
});
