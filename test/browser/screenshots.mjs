// Screenshots of every dashboard page at 1280x800, for people to look at (not a test):
//   node test/browser/screenshots.mjs [base URL, default http://localhost:8080] [output dir, default .tmp/screenshots]
// Signs up a fresh tenant on that server and fills it with a little data first. Start the server with
// WEBHOOK_ALLOW_PRIVATE=true for the webhook pages (their receiver runs in this script, on 127.0.0.1).
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:8080';
const out = process.argv[3] ?? '.tmp/screenshots';
mkdirSync(out, { recursive: true });
const stamp = Date.now();
const email = `ada-${stamp}@example.com`;
const password = 'a long password';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({
  baseURL: base,
  viewport: { width: 1280, height: 800 },
  permissions: ['clipboard-read', 'clipboard-write'],
});
const page = await context.newPage();
page.setDefaultTimeout(15_000);
page.on('pageerror', (e) => console.error('page error:', e.message));
const shot = async (name) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log(join(out, `${name}.png`));
};
const nav = (name) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

await page.goto('/app/login');
await shot('01-login');
await page.getByRole('link', { name: 'Sign up' }).click();
await page.getByLabel('Email').fill(email);
await page.getByLabel('Password').fill(password);
await page.getByLabel('Your name').fill('Ada Lovelace');
await page.getByLabel('Company').fill('Acme Parts');
await shot('02-signup');
await page.getByRole('button', { name: 'Sign up' }).click();
await page.getByText('0 of 4 completed').waitFor();
await shot('03-overview-new');

await nav('API keys');
await page.getByText('No API keys yet').waitFor();
await shot('04-keys-empty');
await page.getByRole('button', { name: 'Create key' }).first().click();
const create = page.getByRole('dialog', { name: 'Create API key' });
await create.getByLabel('Name').fill('Production backend');
await create.getByRole('checkbox', { name: /^ingest/ }).check();
await shot('05-key-create-dialog');
await create.getByRole('button', { name: 'Create key' }).click();
const shown = page.getByRole('dialog', { name: /created/ });
await shown.waitFor();
const key = (await shown.getByLabel('API key').textContent()).trim();
await shot('06-key-shown-once');
await page.keyboard.press('Escape');
await shot('07-key-close-without-copy');
await shown.getByRole('button', { name: 'Close without copying' }).click();
for (const name of ['Staging worker', 'Agent (read only)']) {
  await page.getByRole('button', { name: 'Create key' }).first().click();
  await create.getByLabel('Name').fill(name);
  await create.getByRole('button', { name: 'Create key' }).click();
  await shown.getByRole('button', { name: 'Copy', exact: true }).click();
  await shown.getByRole('button', { name: 'Done' }).click();
}
for (let i = 0; i < 5; i++)
  await fetch(`${base}/api/v1/auth/whoami`, { headers: { authorization: `Bearer ${key}` } });
await page
  .getByRole('row')
  .filter({ hasText: 'Staging worker' })
  .getByRole('button', { name: 'Rotate' })
  .click();
await page.getByRole('radio', { name: 'In 24 hours' }).check();
await shot('08-key-rotate-dialog');
await page.getByRole('button', { name: 'Rotate key' }).click();
const rotated = page.getByRole('dialog', { name: /rotated/ });
await rotated.getByRole('button', { name: 'Copy', exact: true }).click();
await rotated.getByRole('button', { name: 'Done' }).click();
await page
  .getByRole('row')
  .filter({ hasText: 'Agent (read only)' })
  .getByRole('button', { name: 'Revoke' })
  .click();
await shot('09-key-revoke-confirm');
await page.getByRole('button', { name: 'Revoke key' }).click();
await page.getByRole('checkbox', { name: 'Show revoked' }).check();
await shot('10-keys-list');

await nav('Collections');
await shot('11-collections-empty');
await page.getByRole('link', { name: 'Define schema' }).first().click();
await page.getByLabel('Collection').fill('products');
await page.getByLabel('Record type').fill('part');
const fields = [
  ['price', 'number', ['filterable', 'required']],
  ['category', 'string', ['searchable', 'filterable']],
  ['in_stock', 'boolean', ['filterable']],
];
for (const [i, [name, type, flags]] of fields.entries()) {
  if (i > 0) await page.getByRole('button', { name: 'Add field' }).click();
  await page.getByLabel(`Field ${i + 1} name`).fill(name);
  await page.getByLabel(`Field ${i + 1} type`).selectOption(type);
  for (const flag of flags) await page.getByLabel(`Field ${i + 1} ${flag}`).check();
}
await shot('12-schema-new');
await page.getByRole('button', { name: 'Save schema' }).click();
await page.getByRole('heading', { name: 'products', level: 1 }).waitFor();

const rows = ['name,description,external_id,price,category,in_stock'];
const kinds = ['ball bearing', 'linear bearing', 'hex bolt', 'washer', 'timing belt', 'shaft coupling'];
for (let i = 0; i < 60; i++)
  rows.push(
    `Stainless ${kinds[i % kinds.length]} ${100 + i},"Grade ${i % 3}, metric",P-${i},${(i * 1.37).toFixed(2)},${kinds[i % kinds.length].split(' ').pop()},${i % 2 === 0}`,
  );
