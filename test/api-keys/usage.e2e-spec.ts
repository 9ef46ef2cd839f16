import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { lastUtcDays } from '../../src/api-keys/key-usage.service.js';
import { onPostgres, startApp, type TestApp } from '../support/app.js';
import { mintKey, signup } from '../support/factories.js';
import { bearer, outcome } from '../support/http.js';
import { flushUsage } from './helpers.js';

describe('per-key usage (rules §1 last_used_at, §4 usage)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('counts requests and rate-limited rejections per UTC day, written in batches', async () => {
    const owner = await signup(t);
    const key = await mintKey(t, owner.tenantId, { scopes: ['search'], rateLimitRpm: 3 });
    const other = await mintKey(t, owner.tenantId, { scopes: ['search'] });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await t.api.GET('/api/v1/auth/whoami', { headers: bearer(key.key) })).response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // A request refused for a missing scope still passed the rate limiter: it counts as a request.
    expect((await t.api.GET('/api/v1/auth/keys', { headers: bearer(other.key) })).response.status).toBe(403);
    await flushUsage(t);

    const usage = await t.api.GET('/api/v1/portal/keys/{id}/usage', {
      headers: bearer(owner.token),
      params: { path: { id: key.id }, query: { days: 7 } },
    });
    expect(usage.response.status).toBe(200);
    const days = lastUtcDays(7);
    expect(usage.data).toEqual({
      key_id: key.id,
      days: days.map((date, i) =>
        i === 6 ? { date, requests: 3, rejected: 2 } : { date, requests: 0, rejected: 0 },
      ),
    });
    expect(days[6]).toBe(new Date().toISOString().slice(0, 10));

    const defaultDays = await t.api.GET('/api/v1/portal/keys/{id}/usage', {
      headers: bearer(owner.token),
      params: { path: { id: key.id } },
    });
    expect(defaultDays.data!.days).toHaveLength(30);
    const otherUsage = await t.api.GET('/api/v1/portal/keys/{id}/usage', {
      headers: bearer(owner.token),
      params: { path: { id: other.id }, query: { days: 1 } },
    });
    expect(otherUsage.data!.days).toEqual([{ date: days[6], requests: 1, rejected: 0 }]);

    const included = await t.api.GET('/api/v1/portal/keys/{id}', {
      headers: bearer(owner.token),
      params: { path: { id: key.id }, query: { include: ['usage'] } },
    });
    expect(included.data!.usage).toMatchObject({ total_requests: 3, total_rejected: 2 });
    expect(included.data!.usage!.days).toHaveLength(30);
    expect(included.data!.usage!.days[29]).toEqual({ date: days[6], requests: 3, rejected: 2 });

    // More traffic adds to the stored counts.
    await t.api.GET('/api/v1/auth/whoami', { headers: bearer(other.key) });
    await t.api.GET('/api/v1/auth/whoami', { headers: bearer(other.key) });
    await flushUsage(t);
    const after = await t.api.GET('/api/v1/portal/keys/{id}/usage', {
      headers: bearer(owner.token),
      params: { path: { id: other.id }, query: { days: 1 } },
    });
    expect(after.data!.days).toEqual([{ date: days[6], requests: 3, rejected: 0 }]);
  });

  it('writes last_used_at on flush, at most once a minute per key', async () => {
    const owner = await signup(t);
    const key = await mintKey(t, owner.tenantId, { scopes: ['search'] });
    const view = async () =>
      (
        await t.api.GET('/api/v1/portal/keys/{id}', {
          headers: bearer(owner.token),
          params: { path: { id: key.id } },
        })
      ).data!.last_used_at;
    expect(await view()).toBeNull();
    const before = Date.now();
    await t.api.GET('/api/v1/auth/whoami', { headers: bearer(key.key) });
    await flushUsage(t);
    const first = await view();
    expect(first).not.toBeNull();
    expect(Date.parse(first!)).toBeGreaterThanOrEqual(before - 5);
    // Used again within the minute: counted, but last_used_at is not written again yet.
    await t.api.GET('/api/v1/auth/whoami', { headers: bearer(key.key) });
    await flushUsage(t);
    expect(await view()).toBe(first);
    const usage = await t.api.GET('/api/v1/portal/keys/{id}/usage', {
      headers: bearer(owner.token),
      params: { path: { id: key.id }, query: { days: 1 } },
    });
    expect(usage.data!.days[0].requests).toBe(2);
  });

  it("answers 404 for another tenant's key usage", async () => {
    const a = await signup(t);
    const b = await signup(t);
    const theirs = await mintKey(t, b.tenantId, { scopes: ['search'] });
    expect(
      outcome(
        await t.api.GET('/api/v1/portal/keys/{id}/usage', {
          headers: bearer(a.token),
          params: { path: { id: theirs.id } },
        }),
      ),
    ).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
  });
});

describe('per-key usage at shutdown', () => {
  it('writes the buffered counts when the application closes', async () => {
    const first = await startApp();
    let second: TestApp | undefined;
    try {
      const owner = await signup(first);
      const key = await mintKey(first, owner.tenantId, { scopes: ['search'] });
      for (let i = 0; i < 4; i++) await first.api.GET('/api/v1/auth/whoami', { headers: bearer(key.key) });
      await first.close({ keepData: true }); // no explicit flush: shutdown must write them
      second = await startApp({ dataDir: first.dataDir });
      const usage = await second.api.GET('/api/v1/portal/keys/{id}/usage', {
        headers: bearer(owner.token),
        params: { path: { id: key.id }, query: { days: 1 } },
      });
      expect(usage.data!.days[0]).toMatchObject({ requests: 4, rejected: 0 });
      const view = await second.api.GET('/api/v1/portal/keys/{id}', {
        headers: bearer(owner.token),
        params: { path: { id: key.id } },
      });
      expect(view.data!.last_used_at).not.toBeNull();
    } finally {
      await second?.close();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});

(onPostgres ? describe : describe.skip)('per-key usage across instances (PostgreSQL)', () => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    [one, two] = await Promise.all([startApp(), startApp()]);
  });
  afterAll(async () => {
    await Promise.all([one.close(), two.close()]);
  });

  it('adds up the counts of every instance exactly', async () => {
    const owner = await signup(one);
    const key = await mintKey(one, owner.tenantId, { scopes: ['search'] });
    const hit = (t: TestApp, n: number) =>
      Promise.all(
        Array.from({ length: n }, () => t.api.GET('/api/v1/auth/whoami', { headers: bearer(key.key) })),
      );
    await Promise.all([hit(one, 7), hit(two, 5)]);
    await Promise.all([flushUsage(one), flushUsage(two)]);
    await Promise.all([hit(one, 2), hit(two, 3)]);
    await Promise.all([flushUsage(one), flushUsage(two)]);
    const usage = await one.api.GET('/api/v1/portal/keys/{id}/usage', {
      headers: bearer(owner.token),
      params: { path: { id: key.id }, query: { days: 1 } },
    });
    expect(usage.data!.days[0]).toMatchObject({ requests: 17, rejected: 0 });
  });
});
