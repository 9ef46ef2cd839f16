import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { signup, tenantWithKey } from '../support/factories.js';
import type { operations } from '../generated/api.js';
import { bearer, call, outcome } from '../support/http.js';

describe('audit trail (rules §6)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const audit = (credential: string, query: operations['listAuditEvents']['parameters']['query'] = {}) =>
    t.api.GET('/api/v1/audit', { headers: bearer(credential), params: { query } });

  async function seed(tenantId: string, n: number, action = 'auth.login'): Promise<void> {
    for (let i = 0; i < n; i++) {
      await t.dataSource.query(
        `INSERT INTO audit_events (tenant_id, action, actor_type, actor_id, target_type, target_id, metadata)
         VALUES ($1, $2, 'system', NULL, 'thing', $3, $4::jsonb)`,
        [tenantId, action, `thing-${i}`, JSON.stringify({ i })],
      );
    }
  }

  it('pages newest first with a cursor until next_cursor is null', async () => {
    const account = await signup(t);
    await seed(account.tenantId, 45);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await audit(account.token, {
        action: 'auth.login',
        limit: 20,
        ...(cursor ? { cursor } : {}),
      });
      expect(res.response.status).toBe(200);
      seen.push(...res.data!.events.map((e) => (e.metadata as { i: number }).i));
      cursor = res.data!.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => 44 - i));
  });

  it('filters by action, actor, target and time', async () => {
    const account = await signup(t);
    await seed(account.tenantId, 3, 'project.created');
    const byAction = await audit(account.token, { action: 'project.created' });
    expect(byAction.data!.events).toHaveLength(3);
    const byTarget = await audit(account.token, { target_id: 'thing-1' });
    expect(byTarget.data!.events.map((e) => e.target)).toEqual([{ type: 'thing', id: 'thing-1' }]);
    const byActor = await audit(account.token, { actor_id: account.userId });
    expect(byActor.data!.events.map((e) => e.action)).toEqual(['auth.signup']);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await audit(account.token, { since: future })).data!.events).toEqual([]);
    expect((await audit(account.token, { until: future })).data!.events.length).toBe(4);
  });

  it('answers 422 for bad filters and cursors', async () => {
    const account = await signup(t);
    // Raw: every query here is outside the contract.
    for (const query of [
      'action=nope',
      'limit=0',
      'limit=101',
      'since=yesterday',
      'cursor=abc',
      // Past the largest bigint: was a 500.
      'cursor=9223372036854775808',
      'cursor=9999999999999999999',
      'extra=1',
    ]) {
      const res = await call(t.baseUrl, 'GET', `/audit?${query}`, { token: account.token });
      expect(res.status).toBe(422);
      expect(res.body.error).toBe('validation_error');
    }
  });

  it('shows a tenant only its own events', async () => {
    const a = await signup(t);
    const b = await signup(t);
    const res = await audit(b.token);
    expect(res.data!.events.every((e) => e.actor.id !== a.userId)).toBe(true);
  });

  it('takes an API key with audit:read, and refuses developers and viewers', async () => {
    const account = await tenantWithKey(t, ['audit:read']);
    expect((await audit(account.apiKey.key)).response.status).toBe(200);
    await t.dataSource.query(`UPDATE memberships SET role = 'developer' WHERE tenant_id = $1`, [
      account.tenantId,
    ]);
    expect(outcome(await audit(account.token))).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
  });

  it('is append-only in the database itself: UPDATE, DELETE and TRUNCATE fail', async () => {
    const account = await signup(t);
    await expect(
      t.dataSource.query(`UPDATE audit_events SET action = 'auth.login' WHERE tenant_id = $1`, [
        account.tenantId,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.dataSource.query(`DELETE FROM audit_events WHERE tenant_id = $1`, [account.tenantId]),
    ).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1`,
      [account.tenantId],
    );
    expect(n).toBe(1);
  });
});
