import { expect, it } from '@jest/globals';
import { uniqueEmail } from '../support/factories.js';
import {
  describeJourneys,
  goTo,
  JOURNEY_TIMEOUT,
  runJourney,
  signUpInBrowser,
  visible,
} from './support/journey.js';

describeJourneys('journey 6: serving the dashboard', () => {
  it(
    'answers HTML with the CSP, immutable assets and JSON 404s, and works over plain HTTP at a name other than localhost',
    () =>
      runJourney(
        'serving',
        async ({ t, newContext, newPage }) => {
          const html = await fetch(`${t.baseUrl}/app/keys`);
          expect(html.status).toBe(200);
          expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
          const csp = html.headers.get('content-security-policy') ?? '';
          expect(csp).toContain(`script-src 'self'`);
          expect(csp).not.toContain('upgrade-insecure-requests');
          const script = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())?.[1];
          const asset = await fetch(`${t.baseUrl}${script}`);
          expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
          await asset.arrayBuffer();
          for (const path of ['/elsewhere', '/api/v1/nope']) {
            const missing = await fetch(`${t.baseUrl}${path}`);
            expect(missing.status).toBe(404);
            expect(await missing.json()).toMatchObject({ error: 'not_found' });
          }

          // cistern.test resolves to 127.0.0.1 in this browser: plain HTTP, not a secure context.
          const port = new URL(t.baseUrl).port;
          const page = await newPage(await newContext({ baseUrl: `http://cistern.test:${port}` }));
          await signUpInBrowser(page, uniqueEmail('lan'), 'a long password', 'LAN Tenant');
          expect(page.url()).toBe(`http://cistern.test:${port}/app`);
          expect(await page.evaluate('window.isSecureContext')).toBe(false);
          await goTo(page, 'API keys');
          await visible(page.getByRole('heading', { name: 'API keys', level: 1 }));
          await visible(page.getByText('No API keys yet'));
        },
        { hostResolverRules: 'MAP cistern.test 127.0.0.1' },
      ),
    JOURNEY_TIMEOUT,
  );
});
