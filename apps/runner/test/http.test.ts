import { defineJob, type RunRecord } from '@pokemon/scheduler';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runner } from '../src/runner.js';
import { useTestDaemon } from './daemon-harness.js';
import { parsePrometheus, sampleValue } from './prometheus.js';

const TOKEN = 'test-token-0123456789';

const jobs = [
  defineJob({ name: 'fetch-sets', schedule: '0 0 1 1 *', description: 'Fetch sets', run: () => ({ inserted: 3 }) }),
  defineJob({
    name: 'fetch-cards',
    schedule: '0 3 * * *',
    dependsOn: ['fetch-sets'],
    run: () => {
      throw new Error('cards source down');
    },
  }),
];

async function get(path: string, token: string | null = TOKEN): Promise<Response> {
  return fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function post(path: string, body: unknown = {}, token: string | null = TOKEN): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

function nextFinished(job: string): Promise<RunRecord> {
  return new Promise((resolve) => {
    const off = runner.scheduler.on('run:finished', ({ run }) => {
      if (run.job !== job) return;
      off();
      resolve(run);
    });
  });
}

const served = useTestDaemon(jobs, TOKEN);
let runner: Runner;
let base: string;
beforeAll(() => {
  ({ runner, base } = served);
});

describe('HTTP server', () => {
  it('binds 127.0.0.1 by default', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers /healthz and /readyz', async () => {
    const health = await get('/healthz', null);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz', null);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: true, started: true });
  });

  it('refuses the API without a configured token, and POST with a wrong one', async () => {
    expect((await get('/api/jobs', null)).status).toBe(401);
    expect((await get('/api/jobs', 'wrong-token-0123456789')).status).toBe(401);
    const res = await post('/api/jobs/fetch-sets/trigger', {}, 'nope');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('serves the console page on / without a token (it holds no data), with a strict CSP', async () => {
    const page = await get('/', null);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="app">');
  });

  it('triggers runs and serves them through /api/runs, /api/runs/:id and /metrics', async () => {
    const succeeded = nextFinished('fetch-sets');
    const accepted = await post('/api/jobs/fetch-sets/trigger');
    expect(accepted.status).toBe(202);
    const run = await succeeded;
    expect(run.status).toBe('succeeded');
    const failed = nextFinished('fetch-cards');
    expect((await post('/api/jobs/fetch-cards/trigger')).status).toBe(202);
    expect((await failed).status).toBe('failed');

    const page = (await (await get('/api/runs?limit=1')).json()) as { runs: RunRecord[]; nextCursor?: string };
    expect(page.runs).toHaveLength(1);
    expect(page.runs[0]!.job).toBe('fetch-cards');
    const older = (await (await get(`/api/runs?limit=1&cursor=${encodeURIComponent(page.nextCursor!)}`)).json()) as {
      runs: RunRecord[];
    };
    expect(older.runs.map((r) => r.id)).toEqual([run.id]);
    const filtered = (await (await get('/api/runs?status=succeeded')).json()) as { runs: RunRecord[] };
    expect(filtered.runs.map((r) => r.job)).toEqual(['fetch-sets']);
    expect((await get('/api/runs?status=bogus')).status).toBe(400);

    const one = await get(`/api/runs/${run.id}`);
    expect(await one.json()).toMatchObject({
      id: run.id,
      job: 'fetch-sets',
      status: 'succeeded',
      result: { inserted: 3 },
    });
    expect((await get('/api/runs/00000000-0000-0000-0000-000000000000')).status).toBe(404);

    const metrics = await get('/metrics', null);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const { samples, types } = parsePrometheus(await metrics.text());
    expect(types.get('pokemon_cron_runs_total')).toBe('counter');
    expect(types.get('pokemon_cron_run_duration_seconds')).toBe('histogram');
    expect(sampleValue(samples, 'pokemon_cron_runs_total', { job: 'fetch-sets', status: 'succeeded' })).toBe(1);
    expect(sampleValue(samples, 'pokemon_cron_runs_total', { job: 'fetch-cards', status: 'failed' })).toBe(1);
    expect(sampleValue(samples, 'pokemon_cron_run_duration_seconds_count', { job: 'fetch-sets' })).toBe(1);
    expect(sampleValue(samples, 'pokemon_cron_runs_running', { job: 'fetch-sets' })).toBe(0);
    const lastSuccess = sampleValue(samples, 'pokemon_cron_last_success_timestamp_seconds', { job: 'fetch-sets' });
    expect(lastSuccess).toBeCloseTo(run.finishedAt ? new Date(run.finishedAt).getTime() / 1000 : 0, 0);
    expect(sampleValue(samples, 'pokemon_cron_last_success_timestamp_seconds', { job: 'fetch-cards' })).toBeUndefined();

    const listing = (await (await get('/api/jobs')).json()) as { jobs: { name: string; successRate7d: number }[] };
    expect(listing.jobs.map((j) => [j.name, j.successRate7d])).toEqual([
      ['fetch-sets', 1],
      ['fetch-cards', 0],
    ]);
  });

  it('pauses and resumes through the API, visible in /api/jobs', async () => {
    const paused = await post('/api/jobs/fetch-cards/pause', { note: 'source down' });
    expect(paused.status).toBe(200);
    expect(await paused.json()).toEqual({ job: 'fetch-cards', state: 'paused' });
    expect(await runner.store.getJob('fetch-cards')).toMatchObject({ paused: true, pauseNote: 'source down' });
    const listing = (await (await get('/api/jobs')).json()) as {
      jobs: { name: string; state: string; nextRuns: string[] }[];
    };
    expect(listing.jobs.find((j) => j.name === 'fetch-cards')).toMatchObject({ state: 'paused' });
    expect(listing.jobs.find((j) => j.name === 'fetch-sets')?.nextRuns).toHaveLength(3);
    expect((await post('/api/jobs/fetch-cards/resume')).status).toBe(200);
    expect(await runner.store.getJob('fetch-cards')).toMatchObject({ paused: false });
  });

  it('answers 404 for unknown jobs, API routes and files', async () => {
    const unknown = await post('/api/jobs/nope/trigger');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'UNKNOWN_JOB' } });
    expect((await get('/api/nope')).status).toBe(404);
    expect((await get('/nope.js', null)).status).toBe(404);
    expect((await get('/api/jobs/fetch-sets/trigger')).status).toBe(404);
  });
});
