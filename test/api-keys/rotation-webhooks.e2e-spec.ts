import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyRotationScheduler } from '../../src/api-keys/key-rotation.scheduler.js';
import { onPostgres, startApp, type TestApp } from '../support/app.js';
import { member, mintKey, signup, tenantWithKey } from '../support/factories.js';
import { bearer, outcome } from '../support/http.js';
import { auditEvents, sleep } from './helpers.js';
import { until } from '../support/until.js';

interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 that records what it gets and answers what `answer` says. */
async function receiver(answer: (delivery: Delivery, index: number) => number = () => 200) {
  const received: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const delivery = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const status = answer(delivery, received.filter((d) => d.path === delivery.path).length);
      received.push(delivery);
      res.statusCode = status;
      res.end(status >= 400 ? 'nope' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    at: (path: string) => received.filter((d) => d.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Verifies a Standard Webhooks signature independently of the server's code. */
function verifySignature(secret: string, delivery: Delivery): boolean {
  const id = String(delivery.headers['webhook-id']);
  const timestamp = String(delivery.headers['webhook-timestamp']);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${delivery.body}`).digest('base64');
  return String(delivery.headers['webhook-signature']).split(' ').includes(`v1,${expected}`);
}

async function makeDue(t: TestApp, keyId: string): Promise<void> {
  await t.dataSource.query(
    `UPDATE api_keys SET next_rotation_at = now() - interval '1 second' WHERE id = $1`,
    [keyId],
  );
}

const secretOf = async (t: TestApp, token: string): Promise<string> =>
  (await t.api.GET('/api/v1/settings/webhooks', { headers: bearer(token) })).data!.signing_secret;

describe('scheduled rotation with signed webhooks (rules §4)', () => {
  let t: TestApp;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    hooks = await receiver((delivery, index) => {
      if (delivery.path === '/flaky') return index === 0 ? 500 : 204;
      if (delivery.path === '/down') return 503;
      return 200;
    });
    t = await startApp({
      env: {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        KEY_ROTATION_POLL_SECONDS: '0.2',
        WEBHOOK_RETRY_BASE_SECONDS: '0.02',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await hooks?.close();
  });

  it('rotates a due key with a 24 h grace and delivers a signed event, retrying after a 500', async () => {
    const owner = await signup(t);
    const headers = bearer(owner.token);
    const res = await t.api.POST('/api/v1/portal/keys', {
      headers,
      body: {
        name: 'scheduled',
        scopes: ['search'],
        rotation_interval_days: 7,
        rotation_webhook_url: hooks.url('/flaky'),
      },
    });
    expect(res.response.status).toBe(201);
    const created = res.data!;
    const nextRotation = Date.parse(created.next_rotation_at!);
    expect(nextRotation).toBeGreaterThan(Date.now() + 7 * 86_400_000 - 60_000);
    expect(nextRotation).toBeLessThan(Date.now() + 7 * 86_400_000 + 60_000);

    await makeDue(t, created.id);
    await until(() => hooks.at('/flaky').length >= 2, 20_000, 'a retried delivery');
    const [first, second] = hooks.at('/flaky');
    const secret = await secretOf(t, owner.token);
    for (const delivery of [first, second]) {
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(verifySignature(secret, delivery)).toBe(true);
      expect(Number(delivery.headers['webhook-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);
    }
    // Same message id on every retry (receivers deduplicate), same body.
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(second.body).toBe(first.body);
    expect(verifySignature('whsec_' + Buffer.from('another secret').toString('base64'), first)).toBe(false);

    const event = JSON.parse(second.body);
    expect(Object.keys(event).sort()).toEqual(['data', 'type']);
    expect(event.type).toBe('api_key.rotated');
    expect(event.data).toEqual({
      old_key_id: created.id,
      new_key_id: expect.any(String),
      key: expect.stringMatching(/^sk_live_[0-9A-Za-z]{38}$/),
      key_prefix: event.data.key.slice(0, 12),
      grace_expires_at: expect.any(String),
    });
    const graceEnds = Date.parse(event.data.grace_expires_at);
    expect(graceEnds).toBeGreaterThan(Date.now() + 23.9 * 3600_000);
    expect(graceEnds).toBeLessThan(Date.now() + 24.1 * 3600_000);

    // The delivered key works, and so does the old one during its grace.
    const whoami = (key: string) => t.api.GET('/api/v1/auth/whoami', { headers: bearer(key) });
    expect((await whoami(event.data.key)).data!.key_id).toBe(event.data.new_key_id);
    expect((await whoami(created.key)).response.status).toBe(200);
    const old = await t.api.GET('/api/v1/portal/keys/{id}', {
      headers,
      params: { path: { id: created.id } },
    });
    expect(old.data).toMatchObject({
      status: 'grace',
      replaced_by_key_id: event.data.new_key_id,
      grace_expires_at: event.data.grace_expires_at,
      next_rotation_at: null,
    });
    const { data: successor } = await t.api.GET('/api/v1/portal/keys/{id}', {
      headers,
      params: { path: { id: event.data.new_key_id }, query: { include: ['created_by', 'history'] } },
    });
    expect(successor).toMatchObject({
      name: 'scheduled',
      scopes: ['search'],
      rotation_interval_days: 7,
      rotation_webhook_url: hooks.url('/flaky'),
      created_by: { type: 'system', id: null },
      status: 'active',
    });
    expect(successor!.history!.map((k) => k.id)).toEqual([created.id]);
    expect(Date.parse(successor!.next_rotation_at!)).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);

    // Audit: the rotation (by the system) and the one failed attempt.
    expect(await auditEvents(t, owner.tenantId, 'api_key.auto_rotated')).toEqual([
      expect.objectContaining({
        actor_type: 'system',
        actor_id: null,
        target_id: created.id,
        metadata: expect.objectContaining({
          new_key_id: event.data.new_key_id,
          grace_period_seconds: 86_400,
        }),
      }),
    ]);
    await until(
      async () =>
        (
          await t.dataSource.query(`SELECT status FROM api_key_webhook_deliveries WHERE old_key_id = $1`, [
            created.id,
          ])
        )[0]?.status === 'delivered',
      10_000,
      'delivery marked delivered',
    );
    const failures = await auditEvents(t, owner.tenantId, 'api_key.webhook_failed');
    expect(failures).toEqual([
      expect.objectContaining({
        actor_type: 'system',
        target_id: event.data.new_key_id,
        metadata: expect.objectContaining({ attempt: 1, final: false, status_code: 500 }),
      }),
    ]);

    // The raw key is nowhere at rest: the sealed body is erased after delivery, jobs and audit never had it.
    const [delivery] = await t.dataSource.query(
      `SELECT id, status, attempts, sealed_body FROM api_key_webhook_deliveries WHERE old_key_id = $1`,
      [created.id],
    );
    expect(delivery).toEqual({
      id: first.headers['webhook-id'],
      status: 'delivered',
      attempts: 2,
      sealed_body: null,
    });
    const leaks = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM jobs WHERE payload::text LIKE $1) AS jobs,
              (SELECT count(*)::int FROM audit_events WHERE metadata::text LIKE $1) AS audit`,
      [`%${event.data.key}%`],
    );
    expect(leaks).toEqual([{ jobs: 0, audit: 0 }]);
  });

  it('keeps the delivery sealed while it is pending', async () => {
    const owner = await tenantWithKey(t, ['admin']);
    const res = await t.api.POST('/api/v1/auth/keys', {
      headers: bearer(owner.apiKey.key),
      body: {
        name: 'sealed',
        scopes: ['search'],
        rotation_interval_days: 1,
        rotation_webhook_url: hooks.url('/down'),
      },
    });
    expect(res.response.status).toBe(201);
    const created = res.data!;
    await makeDue(t, created.id);
    await until(() => hooks.at('/down').length >= 1, 20_000, 'a first attempt');
    const event = JSON.parse(hooks.at('/down')[0].body);
    const [row] = await t.dataSource.query(
      `SELECT status, sealed_body FROM api_key_webhook_deliveries WHERE old_key_id = $1`,
      [created.id],
    );
    // Retries of this delivery take seconds: it is still pending, its body sealed.
    expect(row.status).toBe('pending');
    expect(row.sealed_body).toMatch(/^v1\./);
    expect(row.sealed_body).not.toContain(event.data.key);
    expect(row.sealed_body).not.toContain(event.data.key.slice(8));
  });

  it('gives up after 10 attempts with exponential backoff, audits each failure and erases the body', async () => {
    const owner = await signup(t);
    const key = await t.api.POST('/api/v1/portal/keys', {
      headers: bearer(owner.token),
      body: {
        name: 'doomed',
        scopes: ['search'],
        rotation_interval_days: 1,
        rotation_webhook_url: hooks.url('/down'),
      },
    });
    const before = hooks.at('/down').length;
    await makeDue(t, key.data!.id);
    const delivery = async () =>
      (
        await t.dataSource.query(
          `SELECT status, attempts, sealed_body, last_status_code FROM api_key_webhook_deliveries WHERE old_key_id = $1`,
          [key.data!.id],
        )
      )[0];
    await until(async () => (await delivery())?.status === 'failed', 45_000, 'delivery given up');
    expect(await delivery()).toEqual({
      status: 'failed',
      attempts: 10,
      sealed_body: null,
      last_status_code: 503,
    });
    const mine = hooks
      .at('/down')
      .slice(before)
      .filter((d) => JSON.parse(d.body).data.old_key_id === key.data!.id);
    expect(mine).toHaveLength(10);
    expect(new Set(mine.map((d) => d.headers['webhook-id'])).size).toBe(1);
    const audits = await auditEvents(t, owner.tenantId, 'api_key.webhook_failed');
    expect(audits.map((a) => [a.metadata.attempt, a.metadata.final])).toEqual([
      ...Array.from({ length: 9 }, (_, i) => [i + 1, false]),
      [10, true],
    ]);
    // The rotation itself stands: the successor exists and works.
    const successor = await t.api.GET('/api/v1/auth/whoami', {
      headers: bearer(JSON.parse(mine[0].body).data.key as string),
    });
    expect(successor.response.status).toBe(200);
  }, 60_000);

  it('serves and rotates the signing secret (admins only), auditing the rotation', async () => {
    const owner = await tenantWithKey(t, ['admin']);
    const settings = async (headers: Record<string, string>) =>
      outcome(await t.api.GET('/api/v1/settings/webhooks', { headers }));
    const rotateSecret = async (credential: string) =>
      outcome(await t.api.POST('/api/v1/settings/webhooks/rotate-secret', { headers: bearer(credential) }));
    const first = await t.api.GET('/api/v1/settings/webhooks', { headers: bearer(owner.token) });
    expect(first.response.status).toBe(200);
    expect(first.data).toEqual({ signing_secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]{20,}$/) });
    const byKey = await settings({ 'x-api-key': owner.apiKey.key });
    expect(byKey.body).toEqual(first.data);

    const rotated = await t.api.POST('/api/v1/settings/webhooks/rotate-secret', {
      headers: bearer(owner.token),
    });
    expect(rotated.response.status).toBe(200);
    expect(rotated.data!.signing_secret).toMatch(/^whsec_/);
    expect(rotated.data!.signing_secret).not.toBe(first.data!.signing_secret);
    expect((await settings(bearer(owner.token))).body).toEqual(rotated.data);
    const [event] = await auditEvents(t, owner.tenantId, 'settings.webhook_secret_rotated');
    expect(event).toMatchObject({ actor_type: 'user', actor_id: owner.userId });
    expect(JSON.stringify(event)).not.toContain(rotated.data!.signing_secret.slice(6));
    const byApiKey = await rotateSecret(owner.apiKey.key);
    expect(byApiKey.status).toBe(200);

    const keysOnly = await mintKey(t, owner.tenantId, { scopes: ['keys:write', 'keys:read'] });
    expect(await settings(bearer(keysOnly.key))).toMatchObject({
      status: 403,
      body: { error: 'insufficient_scope', required_scopes: ['admin'] },
    });
    const developer = await member(t, owner.tenantId, 'developer');
    expect(await settings(bearer(developer.token))).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    expect((await rotateSecret(developer.token)).status).toBe(403);
  });
});

