import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import createClient, { type Client } from 'openapi-fetch';
import type { Logger as PinoLogger } from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import type { paths } from '../generated/api.js';

export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789abcdef0123456789';
export const TEST_API_KEY_SALT = 'test-api-key-salt-0123456789abcdef01234567';
export const onPostgres = Boolean(process.env.DATABASE_URL);

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  /** Typed client generated from openapi.json, as SDK users will have. */
  api: Client<paths>;
  dataSource: DataSource;
  dataDir: string;
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** Where the server logs (default: a logger at TEST_LOG_LEVEL, silent). */
  logger?: PinoLogger;
  /** Reuse a data directory (restart on the embedded database). */
  dataDir?: string;
}

/** Boots the real AppModule on the real database: PostgreSQL with DATABASE_URL, else a fresh PGlite copy. */
export async function startApp(options: StartOptions = {}): Promise<TestApp> {
  let dataDir = options.dataDir;
  if (!dataDir) {
    dataDir = mkdtempSync(join(tmpdir(), 'cistern-test-'));
    const template = process.env.CISTERN_TEST_PGLITE_TEMPLATE;
    if (!onPostgres && template) {
      cpSync(template, dataDir, { recursive: true, filter: (src) => !src.endsWith('cistern.lock') });
    }
  }
  const config = loadConfig(
    {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      BCRYPT_COST: '10',
      ...options.env,
    },
    { DATA_DIR: dataDir, JWT_SECRET: TEST_JWT_SECRET, API_KEY_SALT: TEST_API_KEY_SALT },
  );
  const app = await createApp(config, options.logger ? { logger: options.logger } : {});
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const dir = dataDir;
  return {
    app,
    config,
    baseUrl,
    api: createClient<paths>({ baseUrl }),
    dataSource: app.get<DataSource>(getDataSourceToken()),
    dataDir: dir,
    close: async ({ keepData = false } = {}) => {
      await app.close();
      if (!keepData && !options.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
