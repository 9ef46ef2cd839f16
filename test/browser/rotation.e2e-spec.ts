import { expect, it } from '@jest/globals';
import { uniqueEmail } from '../support/factories.js';
import {
  createKeyInBrowser,
  describeJourneys,
  goTo,
  JOURNEY_TIMEOUT,
  pageState,
  runJourney,
  signUpInBrowser,
  takeShownKey,
  visible,
  whoamiStatus,
} from './support/journey.js';

describeJourneys('journey 3: rotating and revoking a key', () => {
  it(
    'rotates with a 24-hour grace (both keys work), revokes the new key after a cancel, and lists it under "Show revoked"',
    () =>
      runJourney('rotation', async ({ t, newContext, newPage }) => {
        const page = await newPage(await newContext());
        await signUpInBrowser(page, uniqueEmail('rot'), 'a long password', 'Rotation Tenant');
        await goTo(page, 'API keys');
        const oldKey = await createKeyInBrowser(page, 'Worker');
        const keyRow = (prefix: string) =>
          page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: prefix });

        // Closing the show-once dialog without copying asks first.
        await keyRow(oldKey.slice(0, 12)).getByRole('button', { name: 'Rotate' }).click();
        const rotate = page.getByRole('dialog', { name: 'Rotate “Worker”' });
        await rotate.getByRole('radio', { name: 'In 24 hours' }).check();
        await rotate.getByRole('button', { name: 'Rotate key' }).click();
        const shown = page.getByRole('dialog', { name: 'Key “Worker” rotated' });
        await visible(shown);
        await page.keyboard.press('Escape');
        await visible(shown.getByText('You have not copied this key.'));
        await shown.getByRole('button', { name: 'Go back' }).click();
        // The rotated key's dialog fills the MCP client config with the new key as well.
        const shownKey = (await shown.getByLabel('API key').textContent())!.trim();
        expect(await shown.getByLabel('Connect an agent (MCP client config)').textContent()).toContain(
          `"Authorization": "Bearer ${shownKey}"`,
        );
        const newKey = await takeShownKey(page, 'Key “Worker” rotated');
        expect(newKey).not.toBe(oldKey);
        expect(await pageState(page)).not.toContain(newKey);

        expect(await whoamiStatus(t, oldKey)).toBe(200);
        expect(await whoamiStatus(t, newKey)).toBe(200);
        await visible(keyRow(oldKey.slice(0, 12)).getByText('grace', { exact: true }));

        // Revoke the new key: Cancel keeps it; confirming stops it at once.
        const newRow = keyRow(newKey.slice(0, 12));
        await newRow.getByRole('button', { name: 'Revoke' }).click();
        const confirm = page.getByRole('dialog', { name: 'Revoke “Worker”?' });
        await visible(confirm.getByText('It has never been used.'));
        await confirm.getByRole('button', { name: 'Cancel' }).click();
        await confirm.waitFor({ state: 'detached' });
        expect(await whoamiStatus(t, newKey)).toBe(200);
        await newRow.getByRole('button', { name: 'Revoke' }).click();
        await confirm.getByRole('button', { name: 'Revoke key' }).click();
        await confirm.waitFor({ state: 'detached' });
        expect(await whoamiStatus(t, newKey)).toBe(401);
        expect(await whoamiStatus(t, oldKey)).toBe(200);
        await newRow.waitFor({ state: 'detached' });

        await page.getByRole('checkbox', { name: 'Show revoked' }).check();
        await visible(newRow.getByText('revoked', { exact: true }));
        expect(page.url()).toContain('status=all');
      }),
    JOURNEY_TIMEOUT,
  );
});
