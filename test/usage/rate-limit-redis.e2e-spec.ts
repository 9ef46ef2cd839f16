import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { onPostgres, startApp, type TestApp } from '../support/app.js';
import { mintKey, signup } from '../support/factories.js';
import { bearer } from '../support/http.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { until } from '../support/until.js';

/** The local Redis of CI (.ci/run sets REDIS_URL_TEST); suites skip without it. */
const redisUrl = process.env.REDIS_URL_TEST;

/** GET /auth/whoami with an API key: the cheapest request a limit counts. */
async function whoami(t: TestApp, key: string): Promise<Response> {
  return (await t.api.GET('/api/v1/auth/whoami', { headers: bearer(key) })).response;
}

/** GET /health (public): the status and, when 200, the report. */
async function health(t: TestApp) {
  const { data, response } = await t.api.GET('/api/v1/health');
  return { status: response.status, body: data };
}

/** Limits count per one-minute window: start a burst early enough in a window. */
async function awayFromWindowEdge(): Promise<void> {
  const into = Date.now() % 60_000;
  if (into > 45_000) await new Promise((r) => setTimeout(r, 60_000 - into + 50));
}

(redisUrl && onPostgres ? describe : describe.skip)(
  'rate limits shared through Redis (two instances)',
  () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      // Exact counts need every command answered: on a loaded CI host the event loop alone can hold a
      // reply past the default 200 ms, and that request would be counted per instance (the fallback).
      const env = { REDIS_URL: redisUrl, REDIS_COMMAND_TIMEOUT_MS: '5000' };
      [a, b] = await Promise.all([startApp({ env }), startApp({ env })]);
    });
    afterAll(async () => {
      await Promise.all([a.close(), b.close()]);
    });

    it('counts one per-key limit across both instances', async () => {
      const account = await signup(a);
      const { key } = await mintKey(a, account.tenantId, { scopes: ['search'], rateLimitRpm: 6 });
      await awayFromWindowEdge();
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t = i % 2 === 0 ? a : b;
        statuses.push((await whoami(t, key)).status);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(6);
      expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    });

    it('counts the tenant limit across both instances under concurrency', async () => {
      const account = await signup(a);
      await a.dataSource.query(`UPDATE tenants SET custom_requests_per_minute = 20 WHERE id = $1`, [
        account.tenantId,
      ]);
      const { key } = await mintKey(a, account.tenantId, { scopes: ['search'] });
      await awayFromWindowEdge();
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => whoami(i % 2 ? a : b, key)));
      expect(answers.filter((r) => r.status === 200)).toHaveLength(20);
      const remaining = answers
        .filter((r) => r.status === 200)
        .map((r) => Number(r.headers.get('x-ratelimit-remaining')));
      expect(remaining.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    });

    it('reports redis ok in health', async () => {
      expect((await health(a)).body).toMatchObject({ status: 'ok', checks: { redis: 'ok' } });
    });
  },
);

(redisUrl ? describe : describe.skip)('Redis failing never takes the API down', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  beforeAll(async () => {
    const url = new URL(redisUrl!);
    proxy = new TcpProxy(url.hostname, Number(url.port || 6379));
    await proxy.start();
    const proxied = new URL(url);
    proxied.port = String(proxy.port);
    t = await startApp({ env: { REDIS_URL: proxied.toString() } });
  });
  afterAll(async () => {
    await t.close();
    await proxy.cut();
  });

  it('keeps answering (limits in-process) while Redis is down, health says degraded, and recovers', async () => {
    const account = await signup(t);
    const { key } = await mintKey(t, account.tenantId, { scopes: ['search'], rateLimitRpm: 1000 });
    expect((await whoami(t, key)).status).toBe(200);

    await proxy.cut();
    for (let i = 0; i < 5; i++) {
      const res = await whoami(t, key);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('60');
    }
    // Health reports are at most 1 s old.
    await until(async () => (await health(t)).body?.status === 'degraded', 3000);
    const degraded = await health(t);
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', checks: { database: 'ok', redis: 'down' } });

    await proxy.restore();
    await until(async () => (await health(t)).body?.checks.redis === 'ok');
    expect((await whoami(t, key)).status).toBe(200);
  });

  it('still enforces limits in-process while Redis is down', async () => {
    const account = await signup(t);
    const { key } = await mintKey(t, account.tenantId, { scopes: ['search'], rateLimitRpm: 3 });
    await proxy.cut();
    try {
      await awayFromWindowEdge();
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await whoami(t, key)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await proxy.restore();
    }
  });
});