describe('webhook URL guard (SSRF) without WEBHOOK_ALLOW_PRIVATE', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t?.close());

  it('refuses non-https URLs and private, loopback and link-local targets at create time', async () => {
    const owner = await signup(t);
    // Every URL is a string, as the contract asks: the scheme and address rules are the server's.
    const create = (url: string) =>
      t.api.POST('/api/v1/portal/keys', {
        headers: bearer(owner.token),
        body: { name: 'hooked', scopes: ['search'], rotation_interval_days: 30, rotation_webhook_url: url },
      });
    for (const url of [
      'http://93.184.215.14/hook',
      'ftp://93.184.215.14/hook',
      'not a url',
      'https://user:pass@93.184.215.14/hook',
      'https://127.0.0.1/hook',
      'https://127.1.2.3:8443/hook',
      'https://localhost/hook',
      'https://10.0.0.8/hook',
      'https://172.20.1.1/hook',
      'https://192.168.0.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://100.100.1.1/hook',
      'https://0.0.0.0/hook',
      'https://[::1]/hook',
      'https://[fe80::1]/hook',
      'https://[fd00::5]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[::ffff:a9fe:a9fe]/hook',
    ]) {
      const res = await create(url);
      expect({ url, status: res.response.status, field: res.error?.errors?.[0]?.field }).toEqual({
        url,
        status: 422,
        field: 'rotation_webhook_url',
      });
    }
    const ok = await create('https://93.184.215.14/hook');
    expect(ok.response.status).toBe(201);
    expect(ok.data!.rotation_webhook_url).toBe('https://93.184.215.14/hook');
  });

  it('checks again at delivery: a target that became private is refused for good and audited', async () => {
    const owner = await signup(t);
    const { data: key } = await t.api.POST('/api/v1/portal/keys', {
      headers: bearer(owner.token),
      body: {
        name: 'rebound',
        scopes: ['search'],
        rotation_interval_days: 1,
        rotation_webhook_url: 'https://93.184.215.14/hook',
      },
    });
    // As if its DNS now pointed inside: the stored target is loopback.
    await t.dataSource.query(
      `UPDATE api_keys SET rotation_webhook_url = 'https://127.0.0.1:9/hook', next_rotation_at = now() - interval '1 second' WHERE id = $1`,
      [key!.id],
    );
    expect(await t.app.get(KeyRotationScheduler).runOnce()).toBeGreaterThanOrEqual(1);
    const delivery = async () =>
      (
        await t.dataSource.query(
          `SELECT status, attempts, sealed_body, last_error FROM api_key_webhook_deliveries WHERE old_key_id = $1`,
          [key!.id],
        )
      )[0];
    await until(async () => (await delivery())?.status === 'failed', 15_000, 'refused delivery');
    expect(await delivery()).toMatchObject({ status: 'failed', attempts: 1, sealed_body: null });
    expect((await delivery()).last_error).toMatch(/private, loopback or link-local/);
    const audits = await auditEvents(t, owner.tenantId, 'api_key.webhook_failed');
    expect(audits).toEqual([
      expect.objectContaining({ metadata: expect.objectContaining({ final: true, attempt: 1 }) }),
    ]);
  });

  it('does not rotate expired keys on schedule', async () => {
    const owner = await signup(t);
    const expired = await mintKey(t, owner.tenantId, {
      scopes: ['search'],
      expiresAt: new Date(Date.now() - 1000),
    });
    await t.dataSource.query(
      `UPDATE api_keys SET rotation_interval_days = 1, next_rotation_at = now() - interval '1 hour' WHERE id = $1`,
      [expired.id],
    );
    await t.app.get(KeyRotationScheduler).runOnce();
    const [row] = await t.dataSource.query(`SELECT replaced_by_key_id FROM api_keys WHERE id = $1`, [
      expired.id,
    ]);
    expect(row.replaced_by_key_id).toBeNull();
  });
});

