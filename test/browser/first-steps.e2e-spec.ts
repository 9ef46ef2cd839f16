import { expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { uniqueEmail } from '../support/factories.js';
import {
  clipboardText,
  describeJourneys,
  goTo,
  JOURNEY_TIMEOUT,
  pageState,
  runJourney,
  signUpInBrowser,
  visible,
  whoamiStatus,
} from './support/journey.js';
import { until } from '../support/until.js';

const CSV = [
  'name,description,external_id,price,category',
  'Steel ball bearing 6204,Deep groove ball bearing,B-1,4.5,bearings',
  'Linear bearing LM8UU,Linear motion bearing,B-2,2.75,bearings',
  'Hex bolt M8,Zinc plated,H-1,cheap,fasteners',
].join('\n');

interface McpConfig {
  mcpServers: { cistern: { type: string; url: string; headers: { Authorization: string } } };
}

/** Connects the official MCP client exactly as the config says; answers the tools it is offered. */
async function mcpTools(config: McpConfig): Promise<string[]> {
  const { url, headers } = config.mcpServers.cistern;
  const client = new Client({ name: 'dashboard-journey', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  try {
    return (await client.listTools()).tools.map((tool) => tool.name).sort();
  } finally {
    await client.close();
  }
}

describeJourneys('journey 1: first steps of a new tenant', () => {
  it(
    'signs up, creates a key shown once, defines a schema, uploads, searches, and sees the key used',
    () =>
      runJourney('first-steps', async ({ t, newContext, newPage }) => {
        const page = await newPage(await newContext());
        await signUpInBrowser(page, uniqueEmail('ada'), 'a long password', 'Acme Parts');
        await visible(page.getByText('0 of 4 completed'));

        // API key: created, shown once, copied; gone from the page and storage once closed.
        await goTo(page, 'API keys');
        await page.getByRole('button', { name: 'Create key' }).first().click();
        const create = page.getByRole('dialog', { name: 'Create API key' });
        await create.getByLabel('Name').fill('Backend');
        await create.getByRole('button', { name: 'Create key' }).click();
        const shown = page.getByRole('dialog', { name: 'Key “Backend” created' });
        await visible(shown);
        const key = (await shown.getByLabel('API key').textContent())!.trim();
        expect(key).toMatch(/^sk_live_[0-9A-Za-z]{38}$/);
        // The dialog's MCP client config holds the key (it connects an agent: at the end of the journey).
        await shown.getByRole('button', { name: 'Copy config' }).click();
        const config = JSON.parse(await clipboardText(page)) as McpConfig;
        expect(config).toEqual({
          mcpServers: {
            cistern: { type: 'http', url: `${t.baseUrl}/mcp`, headers: { Authorization: `Bearer ${key}` } },
          },
        });
        await visible(shown.getByText('An agent with this key is offered search.'));
        await shown.getByRole('button', { name: 'Copy', exact: true }).click();
        await visible(shown.getByRole('button', { name: 'Copied', exact: true }));
        expect(await clipboardText(page)).toBe(key);
        await shown.getByRole('button', { name: 'Done' }).click();
        await shown.waitFor({ state: 'detached' });
        const row = page.getByRole('row').filter({ hasText: 'Backend' });
        await visible(row);
        expect(await row.textContent()).toContain(key.slice(0, 12));
        expect(await pageState(page)).not.toContain(key);

        // The page shows the other doors: OpenAPI, SDK, MCP URL and a config with a placeholder key.
        const connect = page.getByRole('region', { name: 'Connect programs and agents' });
        expect(await connect.getByRole('link', { name: 'Swagger UI' }).getAttribute('href')).toBe(
          '/api/docs',
        );
        const json = connect.getByRole('link', { name: 'OpenAPI JSON' });
        expect(await json.getAttribute('href')).toBe('/api/docs-json');
        expect((await fetch(`${t.baseUrl}/api/docs-json`).then((r) => r.json())) as object).toHaveProperty(
          'openapi',
        );
        await visible(connect.getByText('npm install @cistern/sdk'));
        expect(await connect.getByLabel('MCP URL', { exact: true }).textContent()).toBe(`${t.baseUrl}/mcp`);
        await connect.getByRole('button', { name: 'Copy MCP URL' }).click();
        expect(await clipboardText(page)).toBe(`${t.baseUrl}/mcp`);
        await connect.getByRole('button', { name: 'Copy MCP config' }).click();
        const placeholder = JSON.parse(await clipboardText(page)) as McpConfig;
        expect(placeholder.mcpServers.cistern.headers.Authorization).toBe('Bearer ${CISTERN_API_KEY}');
        await visible(connect.getByText(/plus ingest to write/));

        // Schema.
        await goTo(page, 'Collections');
        await page.getByRole('link', { name: 'Define schema' }).first().click();
        await page.getByLabel('Collection').fill('products');
        await page.getByLabel('Record type').fill('part');
        await page.getByLabel('Field 1 name').fill('price');
        await page.getByLabel('Field 1 type').selectOption('number');
        await page.getByLabel('Field 1 filterable').check();
        await page.getByRole('button', { name: 'Add field' }).click();
        await page.getByLabel('Field 2 name').fill('category');
        await page.getByLabel('Field 2 searchable').check();
        await page.getByLabel('Field 2 filterable').check();
        await page.getByRole('button', { name: 'Save schema' }).click();
        await visible(page.getByRole('heading', { name: 'products', level: 1 }));

        // Upload a CSV with one bad row: bytes, then the server's progress, then its final counts.
        await goTo(page, 'Upload');
        await page.getByLabel('Collection').fill('products');
        await page.getByLabel('Record type').fill('part');
        await page
          .getByLabel('File', { exact: true })
          .setInputFiles({ name: 'parts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
        await page.getByRole('button', { name: 'Upload', exact: true }).click();
        await visible(page.getByRole('progressbar', { name: 'Bytes sent' }));
        await visible(page.getByText('Upload completed'), 30_000);
        await visible(page.getByText('2 rows indexed, 1 failed, of 3.'));
        const errors = page.getByRole('table', { name: 'Row errors' });
        expect(await errors.getByRole('row').filter({ hasText: 'price' }).count()).toBe(1);

        // Search with a typo and a filter.
        await goTo(page, 'Search');
        await page.getByLabel('Query').fill('bearng');
        await page.getByLabel('price from').fill('1');
        await page.getByLabel('price to').fill('3');
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        const results = page.getByRole('table', { name: 'Search results' });
        await visible(results.getByText('Linear bearing LM8UU'));
        expect(await results.getByText('Steel ball bearing 6204').count()).toBe(0);
        await visible(page.getByText(/1 match in [\d.]+ ms/));

        // The failed row is fixed in place: the schema's 422 first, then a number makes it indexed.
        await goTo(page, 'Collections');
        await page.getByRole('link', { name: 'products' }).click();
        const records = page.getByRole('table', { name: 'Records' });
        const boltRow = records.getByRole('row').filter({ hasText: 'Hex bolt M8' });
        await visible(boltRow.getByText('failed', { exact: true }));
        await boltRow.getByRole('button', { name: 'Edit Hex bolt M8' }).click();
        const edit = page.getByRole('dialog', { name: 'Edit “Hex bolt M8”' });
        await visible(edit.getByText('This record is not searchable'));
        const data = edit.getByLabel('Data (JSON)');
        expect(JSON.parse(await data.inputValue())).toEqual({ price: 'cheap', category: 'fasteners' });
        await edit.getByRole('button', { name: 'Save record' }).click();
        await visible(edit.getByText('price: must be a number'));
        await data.fill('{"price": 0.35, "category": "fasteners"}');
        await edit.getByRole('button', { name: 'Save record' }).click();
        await edit.waitFor({ state: 'detached' });
        await visible(boltRow.getByText('indexed', { exact: true }));
        // And a record added by hand.
        await page.getByRole('button', { name: 'Add record' }).click();
        const add = page.getByRole('dialog', { name: 'Add a part record' });
        await add.getByLabel('Name').fill('Thrust bearing 51100');
        await add.getByLabel('Data (JSON)').fill('{"price": 9.5, "category": "bearings"}');
        await add.getByRole('button', { name: 'Add record' }).click();
        await add.waitFor({ state: 'detached' });
        await visible(
          records.getByRole('row').filter({ hasText: 'Thrust bearing 51100' }).getByText('indexed'),
        );
        await visible(page.getByText('1–4 of 4'));

        await goTo(page, 'Overview');
        await visible(page.getByText('4 of 4 completed'));

        // Calls with the key show on its usage chart (counters are written every few seconds).
        for (let i = 0; i < 3; i++) expect(await whoamiStatus(t, key)).toBe(200);
        await goTo(page, 'API keys');
        await page.getByRole('link', { name: 'Backend' }).click();
        await visible(page.getByRole('heading', { name: 'Backend', level: 1 }));
        await until(
          async () => {
            await page.reload();
            const chart = page.getByRole('img', { name: /requests and \d+ rejected over 30 days/ });
            await visible(chart);
            return /^3 requests/.test((await chart.getAttribute('aria-label')) ?? '');
          },
          30_000,
          'the three calls on the usage chart',
        );

        // The config copied from the dialog connects an agent as it is (after the chart: it spends requests).
        expect(await mcpTools(config)).toEqual(['search']);
      }),
    JOURNEY_TIMEOUT,
  );
});
