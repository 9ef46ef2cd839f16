import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { generateApiKey } from '../../src/api-keys/api-key-format.js';
import { startApp, type TestApp } from '../support/app.js';
import { mintKey, publishChange, signup, tenantWithKey } from '../support/factories.js';
import { bearer, outcome } from '../support/http.js';

describe('API-key authentication (rules §1, §2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  /** `{ status, body, headers }` of a whoami with the key as Bearer or in X-Api-Key (both in the contract). */
  const whoami = async (apiKey: string, header: 'bearer' | 'x-api-key' = 'bearer') => {
    const headers = header === 'bearer' ? bearer(apiKey) : { 'x-api-key': apiKey };
    const res = await t.api.GET('/api/v1/auth/whoami', { headers });
    return { ...outcome(res), headers: res.response.headers };
  };
  const audit = async (apiKey: string) => {
    const res = await t.api.GET('/api/v1/audit', { headers: bearer(apiKey) });
    return { ...outcome(res), headers: res.response.headers };
  };

  it('introspects the key with Authorization: Bearer and with X-Api-Key', async () => {
    const account = await tenantWithKey(t, ['search', 'usage:read']);
    const { key, id, projectId, environmentId } = account.apiKey;
    for (const header of ['bearer', 'x-api-key'] as const) {
      const res = await whoami(key, header);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        key_id: id,
        tenant_id: account.tenantId,
        project_id: projectId,
        environment_id: environmentId,
        key_prefix: key.slice(0, 12),
        scopes: ['search', 'usage:read'],
        expires_at: null,
        rate_limit: { requests_per_minute: 60, remaining: expect.any(Number) },
      });
    }
  });

  it('typed client: whoami through the generated SDK', async () => {
    const { apiKey } = await tenantWithKey(t, ['search']);
    const { data, response } = await t.api.GET('/api/v1/auth/whoami', {
      headers: { 'x-api-key': apiKey.key },
    });
    expect(response.status).toBe(200);
    expect(data!.key_id).toBe(apiKey.id);
  });

  it('answers 401 unauthenticated without a key', async () => {
    const res = outcome(await t.api.GET('/api/v1/auth/whoami'));
    expect(res).toMatchObject({
      status: 401,
      body: { error: 'unauthenticated', detail: expect.any(String) },
    });
  });

  it('rejects malformed keys and bad checksums without touching the database', async () => {
    const spy = jest.spyOn(t.dataSource, 'query');
    try {
      const good = generateApiKey('live');
      const badChecksum = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
      for (const key of [badChecksum, 'sk_live_short', 'sk_prod_' + good.slice(8), 'not-a-key']) {
        const res = await whoami(key, 'x-api-key');
        expect(res).toMatchObject({ status: 401, body: { error: 'invalid_key' } });
      }
      // (the job queue polls in the background; what matters is that no key was looked up)
      expect(spy.mock.calls.filter(([sql]) => String(sql).includes('api_keys'))).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('answers invalid_key for a well-formed key that does not exist', async () => {
    expect(await whoami(generateApiKey('test'))).toMatchObject({
      status: 401,
      body: { error: 'invalid_key' },
    });
  });

  it('answers key_expired past expires_at', async () => {
    const account = await signup(t);
    const expired = await mintKey(t, account.tenantId, {
      scopes: ['search'],
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await whoami(expired.key)).toMatchObject({ status: 401, body: { error: 'key_expired' } });
    const future = await mintKey(t, account.tenantId, {
      scopes: ['search'],
      expiresAt: new Date(Date.now() + 4000),
    });
    expect((await whoami(future.key)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 4100));
    expect(await whoami(future.key)).toMatchObject({ status: 401, body: { error: 'key_expired' } });
  });

  it('answers invalid_key for a revoked key and for a replaced key after its grace, from the next request', async () => {
    const account = await signup(t);
    const revoked = await mintKey(t, account.tenantId, { scopes: ['search'] });
    expect((await whoami(revoked.key)).status).toBe(200);
    await t.dataSource.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [revoked.id]);
    await publishChange(t, { kind: 'key', keyId: revoked.id });
    expect(await whoami(revoked.key)).toMatchObject({ status: 401, body: { error: 'invalid_key' } });

    const successor = await mintKey(t, account.tenantId, { scopes: ['search'] });
    const inGrace = await mintKey(t, account.tenantId, { scopes: ['search'] });
    await t.dataSource.query(
      `UPDATE api_keys SET replaced_by_key_id = $2, grace_expires_at = now() + interval '1 hour' WHERE id = $1`,
      [inGrace.id, successor.id],
    );
    await publishChange(t, { kind: 'key', keyId: inGrace.id });
    expect((await whoami(inGrace.key)).status).toBe(200);
    await t.dataSource.query(
      `UPDATE api_keys SET grace_expires_at = now() - interval '1 second' WHERE id = $1`,
      [inGrace.id],
    );
    await publishChange(t, { kind: 'key', keyId: inGrace.id });
    expect(await whoami(inGrace.key)).toMatchObject({ status: 401, body: { error: 'invalid_key' } });
  });

  it('answers 403 insufficient_scope with required_scopes when a scope is missing', async () => {
    const { apiKey } = await tenantWithKey(t, ['search']);
    const res = await audit(apiKey.key);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      detail: expect.any(String),
      error: 'insufficient_scope',
      required_scopes: ['audit:read'],
    });
  });

  it('lets admin grant every scope', async () => {
    const { apiKey } = await tenantWithKey(t, ['admin']);
    expect((await audit(apiKey.key)).status).toBe(200);
  });

  it('refuses keys of a suspended tenant with 403 forbidden', async () => {
    const account = await tenantWithKey(t, ['admin']);
    await t.dataSource.query(`UPDATE tenants SET status = 'suspended' WHERE id = $1`, [account.tenantId]);
    await publishChange(t, { kind: 'tenant', tenantId: account.tenantId });
    expect(await whoami(account.apiKey.key)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const portal = await t.api.GET('/api/v1/portal/account', { headers: bearer(account.token) });
    expect(outcome(portal)).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
  });

  it('sends X-RateLimit headers on every API-key answer and 429 rate_limited with Retry-After past the limit', async () => {
    const account = await signup(t);
    const limited = await mintKey(t, account.tenantId, { scopes: ['search'], rateLimitRpm: 3 });
    // Limits are per one-minute window: do not straddle a window boundary.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await whoami(limited.key));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((a) => a.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    for (const a of answers) {
      expect(a.headers.get('x-ratelimit-limit')).toBe('3');
      expect(Number(a.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
    }
    expect(answers[3]!.body).toMatchObject({ error: 'rate_limited' });
    expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
    // the scope error of a limited key still carries the headers
    const scoped = await audit((await mintKey(t, account.tenantId, { scopes: ['search'] })).key);
    expect(scoped.status).toBe(403);
    expect(scoped.headers.get('x-ratelimit-limit')).toBe('60');
  });
});