describe('webhook deliveries survive a restart', () => {
  it('retries a failed delivery after the instance that made it is gone', async () => {
    const hooks = await receiver((_d, index) => (index === 0 ? 500 : 200));
    const env = { WEBHOOK_ALLOW_PRIVATE: 'true', KEY_ROTATION_POLL_SECONDS: '0.2' };
    // First instance: retries only after 2 s, and it stops before then.
    const first = await startApp({ env: { ...env, WEBHOOK_RETRY_BASE_SECONDS: '2' } });
    let second: TestApp | undefined;
    try {
      const owner = await signup(first);
      const { data: key } = await first.api.POST('/api/v1/portal/keys', {
        headers: bearer(owner.token),
        body: {
          name: 'durable',
          scopes: ['search'],
          rotation_interval_days: 1,
          rotation_webhook_url: hooks.url('/restart'),
        },
      });
      await makeDue(first, key!.id);
      await until(() => hooks.at('/restart').length === 1, 20_000, 'first attempt');
      await sleep(100); // let the failed attempt be recorded
      await first.close({ keepData: true });
      expect(hooks.at('/restart')).toHaveLength(1);

      second = await startApp({
        env: { ...env, WEBHOOK_RETRY_BASE_SECONDS: '0.02' },
        dataDir: first.dataDir,
      });
      await until(() => hooks.at('/restart').length === 2, 20_000, 'retry after restart');
      const [a, b] = hooks.at('/restart');
      expect(b.headers['webhook-id']).toBe(a.headers['webhook-id']);
      const secret = await secretOf(second, owner.token);
      expect(verifySignature(secret, b)).toBe(true);
      await until(
        async () =>
          (
            await second!.dataSource.query(
              `SELECT status FROM api_key_webhook_deliveries WHERE old_key_id = $1`,
              [key!.id],
            )
          )[0].status === 'delivered',
        10_000,
        'delivered',
      );
    } finally {
      await second?.close();
      if (!second) await first.close().catch(() => undefined);
      rmSync(first.dataDir, { recursive: true, force: true });
      await hooks.close();
    }
  }, 60_000);
});

