// Runs before every suite (plain ESM over the compiled dist/: `npm test` builds first).
// PostgreSQL (DATABASE_URL set): migrate the test database once. Embedded: build one migrated PGlite
// directory that every test app copies — initdb and migrations once, not once per suite.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../dist/src/database/data-source.js';
import { openEmbedded } from '../../dist/src/database/embedded.js';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: process.env.DATABASE_URL }));
    await dataSource.initialize();
    await runMigrations(dataSource, false);
    await dataSource.destroy();
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cistern-template-'));
  const { pglite, close } = await openEmbedded(dir);
  const dataSource = new DataSource(dataSourceOptions({}, pglite));
  await dataSource.initialize();
  await runMigrations(dataSource, true);
  await dataSource.destroy();
  await close();
  process.env.CISTERN_TEST_PGLITE_TEMPLATE = dir;
}
