import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RetentionService } from '../../src/jobs/retention.service.js';
import { startApp, type TestApp } from '../support/app.js';
import { signup, tenantWithKey, uniqueEmail } from '../support/factories.js';
import { bearer } from '../support/http.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * Retention sweeps (issue 19). Rows are written with timestamps relative to one instant T and the
 * sweep is given T (or an earlier instant) as its clock: nothing waits, and rows of other suites
 * (all younger than any window) are never touched.
 */
describe('retention sweeps', () => {
  let t: TestApp;
  let retention: RetentionService;
  let T: Date;
  const ago = (ms: number) => new Date(T.getTime() - ms);
  const exists = async (sql: string, params: unknown[]) =>
    ((await t.dataSource.query(sql, params)) as unknown[]).length === 1;

  beforeAll(async () => {
    t = await startApp();
    retention = t.app.get(RetentionService);
    T = new Date();
  });
  afterAll(() => t.close());

  async function job(status: string, finishedAt: Date | null, app: TestApp = t): Promise<string> {
    const [row] = (await app.dataSource.query(
      `INSERT INTO jobs (queue, payload, status, finished_at, run_at) VALUES ($1, '{}', $2, $3, $4) RETURNING id`,
      [`retention-test-${randomUUID()}`, status, finishedAt, finishedAt ?? T],
    )) as { id: string }[];
    return row.id;
  }
  const jobExists = async (id: string, app: TestApp = t) =>
    ((await app.dataSource.query(`SELECT 1 FROM jobs WHERE id = $1`, [id])) as unknown[]).length === 1;

  it('deletes completed jobs after JOB_RETENTION_DAYS (7) and failed ones after 30, never pending or running ones', async () => {
    const completedOld = await job('completed', ago(7 * DAY + MINUTE));
    const completedYoung = await job('completed', ago(7 * DAY - MINUTE));
    const failedYoung = await job('failed', ago(29 * DAY));
    const failedOld = await job('failed', ago(30 * DAY + MINUTE));
    const pendingOld = await job('pending', null);
    await t.dataSource.query(`UPDATE jobs SET created_at = $2, run_at = $2 WHERE id = $1`, [
      pendingOld,
      ago(100 * DAY),
    ]);

    // The sweep's clock, not the database's: one day earlier, the 7-day-old job is only 6 days old.
    const early = await retention.sweep(ago(DAY));
    expect(await jobExists(completedOld)).toBe(true);
    expect(early['jobs.completed']).toBeGreaterThanOrEqual(0);

    const report = await retention.sweep(T);
    expect(report['jobs.completed']).toBeGreaterThanOrEqual(1);
    expect(report['jobs.failed']).toBeGreaterThanOrEqual(1);
    expect(await jobExists(completedOld)).toBe(false);
    expect(await jobExists(completedYoung)).toBe(true);
    expect(await jobExists(failedYoung)).toBe(true);
    expect(await jobExists(failedOld)).toBe(false);
    expect(await jobExists(pendingOld)).toBe(true);
    await t.dataSource.query(`DELETE FROM jobs WHERE id = ANY($1)`, [
      [pendingOld, completedYoung, failedYoung],
    ]);
  });

  it('honours JOB_RETENTION_DAYS from the configuration', async () => {
    const other = await startApp({ env: { JOB_RETENTION_DAYS: '2', JOB_FAILED_RETENTION_DAYS: '3' } });
    try {
      // Written through the other app: on PGlite each app has its own database.
      const completed = await job('completed', ago(2 * DAY + MINUTE), other);
      const failedKept = await job('failed', ago(2 * DAY + MINUTE), other);
      const failedGone = await job('failed', ago(3 * DAY + MINUTE), other);
      await other.app.get(RetentionService).sweep(T);
      expect(await jobExists(completed, other)).toBe(false);
      expect(await jobExists(failedKept, other)).toBe(true);
      expect(await jobExists(failedGone, other)).toBe(false);
      await other.dataSource.query(`DELETE FROM jobs WHERE id = $1`, [failedKept]);
    } finally {
      await other.close();
    }
  });

  it('deletes failed logins after a day (the throttle reads 15 minutes)', async () => {
    const email = uniqueEmail('retention');
    await t.dataSource.query(
      `INSERT INTO login_failures (email, ip, occurred_at) VALUES ($1, '10.0.0.1', $2), ($1, '10.0.0.2', $3)`,
      [email, ago(DAY + MINUTE), ago(DAY - MINUTE)],
    );
    await retention.sweep(T);
    const left = (await t.dataSource.query(`SELECT ip FROM login_failures WHERE email = $1`, [email])) as {
      ip: string;
    }[];
    expect(left.map((r) => r.ip)).toEqual(['10.0.0.2']);
  });

  it('deletes invitations 30 days after they ended (accepted, revoked or expired), never a pending one', async () => {
    const owner = await signup(t);
    const insert = async (status: string, expiresAt: Date, endedAt: Date | null, column?: string) => {
      const [row] = (await t.dataSource.query(
        `INSERT INTO invitations (tenant_id, email, role, token_hash, status, invited_by_type, invited_by_id, expires_at${column ? `, ${column}` : ''})
         VALUES ($1, $2, 'viewer', $3, $4, 'user', $5, $6${column ? ', $7' : ''}) RETURNING id`,
        [
          owner.tenantId,
          uniqueEmail('inv'),
          randomUUID().replace(/-/g, '').padEnd(64, '0'),
          status,
          owner.userId,
          expiresAt,
          ...(column ? [endedAt] : []),
        ],
      )) as { id: string }[];
      return row.id;
    };
    const pending = await insert('pending', new Date(T.getTime() + 7 * DAY), null);
    const expiredOld = await insert('pending', ago(30 * DAY + MINUTE), null);
    const expiredYoung = await insert('pending', ago(29 * DAY), null);
    const acceptedOld = await insert('accepted', ago(40 * DAY), ago(31 * DAY), 'accepted_at');
    const revokedYoung = await insert('revoked', ago(20 * DAY), ago(10 * DAY), 'revoked_at');
    await retention.sweep(T);
    const left = (
      (await t.dataSource.query(`SELECT id FROM invitations WHERE tenant_id = $1`, [owner.tenantId])) as {
        id: string;
      }[]
    ).map((r) => r.id);
    expect(left.sort()).toEqual([pending, expiredYoung, revokedYoung].sort());
    expect(left).not.toContain(expiredOld);
    expect(left).not.toContain(acceptedOld);
  });

  it('deletes per-key daily usage older than the longest report (90 days) and keeps monthly billing counters', async () => {
    const account = await tenantWithKey(t);
    const day = (ms: number) => ago(ms).toISOString().slice(0, 10);
    await t.dataSource.query(
      `INSERT INTO api_key_daily_usage (key_id, day, tenant_id, requests) VALUES ($1, $2, $3, 5), ($1, $4, $3, 7)`,
      [account.apiKey.id, day(92 * DAY), account.tenantId, day(89 * DAY)],
    );
    await t.dataSource.query(
      `INSERT INTO usage_search_counts (tenant_id, period, searches) VALUES ($1, '2001-01', 3)`,
      [account.tenantId],
    );
    await retention.sweep(T);
    const days = (
      (await t.dataSource.query(`SELECT requests FROM api_key_daily_usage WHERE key_id = $1`, [
        account.apiKey.id,
      ])) as { requests: string }[]
    ).map((r) => Number(r.requests));
    expect(days).toEqual([7]);
    expect(
      await exists(`SELECT 1 FROM usage_search_counts WHERE tenant_id = $1 AND period = '2001-01'`, [
        account.tenantId,
      ]),
    ).toBe(true);
  });

  it('deletes finished rotation-webhook deliveries after 30 days, never a pending one', async () => {
    const account = await tenantWithKey(t);
    const insert = async (status: string, finishedAt: Date | null) => {
      const id = randomUUID();
      await t.dataSource.query(
        `INSERT INTO api_key_webhook_deliveries (id, tenant_id, old_key_id, new_key_id, url, status, finished_at, created_at)
         VALUES ($1, $2, $3, $3, 'https://example.test/hook', $4, $5, $6)`,
        [id, account.tenantId, account.apiKey.id, status, finishedAt, ago(60 * DAY)],
      );
      return id;
    };
    const delivered = await insert('delivered', ago(31 * DAY));
    const failedYoung = await insert('failed', ago(29 * DAY));
    const pending = await insert('pending', null);
    await retention.sweep(T);
    const left = (
      (await t.dataSource.query(`SELECT id FROM api_key_webhook_deliveries WHERE tenant_id = $1`, [
        account.tenantId,
      ])) as { id: string }[]
    ).map((r) => r.id);
    expect(left.sort()).toEqual([failedYoung, pending].sort());
    expect(left).not.toContain(delivered);
  });

  it('deletes finished uploads after UPLOAD_RETENTION_DAYS (90), never one in progress', async () => {
    const account = await tenantWithKey(t);
    const schema = await t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      headers: bearer(account.apiKey.key),
      params: { path: { collection: 'retained', record_type: 'item' } },
      body: { fields: [{ name: 'sku', type: 'string' }] },
    });
    expect(schema.response.status).toBe(200);
    const [collection] = (await t.dataSource.query(
      `SELECT id FROM collections WHERE tenant_id = $1 AND name = 'retained'`,
      [account.tenantId],
    )) as { id: string }[];
    const insert = async (status: string, finishedAt: Date | null) => {
      const [row] = (await t.dataSource.query(
        `INSERT INTO uploads (tenant_id, collection_id, record_type, mode, format, status, actor_type, finished_at, created_at)
         VALUES ($1, $2, 'item', 'append', 'json', $3, 'system', $4, $5) RETURNING id`,
        [account.tenantId, collection.id, status, finishedAt, ago(120 * DAY)],
      )) as { id: string }[];
      return row.id;
    };
    const completedOld = await insert('completed', ago(90 * DAY + MINUTE));
    const failedYoung = await insert('failed', ago(89 * DAY));
    const processing = await insert('processing', null);
    await retention.sweep(T);
    const left = (
      (await t.dataSource.query(`SELECT id FROM uploads WHERE tenant_id = $1`, [account.tenantId])) as {
        id: string;
      }[]
    ).map((r) => r.id);
    expect(left.sort()).toEqual([failedYoung, processing].sort());
    expect(left).not.toContain(completedOld);
  });

  it('shows queue depth and the oldest pending job age in /health details', async () => {
    const queue = `retention-health-${randomUUID()}`;
    const [row] = (await t.dataSource.query(
      `INSERT INTO jobs (queue, payload, status, run_at) VALUES ($1, '{}', 'pending', now() - interval '200 days') RETURNING id`,
      [queue],
    )) as { id: string }[];
    try {
      // /health results are shared for up to a second.
      await new Promise((r) => setTimeout(r, 1100));
      const health = await t.api.GET('/api/v1/health');
      expect(health.response.status).toBe(200);
      const queueDetails = health.data!.details.queue!;
      expect(queueDetails.depth).toBeGreaterThanOrEqual(1);
      // Older than anything other suites leave behind in the shared database: this job is the oldest.
      expect(queueDetails.oldest_pending_age_seconds).toBeGreaterThanOrEqual(200 * 86400 - 10);
      expect(queueDetails.oldest_pending_age_seconds).toBeLessThan(200 * 86400 + 120);
    } finally {
      await t.dataSource.query(`DELETE FROM jobs WHERE id = $1`, [row.id]);
    }
  });
});
