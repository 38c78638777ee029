/**
 * A real browser against a `cron-runner start` daemon: Debian's Chromium driven by
 * playwright-core (no browser download), console tokens for each role, 10,000 seeded runs,
 * and every response the browser receives kept to check that none carries a secret.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTokenSecret, hashToken } from '@pokemon/console';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Where the test run writes a screenshot of each page (gitignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One secret per role, and the environment variable that configures their hashes. */
export function roleTokens(): { secrets: Record<'viewer' | 'operator' | 'admin', string>; env: string } {
  const secrets = { viewer: generateTokenSecret(), operator: generateTokenSecret(), admin: generateTokenSecret() };
  const env = Object.entries(secrets)
    .map(([role, secret]) => `${role}-user:${role}:${hashToken(secret)}`)
    .join(',');
  return { secrets, env };
}

/** Starts Chromium (the machine's, at /usr/bin/chromium). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A page in its own context whose every response body is appended to `bodies`. */
export async function openPage(
  browser: Browser,
  bodies: string[],
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('response', (response) => {
    // The event stream never ends: its events are checked through the API instead.
    if (response.url().endsWith('/api/events')) return;
    response.text().then(
      (text) => bodies.push(text),
      () => undefined,
    );
  });
  return { context, page };
}

/** Signs in on the console at `url` with `secret`, and waits for the jobs page. */
export async function signIn(page: Page, url: string, secret: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Token').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('table.jobs').waitFor();
}

/** Saves a full-page screenshot as `<dir>/<backend>-<name>.png`. */
export async function screenshot(page: Page, backend: string, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${backend}-${name}.png`), fullPage: true });
}
