import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { member, mintKey, signup } from '../support/factories.js';
import type { components } from '../generated/api.js';
import { bearer, call, outcome } from '../support/http.js';
import { auditOf } from './helpers.js';

describe('team members (rules §6)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const members = (credential: string, query?: { limit?: number; offset?: number }) =>
    t.api.GET('/api/v1/team/members', { headers: bearer(credential), params: { query } });
  const patch = (credential: string, userId: string, body: components['schemas']['ChangeMemberRoleDto']) =>
    t.api.PATCH('/api/v1/team/members/{user_id}', {
      headers: bearer(credential),
      params: { path: { user_id: userId } },
      body,
    });
  /** Raw: for bodies outside the contract (unknown role, unknown fields). */
  const patchRaw = (token: string, userId: string, body: unknown) =>
    call(t.baseUrl, 'PATCH', `/team/members/${userId}`, { token, body });
  const remove = (credential: string, userId: string) =>
    t.api.DELETE('/api/v1/team/members/{user_id}', {
      headers: bearer(credential),
      params: { path: { user_id: userId } },
    });
  const block = (credential: string, userId: string, action: 'block' | 'unblock' = 'block') =>
    t.api.POST(
      action === 'block' ? '/api/v1/team/members/{user_id}/block' : '/api/v1/team/members/{user_id}/unblock',
      { headers: bearer(credential), params: { path: { user_id: userId } } },
    );
  const account = (credential: string) =>
    t.api.GET('/api/v1/portal/account', { headers: bearer(credential) });
  const audit = (credential: string) => t.api.GET('/api/v1/audit', { headers: bearer(credential) });
  const login = (body: components['schemas']['LoginDto']) =>
    t.api.POST('/api/v1/portal/auth/login', { body });

  it('lists members with email, display name, role, status and joined_at, in join order', async () => {
    const owner = await signup(t);
    const dev = await member(t, owner.tenantId, 'developer');
    const res = await members(owner.token);
    expect(res.response.status).toBe(200);
    expect(res.data).toEqual({
      members: [
        {
          user_id: owner.userId,
          email: owner.email,
          display_name: null,
          role: 'owner',
          status: 'active',
          joined_at: expect.any(String),
        },
        expect.objectContaining({
          user_id: dev.userId,
          email: dev.email,
          role: 'developer',
          status: 'active',
        }),
      ],
    });
    const page = await members(owner.token, { limit: 1, offset: 1 });
    expect(page.data!.members.map((m) => m.user_id)).toEqual([dev.userId]);
    // Another tenant sees only its own members.
    const other = await signup(t);
    expect((await members(other.token)).data!.members.map((m) => m.user_id)).toEqual([other.userId]);
  });

  it('changes roles (audited), effective on the member’s next request', async () => {
    const owner = await signup(t);
    const dev = await member(t, owner.tenantId, 'developer');
    expect((await audit(dev.token)).response.status).toBe(403);

    const res = await patch(owner.token, dev.userId, { role: 'admin' });
    expect(outcome(res)).toMatchObject({
      status: 200,
      body: { user_id: dev.userId, role: 'admin', status: 'active' },
    });
    // The same token now carries admin rights: the role is read from the membership, not the token.
    expect((await audit(dev.token)).response.status).toBe(200);
    expect((await account(dev.token)).data!.role).toBe('admin');

    const [event] = await auditOf(t, owner.token, 'member.role_changed', { target_id: dev.userId });
    expect(event).toMatchObject({
      actor: { type: 'user', id: owner.userId },
      target: { type: 'user', id: dev.userId },
      metadata: { from: 'developer', to: 'admin', email: dev.email },
    });
    // Same role again: 200, nothing recorded.
    expect((await patch(owner.token, dev.userId, { role: 'admin' })).response.status).toBe(200);
    expect(await auditOf(t, owner.token, 'member.role_changed', { target_id: dev.userId })).toHaveLength(1);

    expect(await patchRaw(owner.token, dev.userId, { role: 'root' })).toMatchObject({
      status: 422,
      body: { errors: [{ field: 'role' }] },
    });
    expect((await patchRaw(owner.token, dev.userId, { role: 'viewer', status: 'blocked' })).status).toBe(422);
  });

  it('lets only owners grant or remove owner; admins cannot act on owners', async () => {
    const owner = await signup(t);
    const admin = await member(t, owner.tenantId, 'admin');
    const viewer = await member(t, owner.tenantId, 'viewer');
    const coOwner = await member(t, owner.tenantId, 'owner');

    expect(outcome(await patch(admin.token, viewer.userId, { role: 'owner' }))).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    expect(outcome(await patch(admin.token, coOwner.userId, { role: 'viewer' }))).toMatchObject({
      status: 403,
    });
    expect(outcome(await remove(admin.token, coOwner.userId))).toMatchObject({ status: 403 });
    expect(outcome(await block(admin.token, coOwner.userId))).toMatchObject({ status: 403 });
    // Admins do manage everyone else.
    expect(outcome(await patch(admin.token, viewer.userId, { role: 'developer' }))).toMatchObject({
      status: 200,
      body: { role: 'developer' },
    });
    // Owners grant and remove owner.
    expect(outcome(await patch(owner.token, viewer.userId, { role: 'owner' }))).toMatchObject({
      status: 200,
      body: { role: 'owner' },
    });
    expect(outcome(await patch(coOwner.token, viewer.userId, { role: 'viewer' }))).toMatchObject({
      status: 200,
      body: { role: 'viewer' },
    });
    // An admin-scoped API key is an admin: same limits.
    const key = await mintKey(t, owner.tenantId, { scopes: ['admin'] });
    expect(outcome(await patch(key.key, viewer.userId, { role: 'owner' }))).toMatchObject({ status: 403 });
    expect(outcome(await patch(key.key, viewer.userId, { role: 'admin' }))).toMatchObject({
      status: 200,
      body: { role: 'admin' },
    });
    const [event] = await auditOf(t, owner.token, 'member.role_changed', { target_id: viewer.userId });
    expect(event.actor).toEqual({ type: 'api_key', id: key.id });
  });

  it('removes a member: their token fails at once (401), audited', async () => {
    const owner = await signup(t);
    const dev = await member(t, owner.tenantId, 'developer');
    expect((await account(dev.token)).response.status).toBe(200);
    expect((await remove(owner.token, dev.userId)).response.status).toBe(204);
    expect(outcome(await account(dev.token))).toMatchObject({
      status: 401,
      body: { error: 'invalid_token' },
    });
    expect((await members(owner.token)).data!.members.map((m) => m.user_id)).toEqual([owner.userId]);
    const [event] = await auditOf(t, owner.token, 'member.removed', { target_id: dev.userId });
    expect(event).toMatchObject({
      actor: { id: owner.userId },
      metadata: { role: 'developer', email: dev.email },
    });
    expect(outcome(await remove(owner.token, dev.userId))).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
    // Their own tenant is untouched.
    const signedIn = await login({ email: dev.email, password: dev.password });
    expect(signedIn.response.status).toBe(200);
    expect(signedIn.data!.tenant_id).not.toBe(owner.tenantId);
  });

  it('blocks and unblocks idempotently: the token fails at once and works again after unblock', async () => {
    const owner = await signup(t);
    const dev = await member(t, owner.tenantId, 'developer');

    const blocked = await block(owner.token, dev.userId);
    expect(outcome(blocked)).toMatchObject({
      status: 200,
      body: { user_id: dev.userId, status: 'blocked', role: 'developer' },
    });
    expect(outcome(await account(dev.token))).toMatchObject({
      status: 401,
      body: { error: 'invalid_token' },
    });
    expect(outcome(await members(dev.token))).toMatchObject({ status: 401 });
    // Blocked members cannot sign in to (or switch to) that tenant either.
    const refused = await login({ email: dev.email, password: dev.password, tenant_id: owner.tenantId });
    expect(refused.response.status).toBe(403);
    expect((await block(owner.token, dev.userId)).data!.status).toBe('blocked');
    expect((await members(owner.token)).data!.members).toContainEqual(
      expect.objectContaining({ user_id: dev.userId, status: 'blocked' }),
    );

    const unblocked = await block(owner.token, dev.userId, 'unblock');
    expect(outcome(unblocked)).toMatchObject({ status: 200, body: { status: 'active' } });
    expect(outcome(await account(dev.token))).toMatchObject({
      status: 200,
      body: { tenant_id: owner.tenantId },
    });
    expect((await block(owner.token, dev.userId, 'unblock')).response.status).toBe(200);

    // Audited once per change, not per call.
    expect(await auditOf(t, owner.token, 'member.blocked', { target_id: dev.userId })).toHaveLength(1);
    expect(await auditOf(t, owner.token, 'member.unblocked', { target_id: dev.userId })).toHaveLength(1);
  });

  it('refuses blocking yourself, and unknown or foreign members are 404', async () => {
    const owner = await signup(t);
    const admin = await member(t, owner.tenantId, 'admin');
    expect(outcome(await block(admin.token, admin.userId))).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
    expect(outcome(await block(owner.token, owner.userId))).toMatchObject({ status: 409 });

    const stranger = await signup(t);
    expect(outcome(await patch(owner.token, stranger.userId, { role: 'viewer' }))).toMatchObject({
      status: 404,
    });
    expect(outcome(await block(owner.token, stranger.userId))).toMatchObject({ status: 404 });
    expect(outcome(await remove(owner.token, stranger.userId))).toMatchObject({ status: 404 });
    // Raw: a user id that is not a UUID is outside the contract.
    expect(
      await call(t.baseUrl, 'POST', '/team/members/not-a-uuid/block', { token: owner.token }),
    ).toMatchObject({ status: 404 });
    expect((await account(stranger.token)).response.status).toBe(200);
  });

  it('never leaves the tenant without an active owner (409 last_owner)', async () => {
    const owner = await signup(t);
    expect(outcome(await patch(owner.token, owner.userId, { role: 'admin' }))).toMatchObject({
      status: 409,
      body: { error: 'last_owner' },
    });
    expect(outcome(await remove(owner.token, owner.userId))).toMatchObject({
      status: 409,
      body: { error: 'last_owner' },
    });

    // With a second owner, one may step down; then the other is the last one.
    const second = await member(t, owner.tenantId, 'owner');
    expect(outcome(await patch(owner.token, owner.userId, { role: 'admin' }))).toMatchObject({ status: 200 });
    expect(outcome(await remove(second.token, second.userId))).toMatchObject({
      status: 409,
      body: { error: 'last_owner' },
    });
    expect(outcome(await block(owner.token, second.userId))).toMatchObject({ status: 403 }); // now an admin
    expect((await members(second.token)).data!.members.filter((m) => m.role === 'owner')).toHaveLength(1);

    // A blocked owner does not count: blocking the only other active owner is refused too.
    const third = await member(t, second.tenantId, 'owner');
    expect(outcome(await block(second.token, third.userId))).toMatchObject({
      status: 200,
      body: { status: 'blocked' },
    });
    expect(outcome(await patch(second.token, second.userId, { role: 'viewer' }))).toMatchObject({
      status: 409,
      body: { error: 'last_owner' },
    });
    // Removing the blocked owner is fine: the active one stays.
    expect((await remove(second.token, third.userId)).response.status).toBe(204);
  });

  it('lets exactly one of two concurrent demotions of the last two owners succeed', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await signup(t);
      const b = await member(t, a.tenantId, 'owner');
      const answers = await Promise.all([
        patch(a.token, a.userId, { role: 'admin' }),
        patch(b.token, b.userId, { role: 'admin' }),
      ]);
      expect(answers.map((r) => r.response.status).sort()).toEqual([200, 409]);
      expect(answers.find((r) => r.response.status === 409)!.error!.error).toBe('last_owner');
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM memberships WHERE tenant_id = $1 AND role = 'owner' AND status = 'active'`,
        [a.tenantId],
      );
      expect(n).toBe(1);
    }
  });

  it('keeps exactly one active owner whatever order concurrent remove / block / demote run in', async () => {
    const a = await signup(t);
    const b = await member(t, a.tenantId, 'owner');
    const answers = (
      await Promise.all([
        remove(a.token, b.userId),
        block(b.token, a.userId),
        patch(a.token, a.userId, { role: 'developer' }),
      ])
    ).map(outcome);
    expect(answers.filter((r) => r.status === 200 || r.status === 204).length).toBeGreaterThanOrEqual(1);
    for (const refused of answers.filter((r) => r.status >= 400))
      expect([401, 403, 409]).toContain(refused.status);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM memberships WHERE tenant_id = $1 AND role = 'owner' AND status = 'active'`,
      [a.tenantId],
    );
    expect(n).toBe(1);
  });

  // Issue 20: role changes took the owners' rows and the target's row in different orders on different
  // paths (the target's place among the owners depends on its current role and on its id), and
  // PostgreSQL broke the cycles with "deadlock detected" (500). Both id orders of the two owners are raced.
  it('answers every concurrent role change of an owner-member and of unknown ids, without a deadlock', async () => {
    const nobody = () => crypto.randomUUID();
    for (let round = 0; round < 4; round++) {
      const a = await signup(t);
      const m = await member(t, a.tenantId, 'owner');
      const answers = await Promise.all([
        ...Array.from({ length: 8 }, (_, i) => patch(a.token, m.userId, { role: i % 2 ? 'owner' : 'admin' })),
        ...Array.from({ length: 8 }, (_, i) => patch(a.token, nobody(), { role: i % 2 ? 'owner' : 'admin' })),
      ]);
      const statuses = answers.map((r) => r.response.status);
      expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
      expect(statuses.slice(8)).toEqual(Array(8).fill(404));
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM memberships WHERE tenant_id = $1 AND role = 'owner' AND status = 'active'`,
        [a.tenantId],
      );
      expect(n).toBeGreaterThanOrEqual(1);
      // Changes were applied one at a time: each audited change starts from the other role.
      const changes = await auditOf(t, a.token, 'member.role_changed', { target_id: m.userId });
      for (const change of changes) expect(change.metadata.from).not.toBe(change.metadata.to);
      const [{ role }] = await t.dataSource.query(
        `SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2`,
        [a.tenantId, m.userId],
      );
      expect(['owner', 'admin']).toContain(role);
    }
  });

  it('keeps an active owner through a mixed race of role changes, blocks, removals and unknown ids', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await signup(t);
      const b = await member(t, a.tenantId, 'owner');
      const c = await member(t, a.tenantId, 'admin');
      const answers = await Promise.all([
        patch(a.token, b.userId, { role: 'admin' }),
        patch(b.token, a.userId, { role: 'admin' }),
        patch(a.token, c.userId, { role: 'owner' }),
        patch(b.token, c.userId, { role: 'viewer' }),
        block(a.token, b.userId),
        block(b.token, a.userId),
        block(a.token, c.userId, 'unblock'),
        remove(b.token, c.userId),
        patch(a.token, crypto.randomUUID(), { role: 'admin' }),
        remove(b.token, crypto.randomUUID()),
        block(a.token, crypto.randomUUID()),
      ]);
      for (const answer of answers) expect([200, 204, 401, 403, 404, 409]).toContain(answer.response.status);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM memberships WHERE tenant_id = $1 AND role = 'owner' AND status = 'active'`,
        [a.tenantId],
      );
      expect(n).toBeGreaterThanOrEqual(1);
    }
  });
});
