import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { signup } from '../support/factories.js';
import { bearer } from '../support/http.js';
import {
  describeJourneys,
  goTo,
  JOURNEY_TIMEOUT,
  logInInBrowser,
  runJourney,
  visible,
} from './support/journey.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describeJourneys('journey 7: event webhooks', () => {
  // A receiver on 127.0.0.1 (the app runs with WEBHOOK_ALLOW_PRIVATE=true): /gone answers 410, the rest 204.
  const received: Received[] = [];
  let server: Server;
  let receiverUrl: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = path.startsWith('/gone') ? 410 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it(
    'an admin adds an endpoint, sends a test that arrives signed and shows as delivered, edits, sees a 410 disable another, and deletes',
    () =>
      runJourney(
        'webhooks',
        async ({ t, newContext, newPage }) => {
          const owner = await signup(t, { company: 'Hooked Tenant' });
          const page = await newPage(await newContext());
          await page.goto('/app/settings');
          await logInInBrowser(page, owner.email, owner.password);
          await page
            .getByRole('navigation', { name: 'Settings pages' })
            .getByRole('link', { name: 'Webhooks' })
            .click();
          expect(new URL(page.url()).pathname).toBe('/app/settings/webhooks');
          await visible(page.getByText('No endpoints yet'));

          // The signing secret sits beside the endpoints it signs for.
          await page.getByRole('button', { name: 'Reveal' }).click();
          const secret = page.getByLabel('Signing secret', { exact: true });
          await visible(secret.getByText(/^whsec_/));
          const signingSecret = ((await secret.textContent()) ?? '').trim();

          // A bad URL is a field error, and nothing is created.
          await page.getByRole('button', { name: 'Add endpoint' }).first().click();
          const add = page.getByRole('dialog', { name: 'Add endpoint' });
          await add.getByLabel('URL').fill('not a url');
          await add.getByRole('checkbox', { name: /^upload\.completed / }).check();
          await add.getByRole('button', { name: 'Add endpoint' }).click();
          await visible(add.locator('.field-error'));
          await add.getByLabel('URL').fill(`${receiverUrl}/ok`);
          await add.getByRole('button', { name: 'Add endpoint' }).click();
          await add.waitFor({ state: 'detached' });
          const table = page.getByRole('table', { name: 'Webhook endpoints' });
          const okRow = table.getByRole('row').filter({ hasText: `${receiverUrl}/ok` });
          await visible(okRow.getByText('enabled', { exact: true }));
          await visible(okRow.getByText('upload.completed', { exact: true }));

          // Send test: the receiver gets a webhook.test it can verify, and the log says delivered.
          await okRow.getByRole('button', { name: 'Send test' }).click();
          await page.getByRole('link', { name: 'See its delivery' }).click();
          await visible(page.getByRole('heading', { name: 'Webhook endpoint', level: 1 }));
          const deliveries = page.getByRole('table', { name: 'Deliveries' });
          const delivered = deliveries.getByRole('row').filter({ hasText: 'webhook.test' });
          await visible(delivered.getByText('delivered', { exact: true }), 20_000);
          const cells = await delivered.getByRole('cell').allTextContents();
          expect(cells.slice(0, 4)).toEqual(['webhook.test', 'delivered', '1', '204']);
          const arrived = received.filter((r) => r.path === '/ok');
          expect(arrived).toHaveLength(1);
          const event = new Webhook(signingSecret).verify(arrived[0].body, {
            'webhook-id': String(arrived[0].headers['webhook-id']),
            'webhook-timestamp': String(arrived[0].headers['webhook-timestamp']),
            'webhook-signature': String(arrived[0].headers['webhook-signature']),
          }) as { type: string };
          expect(event.type).toBe('webhook.test');
          expect(await delivered.getByText('webhook.test').getAttribute('title')).toBe(
            `webhook-id: ${String(arrived[0].headers['webhook-id'])}`,
          );

          // Edit: one more event, and turned off by hand.
          await page.getByRole('button', { name: 'Edit' }).click();
          const edit = page.getByRole('dialog', { name: 'Edit endpoint' });
          await edit.getByRole('checkbox', { name: /^usage\.threshold / }).check();
          await edit.getByRole('checkbox', { name: 'Enabled' }).uncheck();
          await edit.getByRole('button', { name: 'Save endpoint' }).click();
          await edit.waitFor({ state: 'detached' });
          await visible(page.getByText('Turned off by a person.'));
          const endpoints = async () =>
            (await t.api.GET('/api/v1/settings/webhooks/endpoints', { headers: bearer(owner.token) })).data!
              .endpoints;
          expect(await endpoints()).toEqual([
            expect.objectContaining({
              url: `${receiverUrl}/ok`,
              events: ['upload.completed', 'usage.threshold'],
              enabled: false,
              disabled_reason: null,
            }),
          ]);

          // A receiver answering 410 gets its endpoint disabled by Cistern, and the list says why.
          await page.getByRole('link', { name: '← Webhooks' }).click();
          await page.getByRole('button', { name: 'Add endpoint' }).first().click();
          await add.getByLabel('URL').fill(`${receiverUrl}/gone`);
          await add.getByRole('checkbox', { name: /^api_key\.rotated / }).check();
          await add.getByRole('button', { name: 'Add endpoint' }).click();
          await add.waitFor({ state: 'detached' });
          const goneRow = table.getByRole('row').filter({ hasText: `${receiverUrl}/gone` });
          await goneRow.getByRole('button', { name: 'Send test' }).click();
          await visible(page.getByRole('status').getByText('is on its way'));
          // The list follows the test's outcome by itself.
          await visible(goneRow.getByText('The receiver answered 410 Gone.'), 20_000);
          await visible(goneRow.getByText('disabled', { exact: true }));
          await goneRow.getByRole('link').click();
          const failed = page
            .getByRole('table', { name: 'Deliveries' })
            .getByRole('row')
            .filter({ hasText: 'webhook.test' });
          await visible(failed.getByText('failed', { exact: true }));
          expect((await failed.getByRole('cell').allTextContents()).slice(0, 4)).toEqual([
            'webhook.test',
            'failed',
            '1',
            '410',
          ]);

          // Delete asks first; Cancel keeps the endpoint.
          await page.getByRole('link', { name: '← Webhooks' }).click();
          await okRow.getByRole('button', { name: 'Delete' }).click();
          const confirm = page.getByRole('dialog', { name: 'Delete this endpoint?' });
          await confirm.getByRole('button', { name: 'Cancel' }).click();
          await confirm.waitFor({ state: 'detached' });
          await visible(okRow);
          await okRow.getByRole('button', { name: 'Delete' }).click();
          await confirm.getByRole('button', { name: 'Delete endpoint' }).click();
          await okRow.waitFor({ state: 'detached' });
          expect((await endpoints()).map((e) => e.url)).toEqual([`${receiverUrl}/gone`]);

          // The general settings no longer hold the secret: it lives with the endpoints.
          await goTo(page, 'Settings');
          await visible(page.getByRole('heading', { name: 'Security' }));
          expect(await page.getByLabel('Signing secret', { exact: true }).count()).toBe(0);
        },
        { env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_BASE_SECONDS: '0.05' } },
      ),
    JOURNEY_TIMEOUT,
  );
});
