import { expect, it } from '@jest/globals';
import { member, signup } from '../support/factories.js';
import { bearer } from '../support/http.js';
import {
  describeJourneys,
  goTo,
  JOURNEY_TIMEOUT,
  logInInBrowser,
  runJourney,
  visible,
} from './support/journey.js';

describeJourneys('journey 5: sessions and roles', () => {
  it(
    'a password change in one tab ends the session in another, which returns to its page after logging in',
    () =>
      runJourney('sessions', async ({ t, newContext, newPage }) => {
        const owner = await signup(t, { company: 'Session Tenant' });
        const context = await newContext();
        // Two tabs of one browser: each has its own session (sessionStorage is per tab).
        const tabA = await newPage(context);
        const tabB = await newPage(context);
        await tabB.goto('/app/usage');
        await logInInBrowser(tabB, owner.email, owner.password);
        await visible(tabB.getByRole('heading', { name: 'Usage & plan', level: 1 }));
        await tabA.goto('/app/settings');
        await logInInBrowser(tabA, owner.email, owner.password);
        await visible(tabA.getByRole('heading', { name: 'Settings', level: 1 }));

        await tabA.getByLabel('Current password').fill(owner.password);
        await tabA.getByLabel('New password').fill('a brand new password');
        await tabA.getByRole('button', { name: 'Change password' }).click();
        await visible(tabA.getByText('Password changed.', { exact: false }));
        // This tab signed in again with the new password and keeps working.
        await goTo(tabA, 'Team');
        await visible(tabA.getByRole('table', { name: 'Members' }).getByText(owner.email));

        // The other tab's session ended: its next request sends it to log in, then back.
        await goTo(tabB, 'Team');
        await visible(tabB.getByText('Your session ended.'));
        expect(new URL(tabB.url()).pathname).toBe('/app/login');
        await logInInBrowser(tabB, owner.email, 'a brand new password');
        await visible(tabB.getByRole('heading', { name: 'Team', level: 1 }));
        expect(new URL(tabB.url()).pathname).toBe('/app/team');
      }),
    JOURNEY_TIMEOUT,
  );

  it(
    'a viewer sees no write controls, and a 403 is a message',
    () =>
      runJourney('viewer', async ({ t, newContext, newPage }) => {
        const owner = await signup(t, { company: 'Viewed Tenant' });
        const key = await t.api.POST('/api/v1/portal/keys', {
          headers: bearer(owner.token),
          body: { name: 'Owner key', scopes: ['search'] },
        });
        expect(key.response.status).toBe(201);
        const viewer = await member(t, owner.tenantId, 'viewer');
        const page = await newPage(await newContext());
        await page.goto('/app');
        await logInInBrowser(page, viewer.email, viewer.password);
        await visible(page.getByRole('heading', { name: 'Overview', level: 1 }));
        // Signed in to their own tenant first: switch to the one they view.
        await page.getByLabel('Tenant').selectOption({ label: 'Viewed Tenant (viewer)' });
        await visible(page.getByText('viewer', { exact: true }));

        await goTo(page, 'API keys');
        const row = page
          .getByRole('table', { name: 'API keys' })
          .getByRole('row')
          .filter({ hasText: 'Owner key' });
        await visible(row);
        expect(await page.getByRole('button', { name: 'Create key' }).count()).toBe(0);
        expect(await row.getByRole('button').count()).toBe(0);

        await goTo(page, 'Collections');
        await visible(page.getByText('No collections yet'));
        expect(await page.getByRole('link', { name: 'Define schema' }).count()).toBe(0);

        await goTo(page, 'Upload');
        await visible(page.getByText('Viewers cannot upload data'));
        expect(await page.getByRole('button', { name: 'Upload' }).count()).toBe(0);

        await goTo(page, 'Team');
        await visible(page.getByRole('table', { name: 'Members' }).getByText(owner.email));
        expect(await page.getByRole('button', { name: 'Invite member' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: /Block|Remove/ }).count()).toBe(0);

        await goTo(page, 'Settings');
        await visible(page.getByText('Only admins and owners can change these settings.'));
        expect(await page.getByRole('button', { name: 'Save security settings' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Create project' }).count()).toBe(0);
        expect(await page.getByRole('heading', { name: 'Webhook signing secret' }).count()).toBe(0);
        // Webhooks are for admins: no tab, and the page itself says so.
        expect(await page.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
        await page.goto('/app/settings/webhooks');
        await visible(page.getByRole('alert').getByText('Webhooks are not available to you'));
        expect(await page.getByRole('button', { name: 'Add endpoint' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Reveal' }).count()).toBe(0);

        await goTo(page, 'Usage & plan');
        await visible(page.getByRole('heading', { name: 'Plan', exact: true }));
        expect(await page.getByRole('button', { name: 'Change plan' }).count()).toBe(0);

        // The audit log needs admin: the server's 403 is shown as a message, not a blank page.
        await goTo(page, 'Audit log');
        const refusal = page.getByRole('alert');
        await visible(refusal.getByText('The audit log is not available to you'));
      }),
    JOURNEY_TIMEOUT,
  );
});
