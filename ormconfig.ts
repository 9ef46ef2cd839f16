import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/app-config.js';
import { dataSourceOptions } from './src/database/data-source.js';
import { EMBEDDED_EXTENSIONS, lockDataDir } from './src/database/embedded.js';

/**
 * The DataSource of the TypeORM CLI (`npm run migration:*`): same configuration as the server —
 * PostgreSQL with DATABASE_URL, otherwise the embedded PGlite in DATA_DIR (locked while in use).
 */
const config = loadConfig();
let pglite: PGlite | undefined;
if (config.embedded) {
  const unlock = lockDataDir(config.dataDir);
  process.once('exit', unlock);
  pglite = new PGlite(join(config.dataDir, 'pg'), { extensions: EMBEDDED_EXTENSIONS });
}

export default new DataSource(dataSourceOptions(config, pglite));
