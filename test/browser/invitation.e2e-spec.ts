import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { uniqueEmail } from '../support/factories.js';
import { SmtpSink } from '../team/smtp-sink.js';
import {
  describeJourneys,
  goTo,
  JOURNEY_TIMEOUT,
  runJourney,
  signUpInBrowser,
  visible,
} from './support/journey.js';

describeJourneys('journey 2: inviting a teammate', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await SmtpSink.start();
  });
  afterAll(() => sink.close());

  it(
    'invites by mail; the invitee accepts from the link in another browser and, as developer, is offered no admin controls',
    () =>
      runJourney(
        'invitation',
        async ({ t, newContext, newPage }) => {
          const owner = await newPage(await newContext());
          await signUpInBrowser(owner, uniqueEmail('owner'), 'a long password', 'Team Tenant');
          await goTo(owner, 'Team');
          await owner.getByRole('button', { name: 'Invite member' }).click();
          const invite = owner.getByRole('dialog', { name: 'Invite a member' });
          const invitee = uniqueEmail('dev');
          await invite.getByLabel('Email').fill(invitee);
          await invite.getByLabel('Role').selectOption('developer');
          await invite.getByRole('button', { name: 'Send invitation' }).click();
          await invite.waitFor({ state: 'detached' });
          const row = owner
            .getByRole('table', { name: 'Invitations' })
            .getByRole('row')
            .filter({ hasText: invitee });
          // The list follows the mail's dispatch status: queued, then sent.
          await visible(row.getByText('sent', { exact: true }), 20_000);

          const mail = await sink.until(() => sink.mailTo(invitee));
          const link = /https?:\/\/\S+\/invitations\/accept\?token=[A-Za-z0-9_%-]+/.exec(mail.text)?.[0];
          expect(link).toBeDefined();

          // A second browser profile: the invitee signs up as the invited email, then accepts.
          const guest = await newPage(await newContext());
          // The mail links to PUBLIC_BASE_URL; this server listens on a port chosen at start.
          const { pathname, search } = new URL(link!);
          await guest.goto(`${t.baseUrl}${pathname}${search}`);
          await visible(guest.getByRole('heading', { name: 'You have been invited' }));
          await guest.getByRole('link', { name: 'Sign up' }).click();
          await guest.getByLabel('Email').fill(invitee);
          await guest.getByLabel('Password').fill('another long password');
          await guest.getByRole('button', { name: 'Sign up' }).click();
          await visible(guest.getByRole('heading', { name: 'Accept the invitation' }));
          await guest.getByRole('button', { name: 'Accept invitation' }).click();
          await visible(guest.getByRole('heading', { name: 'Overview', level: 1 }));
          // Now in the inviting tenant, with a switcher to the invitee's own tenant.
          const switcher = guest.getByLabel('Tenant');
          await visible(switcher);
          expect(await switcher.locator('option:checked').textContent()).toContain('Team Tenant (developer)');

          await goTo(guest, 'Team');
          await visible(guest.getByRole('table', { name: 'Members' }).getByText(invitee));
          expect(await guest.getByRole('button', { name: 'Invite member' }).count()).toBe(0);
          await goTo(guest, 'API keys');
          await guest.getByRole('button', { name: 'Create key' }).first().click();
          const create = guest.getByRole('dialog', { name: 'Create API key' });
          await visible(create.getByRole('checkbox', { name: /^search/ }));
          for (const scope of ['admin', 'keys:read', 'keys:write', 'audit:read']) {
            expect({
              scope,
              offered: await create.getByRole('checkbox', { name: new RegExp(`^${scope} `) }).count(),
            }).toEqual({
              scope,
              offered: 0,
            });
          }
          expect(await create.getByRole('checkbox', { name: /^ingest / }).count()).toBe(1);
          await guest.keyboard.press('Escape');
          await create.waitFor({ state: 'detached' });
        },
        { env: { SMTP_URL: sink.url } },
      ),
    JOURNEY_TIMEOUT,
  );
});
