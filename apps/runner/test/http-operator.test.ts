import { defineJob, type RunRecord } from '@pokemon/scheduler';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runner } from '../src/runner.js';
import { useTestDaemon } from './daemon-harness.js';

const TOKEN = 'test-token-0123456789';

const jobs = [
  defineJob({ name: 'fetch-sets', schedule: '0 0 1 1 *', run: () => ({ inserted: 3 }) }),
  defineJob({ name: 'fetch-cards', schedule: '0 3 * * *', run: () => ({ inserted: 1 }) }),
];

function call(method: string, path: string, body?: unknown, token: string | null = TOKEN): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

const served = useTestDaemon(jobs, TOKEN);
let runner: Runner;
let base: string;
beforeAll(() => {
  ({ runner, base } = served);
});

describe('HTTP API for operators', () => {
  it('refuses a bad history filter with 400 naming the query parameter, not a CLI flag', async () => {
    const cases: [string, RegExp][] = [
      ['cursor=bogus', /^query parameter "cursor": not a cursor from a previous page/],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', /^query parameter "from": `from` must be before `to`/],
      ['status=fine', /^query parameter "status.0": Invalid option/],
      ['limit=0', /^query parameter "limit": Too small/],
      ['from=yesterday', /^query parameter "from": Invalid ISO datetime/],
    ];
    for (const [query, message] of cases) {
      const res = await call('GET', `/api/runs?${query}`);
      expect(res.status, query).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('--');
    }
  });

  it.each(['/healthz', '/readyz', '/metrics'])('answers HEAD on %s with the GET status and no body', async (path) => {
    const res = await call('HEAD', path, undefined, null);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('names process metrics without a doubled process_ prefix', async () => {
    const text = await (await call('GET', '/metrics', undefined, null)).text();
    expect(text).toMatch(/^pokemon_cron_process_cpu_seconds_total /m);
    expect(text).not.toContain('process_process_');
  });

  it('answers a trigger with the id of the run it started', async () => {
    const finished = new Promise<RunRecord>((resolve) => {
      const off = runner.scheduler.on('run:finished', ({ run }) => {
        if (run.job !== 'fetch-cards') return;
        off();
        resolve(run);
      });
    });
    const res = await call('POST', '/api/jobs/fetch-cards/trigger', {});
    expect(res.status).toBe(202);
    const body = (await res.json()) as { runId: string };
    expect(body.runId).toBe((await finished).id);
  });

  it('overrides and clears a schedule behind the admin token', async () => {
    expect((await call('PUT', '/api/jobs/fetch-sets/schedule', { cron: '*/5 * * * *' }, null)).status).toBe(401);
    const set = await call('PUT', '/api/jobs/fetch-sets/schedule', { cron: '*/5 * * * *' });
    expect(set.status).toBe(200);
    expect(await runner.store.getJob('fetch-sets')).toMatchObject({ scheduleOverride: '*/5 * * * *' });
    const bad = await call('PUT', '/api/jobs/fetch-sets/schedule', { cron: '61 * * * *' });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('INVALID_SCHEDULE');
    expect((await call('PUT', '/api/jobs/fetch-sets/schedule', {})).status).toBe(400);
    const cleared = await call('DELETE', '/api/jobs/fetch-sets/schedule');
    expect(cleared.status).toBe(200);
    expect((await runner.store.getJob('fetch-sets'))?.scheduleOverride ?? null).toBeNull();
  });

  it('pauses with a note', async () => {
    const res = await call('POST', '/api/jobs/fetch-cards/pause', { note: 'x' });
    expect(await res.json()).toEqual({ job: 'fetch-cards', state: 'paused' });
    expect(await runner.store.getJob('fetch-cards')).toMatchObject({ paused: true, pauseNote: 'x' });
  });

  it("records the admin API's actions in the audit log as the admin token, with the daemon's instance", async () => {
    expect((await call('POST', '/api/jobs/fetch-sets/resume', {})).status).toBe(200);
    const { entries } = await runner.store.listAudit({ actor: 'admin-token' });
    expect(entries.map((entry) => [entry.action, entry.job, entry.instanceId]).reverse()).toEqual([
      ['job.triggered', 'fetch-cards', runner.scheduler.instanceId],
      ['job.schedule-overridden', 'fetch-sets', runner.scheduler.instanceId],
      ['job.schedule-cleared', 'fetch-sets', runner.scheduler.instanceId],
      ['job.paused', 'fetch-cards', runner.scheduler.instanceId],
      ['job.resumed', 'fetch-sets', runner.scheduler.instanceId],
    ]);
    expect(entries.find((entry) => entry.action === 'job.paused')?.note).toBe('x');
  });
});
