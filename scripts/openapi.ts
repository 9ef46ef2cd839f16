/**
 * Writes openapi.json and the clients generated from it; with --check, fails when any committed
 * file differs from what the code produces. Needs no database: the app is built in Nest's preview
 * mode (module graph only, no providers instantiated).
 *
 * Steps, each its own block below:
 * 1. openapi.json, from the code;
 * 2. the typed clients generated from that document (openapi-typescript): the e2e tests' types and
 *    the dashboard's types with enum value arrays (its dropdowns list the API's own enums);
 * 3. the SDK's generated part (sdk/src/generated).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { createLogger } from '../src/common/logger.js';
import { buildOpenApiDocument, stableStringify } from '../src/openapi.js';
import { generateSdkFiles } from './sdk-codegen.js';

const check = process.argv.includes('--check');
const drifted: string[] = [];

/** Writes `text` to `target`, or (with --check) records whether the committed file differs. */
function emit(target: string, text: string): void {
  if (!check) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    process.stdout.write(`wrote ${target}\n`);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    /* missing counts as drift */
  }
  if (committed !== text) drifted.push(target);
}

// Run from the project root (npm run openapi). Generated files go through a scratch folder, so that
// --check compares without touching the working tree.
const scratch = mkdtempSync(join(tmpdir(), 'cistern-openapi-'));
try {
  // 1. openapi.json
  const config = loadConfig(
    { ...process.env, DATABASE_URL: 'postgres://unused/none', LOG_LEVEL: 'silent' },
    {
      JWT_SECRET: 'x'.repeat(32),
      API_KEY_SALT: 'x'.repeat(32),
    },
  );
  const app = await createApp(config, { preview: true, logger: createLogger('silent') });
  const document = stableStringify(buildOpenApiDocument(app));
  await app.close();
  emit('openapi.json', document);
  const documentPath = join(scratch, 'openapi.json');
  writeFileSync(documentPath, document);

  // 2. Typed clients (openapi-typescript over the document the code produces, not the committed one).
  // `required` alone says which properties a body must carry: by default openapi-typescript also makes
  // every property with a `default` required, so a client could not leave out e.g. `enabled` (default
  // true) when creating a webhook endpoint, though the server accepts it left out.
  const clients = [
    { target: 'test/generated/api.d.ts', options: ['--default-non-nullable=false'] },
    { target: 'web/src/api/schema.ts', options: ['--enum-values', '--default-non-nullable=false'] },
  ];
  for (const [i, { target, options }] of clients.entries()) {
    const out = join(scratch, `client-${i}.ts`);
    execFileSync('npx', ['openapi-typescript', documentPath, ...options, '-o', out], { stdio: 'ignore' });
    emit(target, readFileSync(out, 'utf8'));
  }

  // 3. The SDK's generated part: types, enum lists, client path tables (scripts/sdk-codegen.ts).
  for (const [target, text] of Object.entries(await generateSdkFiles(document))) emit(target, text);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (check) {
  if (drifted.length > 0) {
    process.stderr.write(
      `Out of date with the code: ${drifted.join(', ')}. Run \`npm run openapi\` and commit the result.\n`,
    );
    process.exit(1);
  }
  process.stdout.write('openapi.json and the generated clients match the code.\n');
}
