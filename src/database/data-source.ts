import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

const MIGRATION_LOCK = 727_274_001; // pg_advisory_lock key: one migrator at a time across instances

/**
 * DataSource options for PostgreSQL (`DATABASE_URL`) or, when unset, for the embedded PGlite through
 * its own node-postgres adapter with a pool of exactly one connection.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL'>,
  pglite?: PGlite,
): DataSourceOptions {
  const base = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; uuid-ossp is not in PGlite.
    uuidExtension: 'pgcrypto' as const,
    // Extensions are created by migrations, not at connect time.
    installExtensions: false,
  };
  if (pglite) {
    const pgConfig = createPgConfig(pglite);
    return { ...base, extra: { connection: pgConfig.connection, max: 1, idleTimeoutMillis: 0 } };
  }
  return {
    ...base,
    url: config.DATABASE_URL,
    extra: {
      max: 10,
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30000,
      application_name: 'cistern',
      // A dead server must fail queries quickly (503) rather than hang them.
      query_timeout: 30000,
      keepAlive: true,
    },
  };
}

/** Runs pending migrations; on PostgreSQL under an advisory lock so concurrent starts take turns. */
export async function runMigrations(dataSource: DataSource, embedded: boolean): Promise<void> {
  if (embedded) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
