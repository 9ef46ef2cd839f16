import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { onPostgres, startApp, TEST_API_KEY_SALT, TEST_JWT_SECRET, type TestApp } from '../support/app.js';
import { mintKey, signup } from '../support/factories.js';
import { bearer, outcome } from '../support/http.js';
import { until } from '../support/until.js';
import type { paths } from '../generated/api.js';

type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;

/** Runs the built operator CLI (`npm test` builds first) with the same configuration as the app. */
function cli(t: TestApp, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/src/cli/main.js', ...args], {
      env: {
        ...process.env,
        DATABASE_URL: t.config.DATABASE_URL ?? '',
        DATA_DIR: t.dataDir,
        JWT_SECRET: TEST_JWT_SECRET,
        API_KEY_SALT: TEST_API_KEY_SALT,
        NODE_OPTIONS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('operator CLI: arguments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('prints usage for help and refuses bad arguments with exit 2', async () => {
    const help = await cli(t, ['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('tenants set-limits <tenant_id>');
    for (const args of [
      ['tenants', 'set-plan', 'nope', 'pro'],
      ['tenants', 'set-plan', '0b5c1f5e-8a3f-4c55-9f0e-2a1d3c4b5e6f', 'gold'],
      ['frobnicate'],
    ]) {
      const res = await cli(t, args);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/^cistern: .+\n\nUsage: npm run cli/);
    }
  });
});

(onPostgres ? describe : describe.skip)('operator CLI against a running server (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  /** What the server answers a key now: status, error code, the limit it is held to (header and body). */
  const whoami = async (key: string) => {
    const { data, error, response } = await t.api.GET('/api/v1/auth/whoami', {
      headers: { 'x-api-key': key },
    });
    return {
      status: response.status,
      error: error?.error,
      limit: response.headers.get('x-ratelimit-limit'),
      requestsPerMinute: data?.rate_limit.requests_per_minute,
    };
  };

  /**
   * The CLI is another process: its change reaches this server's key cache only through PostgreSQL
   * NOTIFY on the change feed, which can arrive after the CLI has exited. Until it does, a key verified
   * before the change is answered from the cache with its old state — so wait for it (README: "the
   * others within milliseconds"), never assert on the first request after the CLI exits.
   */
  const seen = (key: string, wanted: Partial<Awaited<ReturnType<typeof whoami>>>) =>
    until(
      async () => {
        const now = await whoami(key);
        return Object.entries(wanted).every(([field, value]) => now[field as keyof typeof now] === value)
          ? now
          : undefined;
      },
      5_000,
      `whoami answering ${JSON.stringify(wanted)}`,
    );

  const auditEvents = async (token: string, query: AuditQuery) => {
    const { data, response } = await t.api.GET('/api/v1/audit', {
      params: { query },
      headers: bearer(token),
    });
    expect(response.status).toBe(200);
    return data!.events;
  };

  it('migrate reports the schema up to date', async () => {
    const res = await cli(t, ['migrate']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/migrations up to date \(\d+ applied/);
  });

  it('lists tenants, changes the plan (audited), sets custom limits the running server applies', async () => {
    const account = await signup(t);
    const { key } = await mintKey(t, account.tenantId, { scopes: ['search'] });
    const list = await cli(t, ['tenants', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${account.tenantId}\\tfree\\tactive\\tplan\\tplan\\t1\\t`, 'm'));

    const plan = await cli(t, ['tenants', 'set-plan', account.tenantId, 'scale']);
    expect(plan).toMatchObject({ code: 0, stdout: `tenant ${account.tenantId}: plan free -> scale\n` });
    await seen(key, { status: 200, limit: '1000' });
    const [changed] = await auditEvents(account.token, { action: 'plan.changed' });
    expect(changed).toMatchObject({
      actor: { type: 'system', id: null },
      metadata: { from: 'free', to: 'scale' },
    });

    const limits = await cli(t, [
      'tenants',
      'set-limits',
      account.tenantId,
      '--requests-per-minute',
      '1000000',
      '--search-per-minute',
      '50000',
    ]);
    expect(limits.code).toBe(0);
    await seen(key, { status: 200, limit: '1000000', requestsPerMinute: 1000000 });
    expect(
      (await cli(t, ['tenants', 'set-limits', account.tenantId, '--requests-per-minute', 'plan'])).code,
    ).toBe(0);
    await seen(key, { status: 200, limit: '1000', requestsPerMinute: 1000 });
  });

  it('suspends (keys and tokens get 403 forbidden) and resumes a tenant', async () => {
    const account = await signup(t);
    const { key } = await mintKey(t, account.tenantId, { scopes: ['search'] });
    expect(await cli(t, ['tenants', 'suspend', account.tenantId])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('is now suspended'),
    });
    await seen(key, { status: 403, error: 'forbidden' });
    expect(
      outcome(await t.api.GET('/api/v1/portal/account', { headers: bearer(account.token) })),
    ).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    expect((await cli(t, ['tenants', 'suspend', account.tenantId])).stdout).toContain(
      'was already suspended',
    );
    expect((await cli(t, ['tenants', 'resume', account.tenantId])).code).toBe(0);
    await seen(key, { status: 200 });
    const events = await auditEvents(account.token, { target_id: account.tenantId });
    expect(events.map((e) => e.action)).toEqual(['tenant.resumed', 'tenant.suspended']);
  });

  it('answers exit 1 and one line for an unknown tenant', async () => {
    const res = await cli(t, ['tenants', 'suspend', '0b5c1f5e-8a3f-4c55-9f0e-2a1d3c4b5e6f']);
    expect(res).toMatchObject({ code: 1, stderr: 'cistern: Tenant not found.\n' });
  });
});

(onPostgres ? describe.skip : describe)('operator CLI on the embedded database', () => {
  it('works on DATA_DIR while the server is stopped, and is refused while it runs', async () => {
    const t = await startApp();
    const account = await signup(t);
    const busy = await cli(t, ['tenants', 'list']);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/already open|in use/);
    await t.close({ keepData: true });
    const res = await cli(t, ['tenants', 'set-plan', account.tenantId, 'pro']);
    expect(res).toMatchObject({ code: 0, stdout: `tenant ${account.tenantId}: plan free -> pro\n` });
    const again = await startApp({ dataDir: t.dataDir });
    try {
      const [row] = await again.dataSource.query(`SELECT plan FROM tenants WHERE id = $1`, [
        account.tenantId,
      ]);
      expect(row.plan).toBe('pro');
    } finally {
      await again.close();
    }
  });
});
