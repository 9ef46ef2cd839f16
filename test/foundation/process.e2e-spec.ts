import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey } from '../../src/api-keys/api-key-format.js';
import { TEST_API_KEY_SALT, TEST_JWT_SECRET } from '../support/app.js';
import { uniqueEmail } from '../support/factories.js';
import { runServer, waitForHealth } from '../support/server-process.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cistern-proc-'));
}

describe('the server process (rules §8)', () => {
  it('stops with one clear line and exit 1 on a bad configuration', async () => {
    const dir = tempDir();
    try {
      const server = runServer({ DATA_DIR: dir, PORT: 'eighty' });
      expect(await server.exit).toBe(1);
      expect(server.output().trim()).toBe(
        'cistern: Invalid configuration: PORT: PORT must be an integer number',
      );
      const prod = runServer({ DATA_DIR: dir, NODE_ENV: 'production', JWT_SECRET: '', API_KEY_SALT: '' });
      expect(await prod.exit).toBe(1);
      expect(prod.output().trim()).toBe(
        'cistern: Invalid configuration: JWT_SECRET is required when NODE_ENV=production',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on SIGTERM finishes in-flight requests, refuses new ones, and exits 0', async () => {
    const dir = tempDir();
    const env = {
      DATA_DIR: dir,
      JWT_SECRET: TEST_JWT_SECRET,
      API_KEY_SALT: TEST_API_KEY_SALT,
      BCRYPT_COST: '13', // a signup takes ~0.5 s: long enough to be in flight
    };
    const server = runServer(env);
    const baseUrl = `http://127.0.0.1:${await server.port}`;
    try {
      await waitForHealth(baseUrl);
      const inFlight = fetch(`${baseUrl}/api/v1/portal/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: uniqueEmail(), password: 'in flight password' }),
      });
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      server.child.kill('SIGTERM');
      const answer = await inFlight;
      expect(answer.status).toBe(201);
      const code = await server.exit;
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      await expect(fetch(`${baseUrl}/api/v1/health`)).rejects.toThrow();
    } finally {
      server.child?.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes structured request logs with request ids and never a password, token or key', async () => {
    const dir = tempDir();
    const server = runServer({
      DATA_DIR: dir,
      JWT_SECRET: TEST_JWT_SECRET,
      API_KEY_SALT: TEST_API_KEY_SALT,
      BCRYPT_COST: '10',
    });
    const baseUrl = `http://127.0.0.1:${await server.port}`;
    try {
      await waitForHealth(baseUrl);
      const password = 'secret-password-value-123';
      const signup = await fetch(`${baseUrl}/api/v1/portal/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-trace-1' },
        body: JSON.stringify({ email: uniqueEmail(), password }),
      });
      const { access_token: token } = (await signup.json()) as { access_token: string };
      const key = generateApiKey('live');
      await fetch(`${baseUrl}/api/v1/auth/whoami`, { headers: { 'x-api-key': key } });
      await fetch(`${baseUrl}/api/v1/portal/account`, { headers: { authorization: `Bearer ${token}` } });
      server.child.kill('SIGTERM');
      await server.exit;
      const lines = server.output().trim().split('\n');
      const requests = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'request');
      expect(requests).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ req_id: 'req-trace-1', status: 201, method: 'POST' }),
        ]),
      );
      for (const secret of [password, token, key, TEST_JWT_SECRET, TEST_API_KEY_SALT])
        expect(server.output()).not.toContain(secret);
    } finally {
      server.child?.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  (process.env.DATABASE_URL ? it.skip : it)('refuses to open a DATA_DIR another process holds', async () => {
    const dir = tempDir();
    const env = {
      DATA_DIR: dir,
      DATABASE_URL: '',
      JWT_SECRET: TEST_JWT_SECRET,
      API_KEY_SALT: TEST_API_KEY_SALT,
    };
    const first = runServer(env);
    try {
      await waitForHealth(`http://127.0.0.1:${await first.port}`, 60000);
      const second = runServer(env);
      expect(await second.exit).toBe(1);
      expect(second.output()).toMatch(/DATA_DIR .* is in use by another Cistern process \(pid \d+\)/);
    } finally {
      first.child?.kill('SIGTERM');
      await first.exit;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
