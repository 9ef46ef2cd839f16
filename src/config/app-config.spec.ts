import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

function withDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'cistern-config-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('loadConfig', () => {
  it('has the SPEC defaults', () =>
    withDir((dir) => {
      const config = loadConfig({ DATA_DIR: dir });
      expect(config).toMatchObject({
        PORT: 8080,
        HOST: '0.0.0.0',
        BCRYPT_COST: 12,
        LOG_LEVEL: 'info',
        WEBHOOK_ALLOW_PRIVATE: false,
        CORS_ORIGINS: [],
        SEARCH_CACHE_MB: 64,
        SEARCH_CONCURRENCY: 4,
        SEARCH_INDEX_MB: 512,
        SEARCH_INDEX_MIN_RECORDS: 2000,
        SEARCH_INDEX_QUIET_MS: 1000,
        SEARCH_INDEX_WAIT: false,
      });
      expect(config.embedded).toBe(true);
      expect(loadConfig({}).DATA_DIR).toBe('./data');
    }));

  it('generates JWT_SECRET and API_KEY_SALT once outside production and keeps them in DATA_DIR', () =>
    withDir((dir) => {
      const first = loadConfig({ DATA_DIR: dir });
      const second = loadConfig({ DATA_DIR: dir });
      expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
      expect(second.jwtSecret).toBe(first.jwtSecret);
      expect(second.apiKeySalt).toBe(first.apiKeySalt);
      const file = join(dir, 'secrets.json');
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
        JWT_SECRET: first.jwtSecret,
        API_KEY_SALT: first.apiKeySalt,
      });
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }));

  it('requires JWT_SECRET and API_KEY_SALT in production, with one clear line', () =>
    withDir((dir) => {
      expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir })).toThrow(
        new ConfigError('Invalid configuration: JWT_SECRET is required when NODE_ENV=production'),
      );
      expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, JWT_SECRET: 'j'.repeat(32) })).toThrow(
        /API_KEY_SALT is required/,
      );
      const ok = loadConfig({
        NODE_ENV: 'production',
        DATA_DIR: dir,
        JWT_SECRET: 'j'.repeat(32),
        API_KEY_SALT: 's'.repeat(32),
      });
      expect(ok.jwtSecret).toBe('j'.repeat(32));
    }));

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ BCRYPT_COST: '8' }, /BCRYPT_COST must be at least 10/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
    [{ REDIS_URL: 'http://x' }, /REDIS_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ CORS_ORIGINS: 'not a url' }, /CORS_ORIGINS/],
    [{ WEBHOOK_ALLOW_PRIVATE: 'maybe' }, /WEBHOOK_ALLOW_PRIVATE/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32/],
    [{ SEARCH_CONCURRENCY: '0' }, /SEARCH_CONCURRENCY must not be less than 1/],
    [{ SEARCH_CONCURRENCY: 'many' }, /SEARCH_CONCURRENCY must be a whole number/],
    [{ SEARCH_INDEX_MB: '-1' }, /SEARCH_INDEX_MB must not be less than 0/],
    [{ SEARCH_INDEX_QUIET_MS: 'soon' }, /SEARCH_INDEX_QUIET_MS must be a whole number/],
  ])('stops on a bad value %j', (env, message) =>
    withDir((dir) => {
      expect(() => loadConfig({ DATA_DIR: dir, ...env })).toThrow(message);
      try {
        loadConfig({ DATA_DIR: dir, ...env });
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    }),
  );

  it('parses lists and booleans', () =>
    withDir((dir) => {
      const config = loadConfig({
        DATA_DIR: dir,
        CORS_ORIGINS: 'https://a.example, https://b.example',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        TRUST_PROXY: '1',
      });
      expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
      expect(config.WEBHOOK_ALLOW_PRIVATE).toBe(true);
      expect(config.TRUST_PROXY).toBe(true);
    }));
});
