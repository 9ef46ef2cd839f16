import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { KeyRotationScheduler } from '../../src/api-keys/key-rotation.scheduler.js';
import { KeyExpiryNotices } from '../../src/api-keys/key-expiry.scheduler.js';
import { onPostgres, startApp, type TestApp } from '../support/app.js';
import { member, mintKey, setPlan, signup } from '../support/factories.js';
import type { components } from '../generated/api.js';
import { bearer, call } from '../support/http.js';
import { auditEvents, sleep } from '../api-keys/helpers.js';
import { uploadFile } from '../collections/helpers.js';
import { until } from '../support/until.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 recording every POST; `answer` picks the status by path. */
async function receiver(answer: (path: string) => number = () => 200) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answer(path);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    at: (path: string) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Hooks = Awaited<ReturnType<typeof receiver>>;
type EventType = components['schemas']['WebhookEventType'];

/** The tenant's signing secret (GET /settings/webhooks). */
async function signingSecret(app: TestApp, token: string): Promise<string> {
  const { data } = await app.api.GET('/api/v1/settings/webhooks', { headers: bearer(token) });
  return data!.signing_secret;
}

/** Defines a one-field string schema `collection/recordType` with an API key. */
const putSchema = (
  app: TestApp,
  key: string,
  collection: string,
  recordType: string,
  fields: components['schemas']['SchemaFieldInputDto'][],
) =>
  app.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
    headers: bearer(key),
    params: { path: { collection, record_type: recordType } },
    body: { fields },
  });

/** Verified by the `standardwebhooks` package (an outside implementation); answers the parsed event. */
function verified(secret: string, delivery: Received): { type: string; timestamp: string; data: any } {
  const headers = {
    'webhook-id': String(delivery.headers['webhook-id']),
    'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
    'webhook-signature': String(delivery.headers['webhook-signature']),
  };
  return new Webhook(secret).verify(delivery.body, headers) as { type: string; timestamp: string; data: any };
}

const ENV = {
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_RETRY_BASE_SECONDS: '0.05',
  // The schedulers are driven by hand (with an injected clock), not by their timers.
  KEY_ROTATION_POLL_SECONDS: '3600',
};

