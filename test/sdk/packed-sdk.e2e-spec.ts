import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startApp, type TestApp } from '../support/app.js';

/**
 * @cistern/sdk as its users get it: `npm pack` of sdk/ installed into an empty folder, imported from
 * there (never from sdk/src), run against a live server. Types only come from the source.
 */
type Sdk = typeof import('../../sdk/src/index.js');

const run = promisify(execFile);
const SDK_DIR = resolve('sdk');
const TSC = resolve('node_modules/typescript/bin/tsc');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** A word no other suite uses. */
function uniqueWord(): string {
  let word = 'sk';
  for (let i = 0; i < 10; i++) word += String.fromCharCode(97 + Math.floor(Math.random() * 26));
  return word;
}

describe('@cistern/sdk, packed and installed into an empty folder', () => {
  let t: TestApp;
  let folder: string;
  let sdk: Sdk;
  const word = uniqueWord();
  let owner: { token: string; tenantId: string };
  let apiKey: string;

  beforeAll(async () => {
    // `npm test` builds the SDK first (pretest: sdk:build); packing a stale build would test old code.
    if (newestMtime(join(SDK_DIR, 'src')) > statSync(join(SDK_DIR, 'dist/index.js')).mtimeMs) {
      throw new Error(
        'sdk/dist is older than sdk/src: run `npm run sdk:build` (npm test does it in pretest)',
      );
    }
    folder = mkdtempSync(join(tmpdir(), 'cistern-sdk-user-'));
    const packs = join(folder, 'packs');
    const app = join(folder, 'app');
    mkdirSync(packs);
    mkdirSync(app);
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packs], {
      cwd: SDK_DIR,
    });
    const [pack] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'sdk-user', private: true, type: 'module' }),
    );
    await run('npm', ['install', join(packs, pack.filename), '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: app,
    });
    sdk = (await import(join(app, 'node_modules/@cistern/sdk/dist/index.js'))) as Sdk;
    t = await startApp();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const installed = (...path: string[]) => join(folder, 'app/node_modules/@cistern/sdk', ...path);

  it('ships the built ESM, its declarations, the README, changelog and example, and depends on openapi-fetch only', () => {
    const manifest = JSON.parse(readFileSync(installed('package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: '@cistern/sdk',
      type: 'module',
      dependencies: { 'openapi-fetch': expect.any(String) },
    });
    expect(Object.keys(manifest.dependencies)).toEqual(['openapi-fetch']);
    for (const file of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/generated/openapi.d.ts',
      'README.md',
      'CHANGELOG.md',
      'examples/quickstart.mjs',
    ]) {
      expect(statSync(installed(file)).isFile()).toBe(true);
    }
    expect(readdirSync(installed('dist')).filter((f) => f.includes('.spec.'))).toEqual([]);
    expect(readdirSync(installed())).not.toContain('src');
  });

  it('type-checks a consumer without Node types (declarations stand alone)', async () => {
    const app = join(folder, 'app');
    writeFileSync(
      join(app, 'check.ts'),
      `import { createCistern, unwrap, Scope, type components } from '@cistern/sdk';
const cistern = createCistern({ baseUrl: 'http://localhost:8080', apiKey: 'sk_test_x' });
export async function main(): Promise<string[]> {
  const me = await unwrap(cistern.GET('/api/v1/auth/whoami'));
  const record: components['schemas']['RecordDto'] | undefined = undefined;
  void record;
  // @ts-expect-error not a path of the API-key client
  void cistern.GET('/api/v1/portal/account');
  return me.scopes.filter((s) => (Scope as readonly string[]).includes(s));
}
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          types: [],
        },
        files: ['check.ts'],
      }),
    );
    await expect(run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: app })).resolves.toBeDefined();
  });

  it('does the five first things: key, schema, upload, search, usage', async () => {
    // A session through the portal client without a token (public routes), then a key.
    const anonymous = sdk.createPortal({ baseUrl: t.baseUrl });
    const email = `sdk-${word}@example.test`;
    const signup = await sdk.unwrap(
      anonymous.POST('/api/v1/portal/auth/signup', {
        body: { email, password: 'correct horse battery', company: `SDK ${word}` },
      }),
    );
    owner = { token: signup.access_token, tenantId: signup.tenant.tenant_id };
    const portal = sdk.createPortal({ baseUrl: t.baseUrl, token: owner.token });
    const created = await sdk.unwrap(
      portal.POST('/api/v1/portal/keys', {
        body: { name: 'sdk e2e', scopes: ['search', 'ingest', 'entities:read', 'usage:read'] },
      }),
    );
    apiKey = created.key;
    const cistern = sdk.createCistern({ baseUrl: t.baseUrl, apiKey });

    const whoami = await cistern.GET('/api/v1/auth/whoami');
    expect(whoami.data).toMatchObject({
      tenant_id: owner.tenantId,
      scopes: ['search', 'ingest', 'entities:read', 'usage:read'],
    });
    expect(whoami.rateLimit).toEqual({ limit: 60, remaining: 59, resetSeconds: expect.any(Number) });

    const schema = await sdk.unwrap(
      cistern.PUT('/api/v1/schemas/{collection}/{record_type}', {
        params: { path: { collection: 'products', record_type: 'part' } },
        body: {
          fields: [
            { name: 'sku', type: 'string', required: true, searchable: true },
            { name: 'price', type: 'number', filterable: true },
          ],
        },
      }),
    );
    expect(schema.fields.map((f) => f.name)).toEqual(['sku', 'price']);

    const csvPath = join(folder, 'parts.csv');
    const rows = Array.from({ length: 7 }, (_, i) => `${word} bearing ${i},B-${i},B-${i},${i + 1}`);
    writeFileSync(csvPath, `name,external_id,sku,price\n${rows.join('\n')}\n`);
    const accepted = await cistern.upload('products', 'part', csvPath, { mode: 'upsert' });
    expect(accepted).toMatchObject({ status: 'pending', rows_received: 7 });
    const progress: string[] = [];
    const done = await cistern.waitForUpload(accepted.upload_id, {
      intervalMs: 50,
      onProgress: (upload) => progress.push(upload.status),
    });
    expect(done).toMatchObject({ status: 'completed', mode: 'upsert', rows_indexed: 7, rows_failed: 0 });
    expect(progress[progress.length - 1]).toBe('completed');

    const search = await cistern.POST('/api/v1/search/{collection}', {
      params: { path: { collection: 'products' } },
      body: { query: `${word} bearing`, filters: { price: { lte: 3 } } },
    });
    expect(search.data?.results.map((r) => r.name).sort()).toEqual(
      [0, 1, 2].map((i) => `${word} bearing ${i}`),
    );
    expect(search.rateLimit?.limit).toBe(30); // the search limit had the least left

    const all: string[] = [];
    for await (const result of cistern.searchAll('products', { query: `${word} bearing` }, { pageSize: 3 })) {
      all.push(result.name);
    }
    expect(all).toHaveLength(7);
    const listed: string[] = [];
    for await (const record of cistern.list('/api/v1/entities/{collection}', {
      params: { path: { collection: 'products' }, query: { limit: 2 } },
    })) {
      listed.push(record.external_id!);
    }
    expect(listed.sort()).toEqual(rows.map((_, i) => `B-${i}`));

    const usage = await sdk.unwrap(cistern.GET('/api/v1/usage'));
    // One search, and searchAll's three pages.
    expect(usage.searches.used).toBe(4);
    expect(usage.records.used).toBe(7);

    // The portal's audit trail, through the cursor.
    const actions: string[] = [];
    for await (const event of portal.auditEvents({ limit: 1 })) actions.push(event.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.signup', 'api_key.created', 'upload.completed']));
  });

  it('throws CisternError with the API error body, and returns a 429 it will not wait for', async () => {
    const portal = sdk.createPortal({ baseUrl: t.baseUrl, token: owner.token });
    const narrow = await sdk.unwrap(
      portal.POST('/api/v1/portal/keys', {
        body: { name: 'narrow', scopes: ['search'], rate_limit: { requests_per_minute: 2 } },
      }),
    );
    const cistern = sdk.createCistern({ baseUrl: t.baseUrl, apiKey: narrow.key, retry: { maxDelayMs: 50 } });
    const refused = await sdk.unwrap(cistern.GET('/api/v1/usage')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(sdk.CisternError);
    expect(refused).toMatchObject({
      status: 403,
      error: 'insufficient_scope',
      required_scopes: ['usage:read'],
      requestId: expect.any(String),
      rateLimit: { limit: 2, remaining: 1 },
    });
    const invalid = await sdk
      .unwrap(
        cistern.POST('/api/v1/search/{collection}', {
          params: { path: { collection: 'products' } },
          body: { query: '' },
        }),
      )
      .catch((error: unknown) => error);
    expect(invalid).toMatchObject({
      status: 422,
      error: 'validation_error',
      errors: expect.arrayContaining([expect.objectContaining({ field: 'query' })]),
    });
    // The key's 2 requests per minute are spent: Retry-After is longer than this client waits.
    const limited = await sdk.unwrap(cistern.GET('/api/v1/auth/whoami')).catch((error: unknown) => error);
    expect(limited).toMatchObject({
      status: 429,
      error: 'rate_limited',
      rateLimit: { limit: 2, remaining: 0 },
    });
    expect((limited as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    const wrongDoor = await sdk
      .createCistern({ baseUrl: t.baseUrl, apiKey: owner.token })
      .GET('/api/v1/auth/whoami');
    expect(wrongDoor.error).toMatchObject({ error: 'invalid_key' });
  });

  it("runs the README's example (shipped in the package) against the live server", async () => {
    const example = readFileSync(installed('examples/quickstart.mjs'), 'utf8');
    const readme = readFileSync(installed('README.md'), 'utf8');
    const block = /<!-- quickstart:start -->\n```js\n([\s\S]*?)```\n<!-- quickstart:end -->/.exec(readme);
    expect(block?.[1]).toBe(example);
    // Where a user would put it: in their project, beside node_modules.
    const script = join(folder, 'app/quickstart.mjs');
    writeFileSync(script, example);
    const { stdout } = await run(process.execPath, [script], {
      cwd: join(folder, 'app'),
      env: { ...process.env, CISTERN_URL: t.baseUrl, CISTERN_API_KEY: apiKey },
    });
    expect(stdout).toContain('scopes: search, ingest, entities:read, usage:read');
    expect(stdout).toMatch(/upload completed: 2 of 2 indexed/);
    expect(stdout).toContain('found Ball bearing 6204');
    expect(stdout).not.toContain('found Roller bearing 22'); // price 19.50 > 10
    expect(stdout).toMatch(/searches this month: 5 \(plan free\)/);
  });
});
