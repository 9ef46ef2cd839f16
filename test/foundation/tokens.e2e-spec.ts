import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { startApp, TEST_JWT_SECRET, type TestApp } from '../support/app.js';
import { mintKey, signup, type TestAccount } from '../support/factories.js';
import { bearer, call, outcome } from '../support/http.js';

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('portal session tokens (rules §1 JWT)', () => {
  let t: TestApp;
  let account: TestAccount;
  beforeAll(async () => {
    t = await startApp();
    account = await signup(t);
  });
  afterAll(() => t.close());

  const account$ = async (token: string) =>
    outcome(await t.api.GET('/api/v1/portal/account', { headers: bearer(token) }));
  const claims = () => ({ sub: account.userId, tid: account.tenantId, role: 'owner', ver: 0 });

  it('accepts the issued token, whose claims are sub, tid, role, ver and exp', async () => {
    const decoded = jwt.decode(account.token, { complete: true })!;
    expect(decoded.header.alg).toBe('HS256');
    expect(decoded.payload).toMatchObject({ ...claims(), exp: expect.any(Number) });
    const res = await account$(account.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user_id: account.userId,
      tenant_id: account.tenantId,
      role: 'owner',
      email: account.email,
    });
  });

  it('refuses a token signed with another secret', async () => {
    const forged = jwt.sign(claims(), 'another-secret-another-secret-another', {
      algorithm: 'HS256',
      expiresIn: 600,
    });
    expect(await account$(forged)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('refuses a tampered payload', async () => {
    const [h, , s] = account.token.split('.');
    const tampered = `${h}.${b64({ ...claims(), role: 'owner', tid: '00000000-0000-4000-8000-000000000000', exp: 9999999999 })}.${s}`;
    expect(await account$(tampered)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('refuses alg none', async () => {
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(), exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    expect(await account$(none)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('refuses HS512 and tokens without expiry', async () => {
    const hs512 = jwt.sign(claims(), TEST_JWT_SECRET, { algorithm: 'HS512', expiresIn: 600 });
    expect(await account$(hs512)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    const noExp = jwt.sign(claims(), TEST_JWT_SECRET, { algorithm: 'HS256' });
    expect(await account$(noExp)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('refuses an expired token', async () => {
    const expired = jwt.sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 5 }, TEST_JWT_SECRET, {
      algorithm: 'HS256',
    });
    const res = await t.api.GET('/api/v1/portal/account', { headers: bearer(expired) });
    expect(outcome(res)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    expect(res.error!.detail).toMatch(/expired/);
  });

  it('refuses a well-signed token for a tenant the user does not belong to', async () => {
    const other = await signup(t);
    const crossed = jwt.sign({ ...claims(), tid: other.tenantId }, TEST_JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: 600,
    });
    expect(await account$(crossed)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('answers 401 unauthenticated without a credential and for a foreign scheme', async () => {
    expect(outcome(await t.api.GET('/api/v1/portal/account'))).toMatchObject({
      status: 401,
      body: { error: 'unauthenticated' },
    });
    // Raw: a Basic credential is no scheme the contract names.
    const basic = await call(t.baseUrl, 'GET', '/portal/account', {
      headers: { authorization: 'Basic YTpi' },
    });
    expect(basic).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
  });

  it('never mixes credentials: an API key on a portal route and a JWT on a key route are refused', async () => {
    const { key } = await mintKey(t, account.tenantId, { scopes: ['admin'] });
    expect(await account$(key)).toMatchObject({
      status: 401,
      body: { error: 'invalid_token' },
    });
    const whoami = await t.api.GET('/api/v1/auth/whoami', { headers: bearer(account.token) });
    expect(outcome(whoami)).toMatchObject({
      status: 401,
      body: { error: 'invalid_key' },
    });
  });
});