(onPostgres ? describe : describe.skip)('scheduler with two instances (PostgreSQL)', () => {
  let one: TestApp;
  let two: TestApp;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    hooks = await receiver();
    const env = {
      WEBHOOK_ALLOW_PRIVATE: 'true',
      KEY_ROTATION_POLL_SECONDS: '0.05',
      WEBHOOK_RETRY_BASE_SECONDS: '0.02',
    };
    [one, two] = await Promise.all([startApp({ env }), startApp({ env })]);
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await hooks?.close();
  });

  it('rotates each due key exactly once and delivers exactly one event per rotation', async () => {
    const owner = await signup(one);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await (i % 2 ? one : two).api.POST('/api/v1/portal/keys', {
        headers: bearer(owner.token),
        body: {
          name: `due ${i}`,
          scopes: ['search'],
          rotation_interval_days: 1,
          rotation_webhook_url: hooks.url('/multi'),
        },
      });
      ids.push(res.data!.id);
    }
    await one.dataSource.query(
      `UPDATE api_keys SET next_rotation_at = now() - interval '1 second' WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const replaced = async () =>
      (
        await one.dataSource.query(
          `SELECT count(*)::int AS n FROM api_keys WHERE id = ANY($1::uuid[]) AND replaced_by_key_id IS NOT NULL`,
          [ids],
        )
      )[0].n;
    await until(async () => (await replaced()) === 8, 20_000, 'all due keys rotated');
    await until(
      () =>
        hooks.at('/multi').filter((d) => ids.includes(JSON.parse(d.body).data.old_key_id as string)).length >=
        8,
      20_000,
      'all webhooks delivered',
    );
    await sleep(500); // several more polls of both instances: nothing more may happen

    const keys: { id: string; name: string }[] = await one.dataSource.query(
      `SELECT id, name FROM api_keys WHERE tenant_id = $1`,
      [owner.tenantId],
    );
    expect(keys).toHaveLength(16);
    const rotations = await auditEvents(one, owner.tenantId, 'api_key.auto_rotated');
    expect(rotations).toHaveLength(8);
    expect(new Set(rotations.map((r) => r.target_id))).toEqual(new Set(ids));
    const mine = hooks.at('/multi').filter((d) => ids.includes(JSON.parse(d.body).data.old_key_id as string));
    expect(mine.map((d) => JSON.parse(d.body).data.old_key_id as string).sort()).toEqual([...ids].sort());
    expect(new Set(mine.map((d) => d.headers['webhook-id'])).size).toBe(8);
  });
});