describe('tenant event webhooks (rules §11)', () => {
  let t: TestApp;
  /**
   * A second instance on the same database (PostgreSQL only: on PGlite each app has its own), closed
   * last: passport strategies are process-global and the last app started serves every app's sessions.
   */
  let second: TestApp | undefined;
  let hooks: Hooks;
  beforeAll(async () => {
    hooks = await receiver((path) => (path.startsWith('/gone') ? 410 : path.startsWith('/down') ? 500 : 204));
    t = await startApp({ env: ENV });
    if (onPostgres) second = await startApp({ env: ENV });
  });
  afterAll(async () => {
    await t?.close();
    await second?.close();
    await hooks?.close();
  });

  async function tenant() {
    const owner = await signup(t);
    return { ...owner, secret: await signingSecret(t, owner.token) };
  }

  const create = (credential: string, body: components['schemas']['CreateWebhookEndpointDto']) =>
    t.api.POST('/api/v1/settings/webhooks/endpoints', { headers: bearer(credential), body });
  const list = (credential: string) =>
    t.api.GET('/api/v1/settings/webhooks/endpoints', { headers: bearer(credential) });
  const get = (credential: string, id: string) =>
    t.api.GET('/api/v1/settings/webhooks/endpoints/{id}', {
      headers: bearer(credential),
      params: { path: { id } },
    });
  const update = (credential: string, id: string, body: components['schemas']['UpdateWebhookEndpointDto']) =>
    t.api.PATCH('/api/v1/settings/webhooks/endpoints/{id}', {
      headers: bearer(credential),
      params: { path: { id } },
      body,
    });
  const remove = (credential: string, id: string) =>
    t.api.DELETE('/api/v1/settings/webhooks/endpoints/{id}', {
      headers: bearer(credential),
      params: { path: { id } },
    });
  const sendTest = (credential: string, id: string) =>
    t.api.POST('/api/v1/settings/webhooks/endpoints/{id}/test', {
      headers: bearer(credential),
      params: { path: { id } },
    });
  const deliveries = (credential: string, id: string) =>
    t.api.GET('/api/v1/settings/webhooks/endpoints/{id}/deliveries', {
      headers: bearer(credential),
      params: { path: { id } },
    });

  async function endpoint(token: string, path: string, events: EventType[]): Promise<string> {
    const res = await create(token, { url: hooks.url(path), events });
    expect(res.response.status).toBe(201);
    return res.data!.id;
  }

  describe('endpoints', () => {
    it('are created, listed, read, changed and deleted by admins, every change audited', async () => {
      const owner = await tenant();
      const path = `/crud-${randomUUID()}`;
      const created = await create(owner.token, {
        url: hooks.url(path),
        events: ['upload.completed', 'usage.threshold'],
      });
      expect(created.response.status).toBe(201);
      expect(created.data).toEqual({
        id: expect.any(String),
        url: hooks.url(path),
        events: ['upload.completed', 'usage.threshold'],
        enabled: true,
        disabled_reason: null,
        disabled_at: null,
        failing_since: null,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const id = created.data!.id;
      const listed = await list(owner.token);
      expect(listed.response.status).toBe(200);
      expect(listed.data!.endpoints).toEqual([created.data]);

      const patched = await update(owner.token, id, { events: ['upload.failed'], enabled: false });
      expect(patched.response.status).toBe(200);
      expect(patched.data).toMatchObject({
        events: ['upload.failed'],
        enabled: false,
        disabled_reason: null,
      });
      expect(patched.data!.disabled_at).not.toBeNull();
      const got = await get(owner.token, id);
      expect(got.data).toEqual(patched.data);

      expect((await remove(owner.token, id)).response.status).toBe(204);
      expect((await get(owner.token, id)).response.status).toBe(404);
      expect((await remove(owner.token, id)).response.status).toBe(404);

      const created_ = await auditEvents(t, owner.tenantId, 'webhook_endpoint.created');
      const updated = await auditEvents(t, owner.tenantId, 'webhook_endpoint.updated');
      const deleted = await auditEvents(t, owner.tenantId, 'webhook_endpoint.deleted');
      expect(created_).toHaveLength(1);
      expect(created_[0]).toMatchObject({ actor_type: 'user', actor_id: owner.userId, target_id: id });
      expect(updated).toHaveLength(1);
      expect(updated[0].metadata.changes).toEqual({
        events: { from: ['upload.completed', 'usage.threshold'], to: ['upload.failed'] },
        enabled: { from: true, to: false },
      });
      expect(deleted).toHaveLength(1);
    });

    it('refuse bad input with 422 naming the field, and change nothing', async () => {
      const owner = await tenant();
      const bad: [unknown, string][] = [
        [{ url: 'ftp://example.com/x', events: ['upload.completed'] }, 'url'],
        [{ url: 'not a url', events: ['upload.completed'] }, 'url'],
        [{ url: hooks.url('/x'), events: [] }, 'events'],
        [{ url: hooks.url('/x'), events: ['upload.exploded'] }, 'events'],
        [{ url: hooks.url('/x'), events: ['upload.failed', 'upload.failed'] }, 'events'],
        [{ url: hooks.url('/x'), events: ['upload.failed'], secret: 'x' }, 'secret'],
        [{ events: ['upload.failed'] }, 'url'],
      ];
      // Raw: every body here is outside the contract.
      for (const [body, field] of bad) {
        const res = await call(t.baseUrl, 'POST', '/settings/webhooks/endpoints', {
          token: owner.token,
          body,
        });
        expect(res.status).toBe(422);
        expect(res.body.error).toBe('validation_error');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await list(owner.token)).data!.endpoints).toEqual([]);
    });

    it('belong to admins: other roles and scopes get 403, API keys may not PATCH, another tenant gets 404', async () => {
      const owner = await tenant();
      const id = await endpoint(owner.token, `/acl-${randomUUID()}`, ['upload.completed']);
      for (const role of ['developer', 'viewer'] as const) {
        const person = await member(t, owner.tenantId, role);
        const res = await list(person.token);
        expect(res.response.status).toBe(403);
      }
      const admin = await member(t, owner.tenantId, 'admin');
      expect((await list(admin.token)).response.status).toBe(200);

      const adminKey = await mintKey(t, owner.tenantId, { scopes: ['admin'] });
      const narrowKey = await mintKey(t, owner.tenantId, { scopes: ['keys:write', 'usage:read'] });
      expect((await list(adminKey.key)).response.status).toBe(200);
      const denied = await list(narrowKey.key);
      expect(denied.response.status).toBe(403);
      expect(denied.error).toMatchObject({ error: 'insufficient_scope', required_scopes: ['admin'] });
      const patchByKey = await update(adminKey.key, id, { enabled: false });
      expect(patchByKey.response.status).toBe(403);
      expect(patchByKey.error!.error).toBe('forbidden');

      const stranger = await tenant();
      const probes: [string, string, () => Promise<{ response: Response }>][] = [
        ['GET', `/settings/webhooks/endpoints/${id}`, () => get(stranger.token, id)],
        ['PATCH', `/settings/webhooks/endpoints/${id}`, () => update(stranger.token, id, { enabled: false })],
        ['DELETE', `/settings/webhooks/endpoints/${id}`, () => remove(stranger.token, id)],
        ['POST', `/settings/webhooks/endpoints/${id}/test`, () => sendTest(stranger.token, id)],
        ['GET', `/settings/webhooks/endpoints/${id}/deliveries`, () => deliveries(stranger.token, id)],
      ];
      for (const [method, path, send] of probes) {
        const res = await send();
        expect([method, path, res.response.status]).toEqual([method, path, 404]);
      }
      const still = await get(owner.token, id);
      expect(still.data!.enabled).toBe(true);
    });
  });

  it('sends a signed test event and logs the delivery', async () => {
    const owner = await tenant();
    const path = `/test-${randomUUID()}`;
    const id = await endpoint(owner.token, path, ['upload.completed']);
    const res = await sendTest(owner.token, id);
    expect(res.response.status).toBe(202);
    expect(res.data).toMatchObject({ event_type: 'webhook.test', status: 'pending', attempts: 0 });
    await until(() => hooks.at(path).length === 1);
    const event = verified(owner.secret, hooks.at(path)[0]);
    expect(event).toEqual({
      type: 'webhook.test',
      timestamp: expect.any(String),
      data: { endpoint_id: id, message: 'A test event from Cistern.' },
    });
    expect(hooks.at(path)[0].headers['webhook-id']).toBe(res.data!.id);
    // A signature under another secret is refused by the outside verifier.
    expect(() =>
      verified(`whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`, hooks.at(path)[0]),
    ).toThrow();
    await until(async () => (await deliveries(owner.token, id)).data!.deliveries[0]?.status === 'delivered');
    const log = await deliveries(owner.token, id);
    expect(log.data).toEqual({
      deliveries: [
        {
          id: res.data!.id,
          event_type: 'webhook.test',
          status: 'delivered',
          attempts: 1,
          last_status_code: 204,
          last_error: null,
          created_at: expect.any(String),
          last_attempt_at: expect.any(String),
          finished_at: expect.any(String),
        },
      ],
      total: 1,
    });
    // The body is gone once delivered.
    const [row] = (await t.dataSource.query(
      `SELECT sealed_body FROM webhook_event_deliveries WHERE id = $1`,
      [res.data!.id],
    )) as { sealed_body: string | null }[];
    expect(row.sealed_body).toBeNull();
  });

  it('delivers upload.completed and upload.failed with counts and the first errors, only to subscribers', async () => {
    const owner = await tenant();
    await setPlan(t, owner.tenantId, 'pro');
    const key = await mintKey(t, owner.tenantId, { scopes: ['admin'] });
    const path = `/uploads-${randomUUID()}`;
    const other = `/others-${randomUUID()}`;
    await endpoint(owner.token, path, ['upload.completed', 'upload.failed']);
    await endpoint(owner.token, other, ['usage.threshold']);
    await putSchema(t, key.key, 'parts', 'item', [{ name: 'weight', type: 'number' }]);
    const ok = await uploadFile(t, key.key, 'parts', 'item', {
      filename: 'parts.csv',
      content: 'name,weight\nbolt,1.5\nnut,heavy\n,3\n',
    });
    expect(ok.status).toBe(202);
    await until(() => hooks.at(path).length === 1);
    const completed = verified(owner.secret, hooks.at(path)[0]);
    expect(completed.type).toBe('upload.completed');
    expect(completed.data).toMatchObject({
      upload_id: ok.body.upload_id,
      collection: 'parts',
      record_type: 'item',
      mode: 'append',
      status: 'completed',
      rows_total: 3,
      rows_failed: 2,
    });
    expect(completed.data.errors).toHaveLength(2);

    // A replace upload whose rows are all refused fails, and says why.
    const failed = await uploadFile(t, key.key, 'parts', 'item', {
      filename: 'parts.csv',
      content: 'name,weight\n,1\n',
      mode: 'replace',
    });
    expect(failed.status).toBe(202);
    await until(() => hooks.at(path).length === 2);
    const failure = verified(owner.secret, hooks.at(path)[1]);
    expect(failure.type).toBe('upload.failed');
    expect(failure.data).toMatchObject({
      upload_id: failed.body.upload_id,
      status: 'failed',
      mode: 'replace',
    });
    expect(failure.data.errors[0].message).toMatch(/^Processing failed/);
    await sleep(300);
    expect(hooks.at(other)).toHaveLength(0);
  });

  it('delivers api_key.expiring 7 days and 1 day before, once each, whichever instance looks (injected clock)', async () => {
    const owner = await tenant();
    const path = `/expiring-${randomUUID()}`;
    await endpoint(owner.token, path, ['api_key.expiring']);
    const now = Date.now();
    const expiresAt = new Date(now + 6 * 86_400_000);
    const key = await mintKey(t, owner.tenantId, { scopes: ['search'], expiresAt, name: 'expiring' });
    const later = await mintKey(t, owner.tenantId, {
      scopes: ['search'],
      expiresAt: new Date(now + 30 * 86_400_000),
    });

    {
      const a = t.app.get(KeyExpiryNotices);
      const b = (second ?? t).app.get(KeyExpiryNotices);
      await Promise.all([a.runOnce(new Date(now)), b.runOnce(new Date(now)), a.runOnce(new Date(now))]);
      await until(() => hooks.at(path).length >= 1);
      // 5 days on: inside the last day.
      const dayBefore = new Date(now + 5.2 * 86_400_000);
      await Promise.all([a.runOnce(dayBefore), b.runOnce(dayBefore)]);
      await until(() => hooks.at(path).length >= 2);
      await Promise.all([a.runOnce(dayBefore), b.runOnce(new Date(now))]);
      await sleep(500);
    }
    const events = hooks.at(path).map((d) => verified(owner.secret, d));
    expect(events.map((e) => [e.type, e.data.key_id, e.data.days_before])).toEqual([
      ['api_key.expiring', key.id, 7],
      ['api_key.expiring', key.id, 1],
    ]);
    expect(events[0].data).toEqual({
      key_id: key.id,
      name: 'expiring',
      key_prefix: key.key.slice(0, 12),
      project_id: key.projectId,
      environment_id: key.environmentId,
      expires_at: expiresAt.toISOString(),
      days_before: 7,
    });
    expect(events.some((e) => e.data.key_id === later.id)).toBe(false);
  });

  it('delivers api_key.rotated without the raw key; the rotation URL itself gets the key once', async () => {
    const owner = await tenant();
    const path = `/rotated-${randomUUID()}`;
    const own = `/own-${randomUUID()}`;
    await endpoint(owner.token, path, ['api_key.rotated']);
    await endpoint(owner.token, own, ['api_key.rotated']);
    const created = await t.api.POST('/api/v1/portal/keys', {
      headers: bearer(owner.token),
      body: {
        name: 'scheduled',
        scopes: ['search'],
        rotation_interval_days: 7,
        rotation_webhook_url: hooks.url(own),
      },
    });
    expect(created.response.status).toBe(201);
    await t.dataSource.query(
      `UPDATE api_keys SET next_rotation_at = now() - interval '1 second' WHERE id = $1`,
      [created.data!.id],
    );
    expect(await t.app.get(KeyRotationScheduler).runOnce()).toBeGreaterThanOrEqual(1);
    await until(() => hooks.at(path).length === 1 && hooks.at(own).length === 1);
    await sleep(300);
    const event = verified(owner.secret, hooks.at(path)[0]);
    expect(event.type).toBe('api_key.rotated');
    expect(event.data).toEqual({
      old_key_id: created.data!.id,
      new_key_id: expect.any(String),
      key_prefix: expect.any(String),
      grace_expires_at: expect.any(String),
    });
    const ownEvent = verified(owner.secret, hooks.at(own)[0]);
    expect(ownEvent.data.key).toMatch(/^sk_live_/);
    expect(ownEvent.data.new_key_id).toBe(event.data.new_key_id);
    expect(hooks.at(own)).toHaveLength(1);
  });

  it('disables an endpoint that answers 410 (audited) and sends it nothing more', async () => {
    const owner = await tenant();
    const path = `/gone-${randomUUID()}`;
    const id = await endpoint(owner.token, path, ['upload.completed']);
    await sendTest(owner.token, id);
    await until(async () => (await auditEvents(t, owner.tenantId, 'webhook_endpoint.disabled')).length === 1);
    const view = await get(owner.token, id);
    expect(view.data).toMatchObject({ enabled: false, disabled_reason: 'gone' });
    const [audit] = await auditEvents(t, owner.tenantId, 'webhook_endpoint.disabled');
    expect(audit).toMatchObject({ actor_type: 'system', target_id: id });
    expect(audit.metadata).toMatchObject({ reason: 'gone', status_code: 410 });
    const log = await deliveries(owner.token, id);
    expect(log.data!.deliveries[0]).toMatchObject({ status: 'failed', attempts: 1, last_status_code: 410 });
    expect(hooks.at(path)).toHaveLength(1);

    // Re-enabling clears the reason.
    const back = await update(owner.token, id, { enabled: true });
    expect(back.data).toMatchObject({ enabled: true, disabled_reason: null, disabled_at: null });
  });

  it('disables an endpoint after 3 days of consecutive failures (audited), not before', async () => {
    const owner = await tenant();
    const path = `/down-${randomUUID()}`;
    const id = await endpoint(owner.token, path, ['upload.completed']);
    // Failing for 2 days: the failed attempt is retried, the endpoint stays.
    await t.dataSource.query(
      `UPDATE webhook_endpoints SET failing_since = now() - interval '2 days' WHERE id = $1`,
      [id],
    );
    await sendTest(owner.token, id);
    await until(() => hooks.at(path).length >= 2);
    expect((await get(owner.token, id)).data!.enabled).toBe(true);
    // Failing for more than 3 days: the next failed attempt disables it.
    await t.dataSource.query(
      `UPDATE webhook_endpoints SET failing_since = now() - interval '3 days 1 minute' WHERE id = $1`,
      [id],
    );
    await until(async () => (await auditEvents(t, owner.tenantId, 'webhook_endpoint.disabled')).length === 1);
    const view = await get(owner.token, id);
    expect(view.data).toMatchObject({ enabled: false, disabled_reason: 'failing' });
    const log = await deliveries(owner.token, id);
    expect(log.data!.deliveries[0]).toMatchObject({ status: 'failed', last_status_code: 500 });
    const count = hooks.at(path).length;
    await sleep(500);
    expect(hooks.at(path)).toHaveLength(count);
  });

  it('resets the failure streak on a success', async () => {
    const owner = await tenant();
    const path = `/recovering-${randomUUID()}`;
    const id = await endpoint(owner.token, path, ['upload.completed']);
    await t.dataSource.query(
      `UPDATE webhook_endpoints SET failing_since = now() - interval '2 days' WHERE id = $1`,
      [id],
    );
    await sendTest(owner.token, id);
    await until(async () => (await get(owner.token, id)).data!.failing_since === null);
  });
});

// Two instances share one database only on PostgreSQL.
(onPostgres ? describe : describe.skip)('usage.threshold exactly once (rules §11)', () => {
  let a: TestApp;
  let b: TestApp;
  let hooks: Hooks;
  beforeAll(async () => {
    hooks = await receiver();
    a = await startApp({ env: ENV });
    b = await startApp({ env: ENV });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await hooks?.close();
  });

  it('sends 80 % and 100 % of included searches once each under concurrent searches on two instances', async () => {
    const owner = await signup(a);
    const secret = await signingSecret(a, owner.token);
    const key = await mintKey(a, owner.tenantId, { scopes: ['admin'] });
    const path = `/threshold-${randomUUID()}`;
    const created = await a.api.POST('/api/v1/settings/webhooks/endpoints', {
      headers: bearer(owner.token),
      body: { url: hooks.url(path), events: ['usage.threshold'] },
    });
    expect(created.response.status).toBe(201);
    await putSchema(a, key.key, 'docs', 'page', [{ name: 'x', type: 'string' }]);
    const period = new Date().toISOString().slice(0, 7);
    // The free plan includes 1,000 searches: start just below 80 %.
    await a.dataSource.query(
      `INSERT INTO usage_search_counts (tenant_id, period, searches) VALUES ($1, $2, 795)`,
      [owner.tenantId, period],
    );
    const burst = (n: number) =>
      Promise.all(
        Array.from({ length: n }, async (_, i) => {
          const { response } = await (i % 2 ? a : b).api.POST('/api/v1/search/{collection}', {
            headers: bearer(key.key),
            params: { path: { collection: 'docs' } },
            body: { query: 'anything' },
          });
          return response;
        }),
      );
    const first = await burst(12);
    expect(first.every((r) => r.status === 200)).toBe(true);
    await until(() => hooks.at(path).length >= 1);
    await a.dataSource.query(
      `UPDATE usage_search_counts SET searches = 994 WHERE tenant_id = $1 AND period = $2`,
      [owner.tenantId, period],
    );
    const second = await burst(12);
    expect(second.filter((r) => r.status === 200)).toHaveLength(6);
    expect(second.filter((r) => r.status === 429)).toHaveLength(6);
    await until(() => hooks.at(path).length >= 2);
    await burst(4);
    await sleep(800);
    const events = hooks.at(path).map((d) => verified(secret, d));
    expect(events.map((e) => [e.type, e.data.metric, e.data.threshold_percent])).toEqual([
      ['usage.threshold', 'searches', 80],
      ['usage.threshold', 'searches', 100],
    ]);
    expect(events[0].data).toMatchObject({ included: 1000, period });
    expect(events[0].data.used).toBeGreaterThanOrEqual(800);
    expect(events[1].data.used).toBe(1000);
  });

  it('sends 80 % of included records once, from the upload that crossed it', async () => {
    const owner = await signup(a);
    const secret = await signingSecret(a, owner.token);
    const key = await mintKey(a, owner.tenantId, { scopes: ['admin'] });
    const path = `/records-${randomUUID()}`;
    await a.api.POST('/api/v1/settings/webhooks/endpoints', {
      headers: bearer(owner.token),
      body: { url: hooks.url(path), events: ['usage.threshold'] },
    });
    await putSchema(a, key.key, 'stock', 'item', [{ name: 'x', type: 'string' }]);
    const csv = (from: number, n: number) =>
      'name\n' + Array.from({ length: n }, (_, i) => `item ${from + i}`).join('\n') + '\n';
    const uploads = await Promise.all([
      uploadFile(a, key.key, 'stock', 'item', { filename: 'a.csv', content: csv(0, 450) }),
      uploadFile(b, key.key, 'stock', 'item', { filename: 'b.csv', content: csv(450, 450) }),
    ]);
    expect(uploads.map((u) => u.status)).toEqual([202, 202]);
    await until(() => hooks.at(path).length >= 1, 30_000);
    await sleep(800);
    const events = hooks.at(path).map((d) => verified(secret, d));
    expect(events.map((e) => [e.data.metric, e.data.threshold_percent])).toEqual([['records', 80]]);
    expect(events[0].data).toMatchObject({ included: 1000 });
    expect(events[0].data.used).toBeGreaterThanOrEqual(800);
  });
});
