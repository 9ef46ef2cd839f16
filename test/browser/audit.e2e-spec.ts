import { expect, it } from '@jest/globals';
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
import { until } from '../support/until.js';

describeJourneys('journey 4: the audit log', () => {
  it(
    'filters by action, keeps the filter in the URL across a reload, pages with "Load more", shows a row in detail',
    () =>
      runJourney('audit', async ({ t, newContext, newPage }) => {
        const owner = await signup(t, { company: 'Audited Tenant' });
        // 30 project.created events (more than one page of 25), and other actions around them.
        for (let i = 0; i < 30; i++) {
          const res = await t.api.POST('/api/v1/projects', {
            headers: bearer(owner.token),
            body: { name: `project-${i}` },
          });
          expect(res.response.status).toBe(201);
        }
        const page = await newPage(await newContext());
        await page.goto('/app/audit');
        await logInInBrowser(page, owner.email, owner.password);
        await visible(page.getByRole('heading', { name: 'Audit log', level: 1 }));

        await page.getByLabel('Action').selectOption('project.created');
        expect(new URL(page.url()).searchParams.get('action')).toBe('project.created');
        const table = page.getByRole('table', { name: 'Audit events' });
        const rows = table.getByRole('row');
        const actionsShown = () => table.locator('tbody tr td:nth-child(2)').allTextContents();
        // One page of 25, all of the chosen action (the header row is the 26th).
        await until(
          async () => {
            const shown = await actionsShown();
            return shown.length === 25 && shown.every((a) => a === 'project.created');
          },
          30_000,
          'the first filtered page',
        );
        expect(await rows.count()).toBe(1 + 25);

        await page.reload();
        await visible(table);
        expect(await page.getByLabel('Action').inputValue()).toBe('project.created');
        await visible(page.getByRole('button', { name: 'Load more' }));
        expect(await rows.count()).toBe(1 + 25);
        await page.getByRole('button', { name: 'Load more' }).click();
        await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
        const actions = await actionsShown();
        expect(actions.length).toBeGreaterThanOrEqual(30);
        expect(new Set(actions)).toEqual(new Set(['project.created']));

        await table.getByRole('button', { name: 'project.created' }).first().click();
        const detail = page.getByRole('dialog', { name: 'project.created' });
        await visible(detail.getByText('Metadata'));
        await page.keyboard.press('Escape');
        await detail.waitFor({ state: 'detached' });

        // The sidebar keeps the filter out of other pages; coming back by URL restores it.
        await goTo(page, 'Overview');
        await page.goto('/app/audit?action=project.created');
        expect(await page.getByLabel('Action').inputValue()).toBe('project.created');

        // Settings renames a project; a taken name is the server's 409 in the dialog; default has no Rename.
        await goTo(page, 'Settings');
        const projects = page.getByRole('table', { name: 'Projects' });
        const projectRow = (name: string) =>
          projects.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
        await visible(projectRow('project-0'));
        expect(await projectRow('default').getByRole('button', { name: 'Rename' }).count()).toBe(0);
        await projectRow('project-0').getByRole('button', { name: 'Rename' }).click();
        const rename = page.getByRole('dialog', { name: 'Rename “project-0”' });
        await rename.getByLabel('Project name').fill('project-1');
        await rename.getByRole('button', { name: 'Rename project' }).click();
        await visible(rename.getByRole('alert').getByText('A project named "project-1" already exists.'));
        await rename.getByLabel('Project name').fill('mobile-app');
        await rename.getByRole('button', { name: 'Rename project' }).click();
        await rename.waitFor({ state: 'detached' });
        await visible(projectRow('mobile-app'));
        const listed = await t.api.GET('/api/v1/projects', { headers: bearer(owner.token) });
        const names = listed.data!.projects.map((p) => p.name);
        expect(names).toContain('mobile-app');
        expect(names).not.toContain('project-0');
      }),
    JOURNEY_TIMEOUT,
  );
});
