// The five first things with @cistern/sdk: key, schema, upload, search, usage.
// Run: CISTERN_URL=http://localhost:8080 CISTERN_API_KEY=sk_test_... node quickstart.mjs
// (a key with the scopes search, ingest and usage:read)
import { CisternError, createCistern, unwrap } from '@cistern/sdk';

const cistern = createCistern({
  baseUrl: process.env.CISTERN_URL ?? 'http://localhost:8080',
  apiKey: process.env.CISTERN_API_KEY,
});

try {
  // 1. The key: what it is and what it may do.
  const me = await unwrap(cistern.GET('/api/v1/auth/whoami'));
  console.log(`key ${me.key_prefix}... scopes: ${me.scopes.join(', ')}`);

  // 2. A schema: the fields of a record type, which are searchable and which filterable.
  await unwrap(
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

  // 3. An upload: a file (a path in Node, or a Blob / File), then wait until it is indexed.
  const csv = new Blob(
    ['name,external_id,sku,price\nBall bearing 6204,BRG-6204,BRG-6204,4.20\nRoller bearing 22,BRG-22,BRG-22,19.50\n'],
    { type: 'text/csv' },
  );
  const { upload_id } = await cistern.upload('products', 'part', csv, { filename: 'parts.csv', mode: 'upsert' });
  const upload = await cistern.waitForUpload(upload_id, {
    onProgress: (u) => console.log(`upload ${u.status}: ${u.rows_indexed} of ${u.rows_total} indexed`),
  });
  if (upload.status === 'failed') throw new Error(`upload failed: ${JSON.stringify(upload.errors)}`);

  // 4. A search, with a filter on a filterable field.
  const { data, error, rateLimit } = await cistern.POST('/api/v1/search/{collection}', {
    params: { path: { collection: 'products' } },
    body: { query: 'bearing', filters: { price: { lte: 10 } } },
  });
  if (error) throw new Error(`search refused: ${error.error}`);
  for (const result of data.results) console.log(`found ${result.name} (score ${result.score})`);
  console.log(`${rateLimit?.remaining} requests left this minute`);

  // 5. Usage this month.
  const usage = await unwrap(cistern.GET('/api/v1/usage'));
  console.log(`searches this month: ${usage.searches.used} (plan ${usage.plan})`);
} catch (error) {
  if (!(error instanceof CisternError)) throw error;
  console.error(`${error.status} ${error.error}: ${error.detail}`, error.required_scopes ?? '');
  process.exitCode = 1;
}
