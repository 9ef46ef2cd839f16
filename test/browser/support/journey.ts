/**
 * Browser journeys: a person's path through the dashboard in Debian's Chromium (playwright-core),
 * against the built bundle served by the real server, under its Content Security Policy.
 *
 * - Chromium: CHROMIUM_PATH, else /usr/bin/chromium. Missing outside CI: the journeys say so loudly
 *   and skip; missing with CI=true: they fail.
 * - A page error, a CSP violation or a failed asset load fails the journey.
 * - On failure, a screenshot of every open page and the server's log are kept in
 *   test/browser/artifacts/ (git-ignored).
 */
import { describe, it } from '@jest/globals';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startApp, type StartOptions, type TestApp } from '../../support/app.js';
import { bearer } from '../../support/http.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
export const JOURNEY_TIMEOUT = 180_000;
/** How long a control may take to appear (the server works on two shared cores). */
export const WAIT = 15_000;

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** `describe` for journeys: skipped loudly without Chromium, failing under CI. */
export function describeJourneys(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(
          `Chromium not found at ${CHROMIUM}. Install it (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH.`,
        );
      });
    });
    return;
  }
  process.stderr.write(
    `\n${'!'.repeat(78)}\n!! SKIPPED browser journeys "${name}": no Chromium at ${CHROMIUM}.\n` +
      `!! Install it (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH.\n` +
      `!! With CI=true this is a failure.\n${'!'.repeat(78)}\n\n`,
  );
  describe.skip(name, body);
}

export interface Journey {
  t: TestApp;
  browser: Browser;
  /** A fresh browser profile (its own sessionStorage, clipboard permission granted). */
  newContext: (options?: { baseUrl?: string }) => Promise<BrowserContext>;
  /** A new tab in a context, watched for page errors and CSP violations. */
  newPage: (context: BrowserContext) => Promise<Page>;
  serverLog: () => string;
}

/** Boots the server and a browser, runs `body`, and keeps evidence when it fails. */
export async function runJourney(
  name: string,
  body: (j: Journey) => Promise<void>,
  options: StartOptions & { hostResolverRules?: string } = {},
): Promise<void> {
  const log: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'info', base: { service: 'cistern' } }, sink);
  const t = await startApp({ ...options, logger });
  const args = options.hostResolverRules
    ? [...LAUNCH_ARGS, `--host-resolver-rules=${options.hostResolverRules}`]
    : LAUNCH_ARGS;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  const problems: string[] = [];
  const pages: Page[] = [];

  const journey: Journey = {
    t,
    browser,
    serverLog: () => log.join(''),
    newContext: async ({ baseUrl = t.baseUrl } = {}) => {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: 1280, height: 800 },
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      // Runs before the app's own script: CSP violations are reported as console errors below.
      await context.addInitScript({
        content: `document.addEventListener('securitypolicyviolation', (event) => {
          console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI);
        });`,
      });
      return context;
    },
    newPage: async (context) => {
      const page = await context.newPage();
      pages.push(page);
      page.setDefaultTimeout(WAIT);
      page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        const text = message.text();
        if (/CSP violation|Content Security Policy/i.test(text)) problems.push(`CSP: ${text}`);
      });
      page.on('requestfailed', (request) => {
        if (request.url().includes('/assets/')) {
          problems.push(`asset failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
        }
      });
      return page;
    },
  };

  try {
    await body(journey);
    if (problems.length > 0) throw new Error(`The page reported problems:\n${problems.join('\n')}`);
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    for (const [i, page] of pages.entries()) {
      if (page.isClosed()) continue;
      await page
        .screenshot({ path: join(ARTIFACTS, `${slug}-page${i + 1}.png`), fullPage: true })
        .catch(() => undefined);
    }
    writeFileSync(join(ARTIFACTS, `${slug}.server.log`), log.join(''));
    if (problems.length > 0 && error instanceof Error && !error.message.startsWith('The page reported')) {
      error.message += `\nThe page also reported:\n${problems.join('\n')}`;
    }
    if (error instanceof Error) error.message += `\n(screenshots and server log in ${ARTIFACTS})`;
    throw error;
  } finally {
    await browser.close();
    await t.close();
  }
}

/** Waits until the locator is visible. */
export async function visible(locator: Locator, timeout = WAIT): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator;
}

/** The clipboard's text (evaluated in the page: the test's TypeScript has no DOM types). */
export function clipboardText(page: Page): Promise<string> {
  return page.evaluate('navigator.clipboard.readText()');
}

/** Everything the page keeps: its address, its markup and both storages. */
export async function pageState(page: Page): Promise<string> {
  const storage = await page.evaluate('JSON.stringify([{ ...sessionStorage }, { ...localStorage }])');
  return `${page.url()}\n${await page.content()}\n${String(storage)}`;
}

/** Signs up through the dashboard; lands on the overview. */
export async function signUpInBrowser(
  page: Page,
  email: string,
  password: string,
  company: string,
): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign up' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Company').fill(company);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await visible(page.getByRole('heading', { name: 'Overview', level: 1 }));
}

export async function logInInBrowser(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Calls the API with a raw key; answers the status. */
export async function whoamiStatus(t: TestApp, key: string): Promise<number> {
  const res = await t.api.GET('/api/v1/auth/whoami', { headers: bearer(key) });
  return res.response.status;
}

/** Follows a link of the sidebar. */
export async function goTo(page: Page, section: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: section, exact: true })
    .click();
}

/** Creates a key in the open API keys page; copies it, closes the dialog, answers the raw key. */
export async function createKeyInBrowser(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Create key' }).first().click();
  const create = page.getByRole('dialog', { name: 'Create API key' });
  await create.getByLabel('Name').fill(name);
  await create.getByRole('button', { name: 'Create key' }).click();
  return takeShownKey(page, `Key “${name}” created`);
}

/** Reads the key of the show-once dialog, copies it and closes the dialog. */
export async function takeShownKey(page: Page, title: string): Promise<string> {
  const shown = page.getByRole('dialog', { name: title });
  await visible(shown);
  const key = ((await shown.getByLabel('API key').textContent()) ?? '').trim();
  await shown.getByRole('button', { name: 'Copy', exact: true }).click();
  await visible(shown.getByRole('button', { name: 'Copied', exact: true }));
  await shown.getByRole('button', { name: 'Done' }).click();
  await shown.waitFor({ state: 'detached' });
  return key;
}
