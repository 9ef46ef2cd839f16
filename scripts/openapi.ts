/**
 * Writes openapi.json (and the typed client of the e2e tests) from the code; with --check, fails
 * when the committed file differs from what the code produces. Needs no database: the app is built
 * in Nest's preview mode (module graph only, no providers instantiated).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { createLogger } from '../src/common/logger.js';
import { buildOpenApiDocument, stableStringify } from '../src/openapi.js';
import { sdkStep } from './sdk-codegen.js';

const check = process.argv.includes('--check');
const config = loadConfig(
  { ...process.env, DATABASE_URL: 'postgres://unused/none', LOG_LEVEL: 'silent' },
  {
    JWT_SECRET: 'x'.repeat(32),
    API_KEY_SALT: 'x'.repeat(32),
  },
);
const app = await createApp(config, { preview: true, logger: createLogger('silent') });
const text = stableStringify(buildOpenApiDocument(app));
await app.close();

const target = 'openapi.json'; // run from the project root (npm run openapi)
if (check) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    /* missing counts as drift */
  }
  if (committed !== text) {
    process.stderr.write(
      'openapi.json is out of date with the code: run `npm run openapi` and commit the result.\n',
    );
    process.exit(1);
  }
  process.stdout.write('openapi.json matches the code.\n');
} else {
  writeFileSync(target, text);
  execFileSync('npx', ['openapi-typescript', 'openapi.json', '-o', 'test/generated/api.d.ts'], {
    stdio: 'inherit',
  });
  process.stdout.write('wrote openapi.json and test/generated/api.d.ts\n');
}

// SDK step: sdk/src/generated (types, enum lists, client path tables) from the same document.
await sdkStep(text, check ? 'check' : 'write');
