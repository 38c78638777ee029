// Every API route × every role: anonymous callers get 401, a role below the route's 403, the
// others the route's answer; and no response carries a token or its hash.
import type { RunRecord } from '@pokemon/scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleRole } from '../src/index.js';
import { type Harness, startHarness } from './harness.js';

type Caller = ConsoleRole | 'anonymous';
const CALLERS: Caller[] = ['anonymous', 'viewer', 'operator', 'admin'];
const RANK: Record<Caller, number> = { anonymous: -1, viewer: 0, operator: 1, admin: 2 };

interface Route {
  method: string;
  /** The path; `:failed` is a failed run's id, `:run` any run's. */
  path: string;
  body?: unknown;
  least: ConsoleRole;
  ok: number;
}

const ROUTES: Route[] = [
  { method: 'GET', path: '/api/session', least: 'viewer', ok: 200 },
  { method: 'GET', path: '/api/jobs', least: 'viewer', ok: 200 },
  { method: 'GET', path: '/api/jobs/sync-cards', least: 'viewer', ok: 200 },
  { method: 'GET', path: '/api/runs?status=failed&q=503', least: 'viewer', ok: 200 },
  { method: 'GET', path: '/api/runs/:run', least: 'viewer', ok: 200 },
  { method: 'GET', path: '/api/instances', least: 'viewer', ok: 200 },
  { method: 'GET', path: '/api/openapi.json', least: 'viewer', ok: 200 },
  { method: 'GET', path: '/api/audit?action=job.paused', least: 'viewer', ok: 200 },
  { method: 'POST', path: '/api/jobs/sync-sets/trigger', body: {}, least: 'operator', ok: 202 },
  {
    method: 'POST',
    path: '/api/jobs/sync-cards/trigger',
    body: { withDependencies: true },
    least: 'operator',
    ok: 202,
  },
  { method: 'POST', path: '/api/jobs/sync-sets/pause', body: { note: 'disk swap' }, least: 'operator', ok: 200 },
  { method: 'POST', path: '/api/jobs/sync-sets/resume', least: 'operator', ok: 200 },
  {
    method: 'POST',
    path: '/api/jobs/sync-sets/backfill',
    body: { from: '2026-01-01T00:00:00Z', to: '2026-01-02T12:00:00Z' },
    least: 'operator',
    ok: 202,
  },
  { method: 'POST', path: '/api/runs/:failed/retry', least: 'operator', ok: 202 },
  { method: 'PUT', path: '/api/jobs/sync-sets/schedule', body: { cron: '*/5 * * * *' }, least: 'admin', ok: 200 },
  { method: 'DELETE', path: '/api/jobs/sync-sets/schedule', least: 'admin', ok: 200 },
];

let h: Harness;
let failed: RunRecord;
const bodies: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  failed = await h.scheduler.trigger('always-fails');
});
afterAll(async () => {
  await h?.[Symbol.asyncDispose]();
});

function resolvePath(path: string): string {
  return path.replace(':failed', failed.id).replace(':run', failed.id);
}

describe.each(ROUTES)('$method $path', (route) => {
  it.each(CALLERS)('as %s', async (caller) => {
    const role = caller === 'anonymous' ? undefined : caller;
    const res = await h.call(route.method, resolvePath(route.path), {
      ...(role ? { role } : {}),
      ...(route.body === undefined ? {} : { body: route.body }),
    });
    const text = await res.text();
    bodies.push(text);
    if (caller === 'anonymous') {
      expect(res.status).toBe(401);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    } else if (RANK[caller] < RANK[route.least]) {
      expect(res.status).toBe(403);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    } else {
      expect(res.status, text).toBe(route.ok);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('what the routes did', () => {
  it('ran what operators and admins asked, as them', async () => {
    const manual = await h.store.listRuns({ job: 'sync-sets', trigger: 'manual' });
    expect(manual.runs.length).toBeGreaterThanOrEqual(2);
    expect(await h.store.getJob('sync-sets')).toMatchObject({ paused: false });
    expect((await h.store.getJob('sync-sets'))?.scheduleOverride).toBeUndefined();
    const backfilled = await h.store.listRuns({ job: 'sync-sets', trigger: 'backfill' });
    expect(backfilled.runs.length).toBeGreaterThanOrEqual(1);
  });

  it('recorded each action in the audit log with the token name as the actor', async () => {
    const { entries } = await h.store.listAudit({ limit: 200 });
    const done = new Set(entries.map((entry) => `${entry.actor} ${entry.action}`));
    for (const actor of ['operator', 'admin']) {
      for (const action of ['job.triggered', 'job.paused', 'job.resumed', 'job.backfilled', 'run.retried']) {
        expect(done, `${actor} ${action}`).toContain(`${actor} ${action}`);
      }
    }
    expect(done).toContain('admin job.schedule-overridden');
    expect(done).toContain('admin job.schedule-cleared');
    expect([...done].some((entry) => entry.startsWith('viewer '))).toBe(false);
    const retried = entries.find((entry) => entry.action === 'run.retried');
    expect(retried).toMatchObject({ job: 'always-fails', before: { runId: failed.id, status: 'failed' } });
    const page = await h.call('GET', '/api/audit?actor=admin&action=job.schedule-cleared', { role: 'viewer' });
    const body = (await page.json()) as { entries: { actor: string; action: string }[] };
    expect(body.entries.map((entry) => [entry.actor, entry.action])).toEqual([['admin', 'job.schedule-cleared']]);
  });

  it('no response carries a token secret or its hash', () => {
    const all = bodies.join('\n');
    for (const secret of Object.values(h.secrets)) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/sha256:[0-9a-f]{64}/);
  });
});
