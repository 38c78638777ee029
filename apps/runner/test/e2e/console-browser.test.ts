/// <reference lib="dom" />
// The web console in a real browser (Debian's Chromium through playwright-core) against the built
// `cron-runner start`, on SQLite and on PostgreSQL, with 10,000 runs in the store. Screenshots of
// every page go to apps/runner/test-results/screenshots/.
import { createPostgresStore } from '@pokemon/scheduler/postgres';
import { createSqliteStore } from '@pokemon/scheduler/sqlite';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPostgresRuns, seedSqliteRuns } from '../../../../tools/seed-runs/seed-runs.js';
import { createTestDatabase, type TestDatabase } from '../../../../tools/test-postgres/database.js';
import { type CliProcess, spawnCli, tempRunnerEnv } from './cli-process.js';
import { launchBrowser, openPage, roleTokens, screenshot, signIn } from './console-browser.js';
import { makeBackupHistory, previousMonth } from './slot-history.js';

const JOBS = [
  'sync-missing-sets',
  'sync-missing-cards',
  'validate-data-integrity',
  'backup-database',
  'rotate-backups',
  'replicate-to-primary',
  'database-health-check',
  'cleanup-stale-data',
];
const SEEDED = 10_000;

describe.each(['sqlite', 'postgres'] as const)('the console in a browser (runner on %s)', (backend) => {
  const tokens = roleTokens();
  const bodies: string[] = [];
  let db: TestDatabase | undefined;
  let daemon: CliProcess;
  let url: string;
  let browser: Browser;
  // SQLite only: a PostgreSQL store stamps claims and starts with the database's clock, not the fake one.
  let history: Awaited<ReturnType<typeof makeBackupHistory>> | undefined;

  beforeAll(async () => {
    const extra: Record<string, string> = { POKEMON_CRON_HTTP_PORT: '0', POKEMON_CRON_CONSOLE_TOKENS: tokens.env };
    if (backend === 'postgres') {
      db = await createTestDatabase('runner_console');
      extra.POKEMON_CRON_STORE = db.url;
    }
    const { env } = await tempRunnerEnv(extra);
    const storeUrl = env.POKEMON_CRON_STORE ?? '';
    const seed = { rows: SEEDED, jobs: JOBS, endMs: Date.now() - 60_000 };
    if (backend === 'postgres') {
      await using store = createPostgresStore({ connectionString: storeUrl });
      await store.init();
      await seedPostgresRuns(storeUrl, 'scheduler', seed);
    } else {
      await using store = createSqliteStore({ filename: storeUrl });
      await store.init();
      // The month of history first: a scheduler starts from the newest slot the store holds.
      history = await makeBackupHistory((clock) => createSqliteStore({ filename: storeUrl }, { clock }));
      seedSqliteRuns(storeUrl, seed);
    }
    daemon = spawnCli(['start'], env);
    ({ url } = JSON.parse(await daemon.waitForStderr(/"http server listening"/, 30_000)) as { url: string });
    await daemon.waitForStderr(/"scheduler started"/, 30_000);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    daemon?.child.kill('SIGTERM');
    await daemon?.exited;
    await db?.drop();
  });

  const api = (path: string, init: RequestInit = {}, secret = tokens.secrets.admin) =>
    fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${secret}`, ...init.headers } });

  it('signs in and lists the eight jobs; every page renders, light and dark', { timeout: 60_000 }, async () => {
    const { context, page } = await openPage(browser, bodies);
    await page.goto(url);
    await page.getByLabel('Token').waitFor();
    await screenshot(page, backend, 'sign-in');
    await signIn(page, url, tokens.secrets.admin);
    expect(
      await page.locator('tr[data-job]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-job'))),
    ).toEqual(JOBS);
    await screenshot(page, backend, 'jobs');
    await page.getByRole('link', { name: 'backup-database', exact: true }).click();
    await page.getByRole('heading', { name: 'Upcoming slots' }).waitFor();
    await page.locator('.chart canvas').first().waitFor();
    await screenshot(page, backend, 'job');
    for (const name of ['instances', 'audit']) {
      await page.goto(`${url}/${name}`);
      await page.locator('main h1, main .error').first().waitFor();
      await screenshot(page, backend, name);
    }
    await context.close();
    const dark = await openPage(browser, bodies, 'dark');
    await signIn(dark.page, url, tokens.secrets.viewer);
    await screenshot(dark.page, backend, 'jobs-dark');
    await dark.context.close();
  });

  it('shows a trigger live: running, then succeeded, each within a second', async () => {
    const { context, page } = await openPage(browser, bodies);
    await signIn(page, url, tokens.secrets.operator);
    await page.locator('[data-live="stream"]').waitFor();
    const cell = page.locator('tr[data-job="rotate-backups"] [data-cell="last-run"]');
    // Every status the cell shows, with when it showed it.
    await cell.evaluate((element) => {
      const seen: { status: string; at: number }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => seen.push({ status: element.textContent ?? '', at: Date.now() })).observe(element, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    const row = page.locator('tr[data-job="rotate-backups"]');
    await row.getByRole('button', { name: 'Trigger' }).click();
    await row.locator('dialog[open] [data-confirm]').click();
    // The run is seeded history's newest for this job only once it has run: wait for running, then succeeded.
    await page.waitForFunction(
      () => {
        const seen = (window as unknown as { seen: { status: string }[] }).seen;
        const running = seen.findIndex((s) => s.status.includes('running'));
        return running >= 0 && seen.slice(running).some((s) => s.status.includes('succeeded'));
      },
      undefined,
      { timeout: 5_000 },
    );
    const seen = await page.evaluate(() => (window as unknown as { seen: { status: string; at: number }[] }).seen);
    const running = seen.find((s) => s.status.includes('running'));
    const succeeded = seen.slice(seen.indexOf(running!)).find((s) => s.status.includes('succeeded'));
    expect(running, JSON.stringify(seen)).toBeDefined();
    const runs = (await (await api('/api/runs?job=rotate-backups&trigger=manual&limit=1')).json()) as {
      runs: { status: string; scheduledFor: string; finishedAt: string }[];
    };
    const [run] = runs.runs;
    expect(run?.status).toBe('succeeded');
    // Within a second of the trigger (a manual run's slot is when it was asked for), then of the
    // run's final record: server times, so the browser's own click latency is not counted.
    expect(running!.at - Date.parse(run!.scheduledFor), JSON.stringify({ seen, run })).toBeLessThan(1_000);
    expect(succeeded!.at - Date.parse(run!.finishedAt), JSON.stringify({ seen, run })).toBeLessThan(1_000);
    await context.close();
  });

  it('falls back to polling when the stream is down, and still shows new runs', async () => {
    const { context, page } = await openPage(browser, bodies);
    await page.route('**/api/events', (route) => route.abort());
    await signIn(page, url, tokens.secrets.viewer);
    await page.locator('[data-live="polling"]').waitFor();
    const cell = page.locator('tr[data-job="validate-data-integrity"] [data-cell="last-run"]');
    const before = await cell.locator('a').getAttribute('href');
    const res = await api('/api/jobs/validate-data-integrity/trigger', { method: 'POST' }, tokens.secrets.operator);
    const { runId } = (await res.json()) as { runId: string };
    await page.waitForFunction(
      (id) =>
        document
          .querySelector('tr[data-job="validate-data-integrity"] [data-cell="last-run"] a')
          ?.getAttribute('href') === `runs/${id}`,
      runId,
      { timeout: 10_000 },
    );
    expect(before).not.toBe(`runs/${runId}`);
    await context.close();
  });

  it('works from the keyboard: an action opens its confirmation with Enter, Escape cancels it', async () => {
    const { context, page } = await openPage(browser, bodies);
    await signIn(page, url, tokens.secrets.operator);
    const pause = page.locator('tr[data-job="cleanup-stale-data"]').getByRole('button', { name: 'Pause' });
    await pause.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' }).catch(() => undefined);
    expect(await page.locator('dialog[open]').count()).toBe(0);
    const job = (await (await api('/api/jobs/cleanup-stale-data')).json()) as { state: string };
    expect(job.state).toBe('active');
    await context.close();
  });

  it('filters and pages through 10,000 runs, the filters kept in the URL', async () => {
    const { context, page } = await openPage(browser, bodies);
    await signIn(page, url, tokens.secrets.viewer);
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.locator('tr[data-run]').first().waitFor();
    await page.getByLabel('Job').selectOption('backup-database');
    await page.getByLabel('Status').selectOption('failed');
    await page.getByLabel('Error contains').fill('503');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/job=backup-database/);
    expect(page.url()).toMatch(/status=failed/);
    expect(page.url()).toMatch(/q=503/);
    await page.locator('tr[data-run]').first().waitFor();
    const statuses = await page
      .locator('tr[data-run]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    // 10,000 runs over 8 jobs, every 20th slot failed: 63 failed runs of backup-database.
    expect(statuses).toHaveLength(50);
    expect(new Set(statuses)).toEqual(new Set(['failed']));
    await screenshot(page, backend, 'runs-filtered');
    const firstPage = await page.locator('tr[data-run]').first().getAttribute('data-run');
    await page.getByRole('button', { name: 'Older' }).click();
    await page.waitForURL(/cursor=/);
    await page.waitForFunction((first) => {
      const id = document.querySelector('tr[data-run]')?.getAttribute('data-run');
      return id !== undefined && id !== null && id !== first;
    }, firstPage);
    expect(await page.locator('tr[data-run]').count()).toBe(13);
    expect(await page.getByRole('button', { name: 'Older' }).isDisabled()).toBe(true);
    // The link alone restores the view.
    const shared = await openPage(browser, bodies);
    await signIn(shared.page, url, tokens.secrets.viewer);
    await shared.page.goto(page.url());
    await shared.page.locator('tr[data-run]').first().waitFor();
    expect(await shared.page.locator('tr[data-run]').count()).toBe(13);
    await shared.context.close();
    await context.close();
  });

  it('shows a month of slots by class, from the job page, keyboard reachable, light and dark', async () => {
    const { context, page } = await openPage(browser, bodies);
    await signIn(page, url, tokens.secrets.viewer);
    await page.goto(`${url}/jobs/backup-database`);
    await page.getByRole('link', { name: /Slot audit/ }).click();
    await page.waitForURL(/\/slots\?job=backup-database/);
    await page.locator('.slot-legend').waitFor();
    // The month before this one (on SQLite, the known history): the legend shows the API's counts.
    const month = history?.month ?? previousMonth().month;
    await page.goto(`${url}/slots?job=backup-database&month=${month}`);
    await page.locator('.slot-legend [data-count]').first().waitFor();
    const shown: Record<string, number> = Object.fromEntries(
      await page
        .locator('.slot-legend [data-count]')
        .evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-count') ?? '', Number(c.textContent)] as const)),
    );
    const [year, monthIndex] = month.split('-').map(Number) as [number, number];
    const from = new Date(Date.UTC(year, monthIndex - 1, 1)).toISOString();
    const to = new Date(Date.UTC(year, monthIndex, 1)).toISOString();
    const answer = (await (await api(`/api/slots?job=backup-database&from=${from}&to=${to}`)).json()) as {
      jobs: { counts: Record<string, number> }[];
    };
    expect(shown).toEqual(answer.jobs[0]?.counts);
    const classes = await page
      .locator('td[data-cell]')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-class')));
    expect(classes.filter((c) => c !== 'none')).toHaveLength(Object.values(shown).reduce((x, y) => x + y, 0));
    // One tab stop (the first hour with a slot); arrow keys move a day down, and the hour is described.
    const start = Number(await page.locator('td[data-cell][tabindex="0"]').getAttribute('data-cell'));
    await page.locator('td[data-cell][tabindex="0"]').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe(String(start + 24));
    const label = await page.locator(`td[data-cell="${start + 24}"]`).getAttribute('aria-label');
    await expect(page.locator('.slot-detail').textContent()).resolves.toContain(label);
    if (history) {
      expect(shown).toEqual(history.counts);
      expect(start).toBe(0); // day 1, 00:00
      for (let i = 1; i < 10; i++) await page.keyboard.press('ArrowDown');
      await expect(page.locator('.slot-detail').textContent()).resolves.toMatch(
        /-11 00:00 UTC: 00:00 skipped \(paused/,
      );
      for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
      await expect(page.locator('.slot-detail').textContent()).resolves.toMatch(/-21 00:00 UTC: 00:00 missed/);
    }
    await screenshot(page, backend, 'slots');
    // Another job keeps the month in the URL.
    await page.getByLabel('Job').selectOption('database-health-check');
    await page.waitForURL(new RegExp(`job=database-health-check&month=${month}`));
    await context.close();
    const dark = await openPage(browser, bodies, 'dark');
    await signIn(dark.page, url, tokens.secrets.viewer);
    await dark.page.goto(`${url}/slots?job=backup-database&month=${month}`);
    await dark.page.locator('.slot-legend').waitFor();
    await screenshot(dark.page, backend, 'slots-dark');
    await dark.context.close();
  });

  it("shows a failed run's every attempt with its error", async () => {
    const { context, page } = await openPage(browser, bodies);
    await signIn(page, url, tokens.secrets.viewer);
    await page.goto(`${url}/runs?job=sync-missing-sets&status=failed`);
    await page.locator('tr[data-run] a').first().click();
    await page.getByRole('heading', { name: 'Attempts' }).waitFor();
    expect(await page.locator('li[data-attempt]').count()).toBe(2);
    await expect(page.locator('li[data-attempt="1"]').textContent()).resolves.toMatch(
      /card source answered 503 Service Unavailable/,
    );
    await screenshot(page, backend, 'run');
    await context.close();
  });

  it('gives a viewer no action button, and 403 on a crafted POST', async () => {
    const { context, page } = await openPage(browser, bodies);
    await signIn(page, url, tokens.secrets.viewer);
    expect(await page.locator('button[data-action]').count()).toBe(0);
    await page.goto(`${url}/jobs/rotate-backups`);
    await page.getByRole('heading', { name: 'Upcoming slots' }).waitFor();
    expect(await page.locator('button[data-action]').count()).toBe(0);
    const status = await page.evaluate(async () => {
      const res = await fetch('api/jobs/rotate-backups/pause', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return res.status;
    });
    expect(status).toBe(403);
    await context.close();
  });

  it('refuses a cross-origin POST carrying an operator session', async () => {
    const { context, page } = await openPage(browser, bodies);
    await signIn(page, url, tokens.secrets.operator);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const refused = await fetch(`${url}/api/jobs/rotate-backups/pause`, {
      method: 'POST',
      headers: {
        cookie: `${cookie?.name}=${cookie?.value}`,
        origin: 'http://evil.example',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'ORIGIN_REFUSED' } });
    const job = (await (await api('/api/jobs/rotate-backups')).json()) as { state: string };
    expect(job.state).toBe('active');
    await context.close();
  });

  it('no token, hash or session secret in any HTML, JS or API response', async () => {
    expect(bodies.length).toBeGreaterThan(20);
    const all = bodies.join('\n');
    for (const secret of Object.values(tokens.secrets)) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/sha256:[0-9a-f]{64}/);
  });
});