rows.push('Broken row,no price,P-X,,misc,true');
rows.push(',nameless,P-Y,1,misc,true');
await nav('Upload');
await page.getByLabel('Collection').fill('products');
await page.getByLabel('Record type').fill('part');
await page
  .getByLabel('File', { exact: true })
  .setInputFiles({ name: 'parts.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
await shot('13-upload-ready');
await page.getByRole('button', { name: 'Upload', exact: true }).click();
await page.getByText('Upload completed').waitFor({ timeout: 30_000 });
await shot('14-upload-completed');

await nav('Collections');
await page.getByRole('table', { name: 'Collections' }).waitFor();
await shot('15-collections');
await page.getByRole('link', { name: 'products' }).click();
await page.getByRole('table', { name: 'Records' }).waitFor();
await shot('16-collection-detail');
await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
await shot('17-collection-records');

await nav('Search');
await page.getByLabel('Query').fill('bearng');
await page.getByLabel('in_stock').selectOption('true');
await page.getByRole('button', { name: 'Search', exact: true }).click();
await page.getByRole('table', { name: 'Search results' }).waitFor();
await shot('18-search');

await nav('Overview');
await page.getByText('4 of 4 completed').waitFor();
await shot('19-overview-done');

await nav('API keys');
await page.getByRole('link', { name: 'Production backend' }).click();
await page.waitForTimeout(6000); // per-key counters are written every 5 s
await page.reload();
await page.getByRole('img', { name: /requests/ }).waitFor();
await shot('20-key-detail');

await nav('Usage & plan');
await page.getByRole('heading', { name: 'Plan', exact: true }).waitFor();
await shot('21-usage');

await nav('Team');
await page.getByRole('table', { name: 'Members' }).waitFor();
await page.getByRole('button', { name: 'Invite member' }).click();
await page.getByRole('dialog').getByLabel('Email').fill(`grace-${stamp}@example.com`);
await shot('22-team-invite-dialog');
await page.getByRole('button', { name: 'Send invitation' }).click();
await page.getByRole('table', { name: 'Invitations' }).getByText(`grace-${stamp}@example.com`).waitFor();
await shot('23-team');

await nav('Audit log');
await page.getByRole('table', { name: 'Audit events' }).waitFor();
await shot('24-audit');
await page.getByRole('table', { name: 'Audit events' }).getByRole('button').first().click();
await shot('25-audit-detail');
await page.keyboard.press('Escape');

await nav('Settings');
await page.getByRole('heading', { name: 'Security' }).waitFor();
await shot('26-settings');
await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
await shot('27-settings-projects');

// Webhooks: an endpoint at a receiver started here (the server needs WEBHOOK_ALLOW_PRIVATE=true to accept it).
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.statusCode = req.url.startsWith('/gone') ? 410 : 204;
    res.end();
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hook = (path) => `http://127.0.0.1:${receiver.address().port}${path}`;
await page
  .getByRole('navigation', { name: 'Settings pages' })
  .getByRole('link', { name: 'Webhooks' })
  .click();
await page.getByText('No endpoints yet').waitFor();
await page.getByRole('button', { name: 'Add endpoint' }).first().click();
const addEndpoint = page.getByRole('dialog', { name: 'Add endpoint' });
await addEndpoint.getByLabel('URL').fill(hook('/orders'));
await addEndpoint.getByRole('checkbox', { name: /^upload\.completed/ }).check();
await addEndpoint.getByRole('checkbox', { name: /^upload\.failed/ }).check();
await shot('28-webhook-add');
await addEndpoint.getByRole('button', { name: 'Add endpoint' }).click();
await page.waitForTimeout(500);
if (await addEndpoint.isVisible()) {
  console.error('the server refused a local receiver (start it with WEBHOOK_ALLOW_PRIVATE=true)');
  await page.keyboard.press('Escape');
} else {
  await page.getByRole('button', { name: 'Add endpoint' }).first().click();
  await addEndpoint.getByLabel('URL').fill(hook('/gone/legacy'));
  await addEndpoint.getByRole('checkbox', { name: /^api_key\.rotated/ }).check();
  await addEndpoint.getByRole('button', { name: 'Add endpoint' }).click();
  const endpoints = page.getByRole('table', { name: 'Webhook endpoints' });
  for (const path of ['/orders', '/gone']) {
    await endpoints
      .getByRole('row')
      .filter({ hasText: path })
      .getByRole('button', { name: 'Send test' })
      .click();
  }
  await page.waitForTimeout(2000);
  await page.reload();
  await endpoints.waitFor();
  await shot('29-webhooks');
  await endpoints.getByRole('row').filter({ hasText: '/orders' }).getByRole('link').click();
  await page.getByRole('table', { name: 'Deliveries' }).getByText('delivered').waitFor();
  await shot('30-webhook-deliveries');
}
receiver.close();

await page.goto('/app/nowhere');
await shot('31-not-found');

const guest = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
const guestPage = await guest.newPage();
await guestPage.goto('/invitations/accept?token=example');
await guestPage.waitForTimeout(400);
await guestPage.screenshot({ path: join(out, '32-invitation.png') });
console.log(join(out, '32-invitation.png'));
await guestPage.goto('/app/keys');
await guestPage.waitForTimeout(400);
await guestPage.evaluate(() => sessionStorage.clear());
await browser.close();
