import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { JobQueue } from '../../src/jobs/job-queue.service.js';
import { startApp, type TestApp } from '../support/app.js';
import { call, mintKey, publishChange, signup, tenantWithKey } from '../support/factories.js';
import { bearer } from '../support/http.js';
import { uploadFile } from '../collections/helpers.js';
import { until } from '../support/until.js';

const TOKEN = 'metrics-token-0123456789abcdef';

async function scrape(t: TestApp, authorization?: string): Promise<Response> {
  return fetch(`${t.baseUrl}/metrics`, { headers: authorization ? { authorization } : {} });
}

/**
 * The scrape, read by an outside parser (it throws on any malformed line). The parser folds the samples
 * of a labelled histogram into one and drops their labels, so it reads the text a second time with
 * histograms declared untyped: every `_bucket`, `_sum` and `_count` line is then its own sample with all
 * its labels (what hygiene checks and per-route counts need).
 */
async function families(t: TestApp): Promise<Map<string, PrometheusFamily>> {
  const res = await scrape(t, `Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  const text = await res.text();
  const typed = parsePrometheusTextFormat(text);
  const flat = parsePrometheusTextFormat(text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped'));
  const byName = new Map<string, PrometheusFamily>();
  for (const f of flat) {
    const known = byName.get(f.name);
    if (known) known.metrics.push(...f.metrics);
    else byName.set(f.name, { ...f, type: typed.find((x) => x.name === f.name)?.type ?? f.type });
  }
  return byName;
}

/** The value of one counter/gauge sample with exactly these labels (0 when absent). */
function valueOf(f: PrometheusFamily | undefined, labels: Record<string, string>): number {
  const sample = f?.metrics.find((m) => Object.entries(labels).every(([k, v]) => (m.labels ?? {})[k] === v));
  return sample?.value === undefined ? 0 : Number(sample.value);
}

describe('GET /metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ env: { METRICS_TOKEN: undefined } });
  });
  afterAll(() => t.close());

  it('does not exist: the JSON 404 of unknown routes, with or without a token', async () => {
    for (const auth of [undefined, `Bearer ${TOKEN}`]) {
      const res = await scrape(t, auth);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'not_found' });
    }
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  let tenantId: string;
  let key: string;
  let keyId: string;
  const collection = `hyg${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startApp({ env: { METRICS_TOKEN: TOKEN, WEBHOOK_ALLOW_PRIVATE: 'true' } });
    const account = await tenantWithKey(t, ['admin']);
    tenantId = account.tenantId;
    key = account.apiKey.key;
    keyId = account.apiKey.id;
  });
  afterAll(() => t.close());

  it('refuses a missing or wrong token with 401 in the error shape, and answers Prometheus text to the right one', async () => {
    for (const auth of [undefined, 'Bearer wrong-token', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const res = await scrape(t, auth);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ detail: expect.any(String), error: 'unauthenticated' });
    }
    const ok = await scrape(t, `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    // The scheme in any case (RFC 7235), as on the API.
    expect((await scrape(t, `bearer ${TOKEN}`)).status).toBe(200);
  });

  it('is not in the OpenAPI document of the tenant API', async () => {
    const res = await fetch(`${t.baseUrl}/api/docs-json`);
    expect(res.status).toBe(200);
    const paths = Object.keys(((await res.json()) as { paths: Record<string, unknown> }).paths);
    expect(paths.some((p) => p.includes('metrics'))).toBe(false);
  });

  it('counts requests, auth outcomes, caches, rate limits, searches, uploads, jobs and the pool; labels carry no ids', async () => {
    // Traffic of every kind the metrics describe.
    const before = await families(t);
    const whoamiStatus = async (credential?: string) =>
      (await t.api.GET('/api/v1/auth/whoami', { headers: credential ? bearer(credential) : {} })).response
        .status;
    const accountStatus = async (token: string) =>
      (await t.api.GET('/api/v1/portal/account', { headers: bearer(token) })).response.status;
    expect(await whoamiStatus(key)).toBe(200);
    expect(await whoamiStatus(key)).toBe(200);
    expect(await whoamiStatus('sk_live_garbage')).toBe(401);
    expect(await whoamiStatus()).toBe(401);

    const revoked = await mintKey(t, tenantId, { scopes: ['search'] });
    await t.dataSource.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [revoked.id]);
    await publishChange(t, { kind: 'key', keyId: revoked.id });
    expect(await whoamiStatus(revoked.key)).toBe(401);

    const expired = await mintKey(t, tenantId, {
      scopes: ['search'],
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await whoamiStatus(expired.key)).toBe(401);

    const limited = await mintKey(t, tenantId, { scopes: ['search'], rateLimitRpm: 1 });
    expect(await whoamiStatus(limited.key)).toBe(200);
    expect(await whoamiStatus(limited.key)).toBe(429);

    const person = await signup(t);
    expect(await accountStatus(person.token)).toBe(200);
    expect(await accountStatus('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(401);

    const schema = await t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      headers: bearer(key),
      params: { path: { collection, record_type: 'item' } },
      body: { fields: [{ name: 'sku', type: 'string', searchable: true }] },
    });
    expect(schema.response.status).toBe(200);
    const upload = await uploadFile(t, key, collection, 'item', {
      filename: 'items.csv',
      content: 'name,sku\nsteel bearing,A1\nbrass bearing,A2\n,missing-name\n',
    });
    expect(upload.status).toBe(202);
    await until(async () => {
      const u = await t.api.GET('/api/v1/uploads/{id}', {
        headers: bearer(key),
        params: { path: { id: upload.body.upload_id } },
      });
      return u.data!.status === 'completed';
    });
    // The same search until the cache answers it (a background change to the collection, e.g. index
    // upkeep after the upload, makes a cached answer stale once): n - 1 misses, then one hit.
    let searches = 0;
    for (;;) {
      const search = await t.api.POST('/api/v1/search/{collection}', {
        headers: bearer(key),
        params: { path: { collection } },
        body: { query: 'bearing' },
      });
      expect(search.response.status).toBe(200);
      searches++;
      const hits = valueOf((await families(t)).get('cistern_search_cache_lookups_total'), { result: 'hit' });
      if (
        hits > valueOf(before.get('cistern_search_cache_lookups_total'), { result: 'hit' }) ||
        searches === 5
      )
        break;
    }
    expect((await t.api.POST('/api/v1/open/search', { body: { query: 'bearing' } })).response.status).toBe(
      200,
    );
    const missing = await t.api.GET('/api/v1/entities/{collection}/{id}', {
      headers: bearer(key),
      params: { path: { collection, id: randomUUID() } },
    });
    expect(missing.response.status).toBe(404);
    // Raw: a route that is not in the contract.
    expect((await call(t.baseUrl, 'GET', `/no/such/${randomUUID()}`)).status).toBe(404);

    const after = await families(t);
    const delta = (name: string, labels: Record<string, string>) =>
      valueOf(after.get(name), labels) - valueOf(before.get(name), labels);

    expect(after.get('cistern_http_request_duration_seconds')?.type).toBe('HISTOGRAM');
    const http = after.get('cistern_http_request_duration_seconds_count')!;
    const whoami = { method: 'GET', route: '/api/v1/auth/whoami', status: '200' };
    expect(delta('cistern_http_request_duration_seconds_count', whoami)).toBeGreaterThanOrEqual(3);
    const buckets = after
      .get('cistern_http_request_duration_seconds_bucket')!
      .metrics.filter((m) => m.labels?.route === whoami.route && m.labels.status === '200');
    expect(buckets.map((m) => m.labels!.le)).toContain('+Inf');
    expect(buckets.length).toBeGreaterThan(5);
    expect(http.metrics.some((m) => m.labels?.route === '/api/v1/entities/:collection/:id')).toBe(true);
    expect(http.metrics.some((m) => m.labels?.route === 'unmatched' && m.labels.status === '404')).toBe(true);

    expect(
      delta('cistern_auth_attempts_total', { credential: 'api_key', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(3);
    expect(delta('cistern_auth_attempts_total', { credential: 'api_key', outcome: 'invalid' })).toBe(1);
    expect(delta('cistern_auth_attempts_total', { credential: 'api_key', outcome: 'revoked' })).toBe(1);
    expect(delta('cistern_auth_attempts_total', { credential: 'api_key', outcome: 'expired' })).toBe(1);
    expect(delta('cistern_auth_attempts_total', { credential: 'none', outcome: 'missing' })).toBe(1);
    expect(delta('cistern_auth_attempts_total', { credential: 'jwt', outcome: 'ok' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(delta('cistern_auth_attempts_total', { credential: 'jwt', outcome: 'invalid' })).toBe(1);
    expect(delta('cistern_key_cache_lookups_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(delta('cistern_key_cache_lookups_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
    expect(delta('cistern_search_cache_lookups_total', { result: 'miss' })).toBe(searches - 1);
    expect(delta('cistern_search_cache_lookups_total', { result: 'hit' })).toBe(1);
    expect(delta('cistern_rate_limit_rejections_total', { limit: 'requests' })).toBe(1);
    expect(delta('cistern_upload_rows_total', { result: 'indexed' })).toBe(2);
    expect(delta('cistern_upload_rows_total', { result: 'failed' })).toBe(1);
    expect(delta('cistern_uploads_finished_total', { status: 'completed' })).toBe(1);
    for (const path of ['cache', 'database', 'open'])
      expect(delta('cistern_search_duration_seconds_count', { path })).toBe(
        path === 'database' ? searches - 1 : 1,
      );

    for (const name of [
      'cistern_job_queue_depth',
      'cistern_job_queue_oldest_pending_age_seconds',
      'cistern_job_failures_total',
      'cistern_webhook_deliveries_total',
      'cistern_db_pool_connections',
      'cistern_db_pool_waiting',
      'cistern_process_cpu_user_seconds_total',
      'cistern_process_resident_memory_bytes',
      'cistern_nodejs_eventloop_lag_seconds',
    ]) {
      expect(after.has(name)).toBe(true);
    }
    expect(valueOf(after.get('cistern_db_pool_connections'), { state: 'idle' })).toBeGreaterThanOrEqual(0);

    // Label hygiene: no label value of any sample is an id, a key, or a raw path of this tenant.
    const forbidden = [
      tenantId,
      keyId,
      revoked.id,
      expired.id,
      limited.id,
      key,
      key.slice(0, 12),
      collection,
    ];
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    for (const family of after.values()) {
      for (const sample of family.metrics) {
        for (const value of Object.values(sample.labels ?? {})) {
          expect(uuid.test(value) ? `${family.name}: ${value}` : '').toBe('');
          for (const f of forbidden) expect(value.includes(f) ? `${family.name}: ${value}` : '').toBe('');
        }
      }
    }
    const routes = new Set(http.metrics.map((m) => m.labels!.route));
    for (const route of routes) expect(route === 'unmatched' || route.startsWith('/')).toBe(true);
  });

  it('shows queue depth and job failures from the jobs table', async () => {
    // A queue this process works is shown by name: one job held running, one waiting for later.
    const queue = `metrics-${randomUUID().slice(0, 8)}`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    t.app.get(JobQueue).work(queue, () => held);
    await t.app.get(JobQueue).enqueue(queue, {});
    await t.app.get(JobQueue).enqueue(queue, {}, { runAt: new Date(Date.now() + 3_600_000) });
    // Any other queue (rows this process does not work) is summed under `other`, never named.
    const stranger = `stranger-${randomUUID()}`;
    await t.dataSource.query(
      `INSERT INTO jobs (queue, payload, status, run_at) VALUES ($1, '{}', 'pending', now() - interval '10 minutes'), ($1, '{}', 'pending', now() + interval '1 hour')`,
      [stranger],
    );
    try {
      await until(async () => {
        const [row] = (await t.dataSource.query(
          `SELECT count(*)::int AS n FROM jobs WHERE queue = $1 AND status = 'running'`,
          [queue],
        )) as { n: number }[];
        return row.n === 1;
      });
      const after = await families(t);
      expect(valueOf(after.get('cistern_job_queue_depth'), { queue })).toBe(2);
      expect(valueOf(after.get('cistern_job_queue_running'), { queue })).toBe(1);
      expect(valueOf(after.get('cistern_job_queue_oldest_pending_age_seconds'), { queue })).toBe(0);
      expect(valueOf(after.get('cistern_job_queue_depth'), { queue: 'other' })).toBeGreaterThanOrEqual(2);
      // Other suites may have left older rows in the shared database: at least 10 minutes.
      expect(
        valueOf(after.get('cistern_job_queue_oldest_pending_age_seconds'), { queue: 'other' }),
      ).toBeGreaterThanOrEqual(595);
      expect(after.get('cistern_job_queue_depth')!.metrics.some((m) => m.labels?.queue === stranger)).toBe(
        false,
      );
    } finally {
      release();
      await t.dataSource.query(`DELETE FROM jobs WHERE queue = ANY($1)`, [[queue, stranger]]);
    }

    const failing = `metrics-fail-${randomUUID().slice(0, 8)}`;
    t.app.get(JobQueue).work(
      failing,
      async () => {
        throw new Error('boom');
      },
      { backoffBaseSeconds: 0.01 },
    );
    const id = await t.app.get(JobQueue).enqueue(failing, {}, { maxAttempts: 2 });
    await until(async () => {
      const [row] = (await t.dataSource.query(`SELECT status FROM jobs WHERE id = $1`, [id])) as {
        status: string;
      }[];
      return row.status === 'failed';
    });
    const after = await families(t);
    expect(valueOf(after.get('cistern_job_failures_total'), { queue: failing, final: 'false' })).toBe(1);
    expect(valueOf(after.get('cistern_job_failures_total'), { queue: failing, final: 'true' })).toBe(1);
  });
});
