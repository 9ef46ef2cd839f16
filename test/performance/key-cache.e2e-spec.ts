import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { generateApiKey, keyFingerprint } from '../../src/api-keys/api-key-format.js';
import { TenantAdminService } from '../../src/tenancy/tenant-admin.service.js';
import { onPostgres, startApp, type TestApp } from '../support/app.js';
import { mintKey, publishChange, signup, tenantWithKey } from '../support/factories.js';
import { bearer, outcome } from '../support/http.js';
import { TcpProxy } from '../support/tcp-proxy.js';

/** `{ status, body, headers }` of a whoami on instance `t` (each TestApp has its own typed client). */
async function whoami(t: TestApp, key: string) {
  const res = await t.api.GET('/api/v1/auth/whoami', { headers: bearer(key) });
  return { ...outcome(res), headers: res.response.headers };
}

function keyLookups(spy: { mock: { calls: unknown[][] } }): number {
  return spy.mock.calls.filter(([sql]) => String(sql).includes('FROM api_keys k JOIN tenants')).length;
}

describe('API-key verification cache (one instance)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('looks a key up once, then answers from the cache', async () => {
    const { apiKey } = await tenantWithKey(t, ['search']);
    const spy = jest.spyOn(t.dataSource, 'query');
    try {
      for (let i = 0; i < 5; i++) expect((await whoami(t, apiKey.key)).status).toBe(200);
      expect(keyLookups(spy)).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('remembers unknown keys too (negative entries)', async () => {
    const unknown = generateApiKey('live');
    const spy = jest.spyOn(t.dataSource, 'query');
    try {
      for (let i = 0; i < 3; i++)
        expect((await whoami(t, unknown)).body).toMatchObject({ error: 'invalid_key' });
      expect(keyLookups(spy)).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('forgets a negative entry when a key with that fingerprint is created', async () => {
    const account = await signup(t);
    const key = generateApiKey('live');
    expect((await whoami(t, key)).body).toMatchObject({ error: 'invalid_key' }); // now cached as unknown
    await mintKey(t, account.tenantId, { key, scopes: ['search'] });
    expect((await whoami(t, key)).body).toMatchObject({ error: 'invalid_key' }); // still the cached answer
    await publishChange(t, {
      kind: 'key_fingerprint',
      fingerprint: keyFingerprint(t.config.apiKeySalt, key),
    });
    expect((await whoami(t, key)).status).toBe(200);
  });

  it('refuses a cached key as soon as it expires, without a lookup', async () => {
    const account = await signup(t);
    const expiresAt = new Date(Date.now() + 3000);
    const { key } = await mintKey(t, account.tenantId, { scopes: ['search'], expiresAt });
    expect((await whoami(t, key)).status).toBe(200);
    await new Promise((r) => setTimeout(r, expiresAt.getTime() - Date.now() + 50));
    const spy = jest.spyOn(t.dataSource, 'query');
    try {
      expect(await whoami(t, key)).toMatchObject({ status: 401, body: { error: 'key_expired' } });
      expect(keyLookups(spy)).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a cached key on the next request after its tenant is suspended, and takes it back on resume', async () => {
    const { tenantId, apiKey } = await tenantWithKey(t, ['search']);
    expect((await whoami(t, apiKey.key)).status).toBe(200);
    const admin = t.app.get(TenantAdminService);
    await admin.setStatus(tenantId, 'suspended', { type: 'system', id: null });
    expect(await whoami(t, apiKey.key)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    await admin.setStatus(tenantId, 'active', { type: 'system', id: null });
    expect((await whoami(t, apiKey.key)).status).toBe(200);
  });

  it('applies plan and limit changes of a cached key on the next request', async () => {
    const { tenantId, apiKey } = await tenantWithKey(t, ['search']);
    expect((await whoami(t, apiKey.key)).headers.get('x-ratelimit-limit')).toBe('60');
    await t.app.get(TenantAdminService).setPlan(tenantId, 'pro', { type: 'system', id: null });
    expect((await whoami(t, apiKey.key)).headers.get('x-ratelimit-limit')).toBe('200');
  });

  it('applies an IP allow-list change of a cached key on the next request', async () => {
    const { token, apiKey } = await tenantWithKey(t, ['search']);
    expect((await whoami(t, apiKey.key)).status).toBe(200);
    const patched = await t.api.PATCH('/api/v1/settings/security', {
      headers: bearer(token),
      body: { allowed_ip_ranges: ['203.0.113.0/24'] },
    });
    expect(patched.response.status).toBe(200);
    expect(await whoami(t, apiKey.key)).toMatchObject({ status: 403, body: { error: 'ip_not_allowed' } });
  });
});

(onPostgres ? describe : describe.skip)(
  'API-key verification cache across instances (PostgreSQL LISTEN/NOTIFY)',
  () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      [a, b] = await Promise.all([startApp(), startApp()]);
    });
    afterAll(async () => {
      await Promise.all([a.close(), b.close()]);
    });

    async function refusedByWithin(t: TestApp, key: string, since: number, ms: number): Promise<number> {
      while (Date.now() - since < ms) {
        if ((await whoami(t, key)).status === 401) return Date.now() - since;
        await new Promise((r) => setTimeout(r, 10));
      }
      return -1;
    }

    it('a key revoked on A (DELETE /auth/keys/{id}) is refused on A at once and by B within 1 s', async () => {
      const { tenantId, apiKey: admin } = await tenantWithKey(a, ['admin']);
      const { id, key } = await mintKey(a, tenantId, { scopes: ['search'] });
      expect((await whoami(b, key)).status).toBe(200); // cached on B
      expect((await whoami(a, key)).status).toBe(200); // cached on A
      const revokedAt = Date.now();
      const revoked = await a.api.DELETE('/api/v1/auth/keys/{id}', {
        headers: bearer(admin.key),
        params: { path: { id } },
      });
      expect(revoked.response.status).toBe(204);
      expect(await whoami(a, key)).toMatchObject({ status: 401, body: { error: 'invalid_key' } }); // the very next request on A
      expect(await refusedByWithin(b, key, revokedAt, 1000)).toBeGreaterThanOrEqual(0);
    });

    it('a key rotated on A without grace is refused by B within 1 s; its successor works on B', async () => {
      const { tenantId, apiKey: admin } = await tenantWithKey(a, ['admin']);
      const { id, key } = await mintKey(a, tenantId, { scopes: ['search'] });
      expect((await whoami(b, key)).status).toBe(200);
      const rotatedAt = Date.now();
      const rotated = await a.api.POST('/api/v1/auth/keys/{id}/rotate', {
        headers: bearer(admin.key),
        params: { path: { id } },
        body: {},
      });
      expect(rotated.response.status).toBe(200);
      expect((await whoami(a, key)).status).toBe(401);
      expect(await refusedByWithin(b, key, rotatedAt, 1000)).toBeGreaterThanOrEqual(0);
      expect((await whoami(b, rotated.data!.key)).status).toBe(200);
    });

    it('a tenant suspended through A is refused by B within 1 s', async () => {
      const { tenantId, apiKey } = await tenantWithKey(a, ['search']);
      expect((await whoami(b, apiKey.key)).status).toBe(200);
      await a.app.get(TenantAdminService).setStatus(tenantId, 'suspended', { type: 'system', id: null });
      const start = Date.now();
      let status = 200;
      while (Date.now() - start < 1000 && status === 200) {
        status = (await whoami(b, apiKey.key)).status;
        if (status === 200) await new Promise((r) => setTimeout(r, 10));
      }
      expect(status).toBe(403);
    });
  },
);

(onPostgres ? describe : describe.skip)('database outage with a warm cache (PostgreSQL)', () => {
  it('keeps cached keys working while new lookups answer 503', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
    const proxied = new URL(url);
    proxied.port = String(proxy.port);
    const t = await startApp({ env: { DATABASE_URL: proxied.toString() } });
    try {
      const { apiKey } = await tenantWithKey(t, ['search']);
      const cold = await mintKey(t, (await signup(t)).tenantId, { scopes: ['search'] });
      expect((await whoami(t, apiKey.key)).status).toBe(200);
      await proxy.cut();
      for (let i = 0; i < 3; i++) expect((await whoami(t, apiKey.key)).status).toBe(200);
      expect(await whoami(t, cold.key)).toMatchObject({ status: 503, body: { error: 'unavailable' } });
      expect(await whoami(t, generateApiKey('live'))).toMatchObject({
        status: 503,
        body: { error: 'unavailable' },
      });
    } finally {
      await proxy.restore();
      await t.close();
      await proxy.cut();
    }
  });
});
