import { describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDataDir, DataDirLockedError } from '../../src/database/embedded.js';
import { onPostgres, startApp } from '../support/app.js';
import { signup, tenantWithKey } from '../support/factories.js';
import { bearer } from '../support/http.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { until } from '../support/until.js';

describe('DATA_DIR lock', () => {
  it('refuses a second opener of the same directory and frees it on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cistern-lock-'));
    try {
      const unlock = lockDataDir(dir);
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      unlock();
      lockDataDir(dir)();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

(onPostgres ? describe.skip : describe)('embedded PostgreSQL (PGlite)', () => {
  it('keeps data across a restart and refuses a second app on the same DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cistern-restart-'));
    cpSync(process.env.CISTERN_TEST_PGLITE_TEMPLATE!, dataDir, {
      recursive: true,
      filter: (s) => !s.endsWith('cistern.lock'),
    });
    try {
      const first = await startApp({ dataDir });
      const account = await signup(first);
      await expect(startApp({ dataDir })).rejects.toThrow(/in use|already open/);
      await first.close();
      const second = await startApp({ dataDir });
      try {
        const res = await second.api.POST('/api/v1/portal/auth/login', {
          body: { email: account.email, password: account.password },
        });
        expect(res.response.status).toBe(200);
        expect(res.data!.tenant_id).toBe(account.tenantId);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

(onPostgres ? describe : describe.skip)('database outage (PostgreSQL)', () => {
  it('answers 503 unavailable while the database is unreachable and recovers by itself', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
    const proxied = new URL(url);
    proxied.port = String(proxy.port);
    const t = await startApp({ env: { DATABASE_URL: proxied.toString() } });
    try {
      const account = await tenantWithKey(t, ['admin']);
      await proxy.cut();
      // Health reports are at most 1 s old.
      const healthStatus = async () => (await t.api.GET('/api/v1/health')).response.status;
      const whoami = () => t.api.GET('/api/v1/auth/whoami', { headers: bearer(account.apiKey.key) });
      await until(async () => (await healthStatus()) === 503, 3000);
      const health = await t.api.GET('/api/v1/health');
      expect(health.response.status).toBe(503);
      expect(health.error).toMatchObject({ status: 'error', checks: { database: 'down' } });
      const login = await t.api.POST('/api/v1/portal/auth/login', {
        body: { email: account.email, password: account.password },
      });
      expect(login.response.status).toBe(503);
      expect(login.error).toEqual({ detail: expect.any(String), error: 'unavailable' });
      const keyed = await whoami();
      expect(keyed.response.status).toBe(503);
      expect(keyed.error!.error).toBe('unavailable');

      await proxy.restore();
      await until(async () => (await healthStatus()) === 200);
      expect((await whoami()).response.status).toBe(200);
      expect(
        (await t.api.GET('/api/v1/portal/account', { headers: bearer(account.token) })).response.status,
      ).toBe(200);
    } finally {
      await t.close();
      await proxy.cut();
    }
  });
});
