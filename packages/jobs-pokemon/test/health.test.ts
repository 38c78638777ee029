import { join } from 'node:path';
import { type Alert, createMemoryStore, createScheduler, type Notifier } from '@pokemon/scheduler';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tools/test-postgres/database.js';
import type { PokemonAlert } from '../src/alerts.js';
import { createBackup } from '../src/backup/create-backup.js';
import type { DiskSpaceProbe } from '../src/backup/disk-space.js';
import type { PokemonJobsConfig } from '../src/config.js';
import { createPokemonJobs } from '../src/create-jobs.js';
import { HealthCheckCriticalError } from '../src/health/errors.js';
import type { HealthReport } from '../src/jobs/database-health-check.js';
import { seedCatalog } from './helpers/catalog.js';
import { makeContext } from './helpers/context.js';
import { tempDir } from './helpers/files.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 22, 0, 0, 0);
const disk =
  (freeRatio: number): DiskSpaceProbe =>
  async () => ({ freeBytes: freeRatio * 1e12, totalBytes: 1e12 });

describe('database-health-check', () => {
  let database: TestDatabase;
  let dir: string;
  let cleanup: () => void;
  let catalogPath: string;
  let backupDir: string;
  let alerts: PokemonAlert[];

  beforeAll(async () => {
    database = await createTestDatabase('jobs_pokemon_health');
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    catalogPath = join(dir, 'catalogue.sqlite3');
    backupDir = join(dir, 'backups');
    alerts = [];
    await seedCatalog(catalogPath);
    await createBackup({ catalogPath, backupDir, diskSpace: disk(0.5), now: () => T0 });
  });
  afterEach(() => cleanup());

  async function check(config: Partial<PokemonJobsConfig>, nowMs: number): Promise<HealthReport> {
    const job = createPokemonJobs({
      catalogPath,
      backupDir,
      notify: async (alert) => {
        alerts.push(alert);
      },
      ...config,
    }).find((j) => j.name === 'database-health-check')!;
    return (await job.run(makeContext({ now: () => nowMs, job: 'database-health-check' }))) as HealthReport;
  }
  /** The report of a run that must fail with a HealthCheckCriticalError. */
  async function critical(config: Partial<PokemonJobsConfig>, nowMs: number): Promise<HealthReport> {
    const error = await check(config, nowMs).then(
      (report) => expect.fail(`expected a critical verdict, got ${report.status}`),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HealthCheckCriticalError);
    expect(error).toMatchObject({ code: 'HEALTH_CHECK_CRITICAL', retryable: false });
    return (error as HealthCheckCriticalError).data;
  }
  const status = (report: HealthReport, name: string) => report.checks.find((c) => c.name === name)?.status;

  it('is ok with room on disk and a fresh backup; primary skipped when not configured', async () => {
    const report = await check({ diskSpace: disk(0.5) }, T0 + HOUR);
    expect(report.status).toBe('ok');
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['sqlite', 'ok'],
      ['disk', 'ok'],
      ['backup', 'ok'],
      ['primary', 'skipped'],
    ]);
    expect(report.checks[0]!.details).toMatchObject({ sets: 5, cards: 98, fileBytes: expect.any(Number) });
    expect(alerts).toEqual([]);
  });

  it('warns below 10% free disk (alerted, run succeeds); below 5% the run fails naming the check, report attached', async () => {
    expect(status(await check({ diskSpace: disk(0.09) }, T0 + HOUR), 'disk')).toBe('warning');
    expect(alerts.map((a) => [a.key, a.severity])).toEqual([['pokemon:health:disk', 'warning']]);
    const error = (await check({ diskSpace: disk(0.04) }, T0 + HOUR).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(HealthCheckCriticalError);
    expect(error.message).toMatch(
      /^Health check critical: disk: 4\.0% free \(40000000000 of 1000000000000 bytes\) on .* < 5\.0%\. The run's error data holds every check$/,
    );
    const report = (error as HealthCheckCriticalError).data;
    expect(report.status).toBe('critical');
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['sqlite', 'ok'],
      ['disk', 'critical'],
      ['backup', 'ok'],
      ['primary', 'skipped'],
    ]);
    // The failure is the alert (the scheduler's): no second, finding alert for the same check.
    expect(alerts).toHaveLength(1);
    // What the run's history keeps: name, code, and the report as JSON.
    expect({ name: error.name, code: (error as HealthCheckCriticalError).code }).toEqual({
      name: 'HealthCheckCriticalError',
      code: 'HEALTH_CHECK_CRITICAL',
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(status(await check({ diskSpace: disk(0.1) }, T0 + HOUR), 'disk')).toBe('ok');
  });

  it('is critical when the newest verified backup is older than 26 h', async () => {
    expect(status(await check({ diskSpace: disk(0.5) }, T0 + 25 * HOUR), 'backup')).toBe('ok');
    const report = await critical({ diskSpace: disk(0.5) }, T0 + 27 * HOUR);
    expect(status(report, 'backup')).toBe('critical');
    expect(report.checks[2]!.message).toMatch(/is 27\.0 h old \(> 26 h\)/);
    expect(alerts).toEqual([]);
  });

  it('fails a scheduled run: history shows failed, one attempt (not retried), the findings in its error data', async () => {
    const scheduler = createScheduler({
      jobs: createPokemonJobs({ catalogPath, backupDir, diskSpace: disk(0.01) }),
      store: createMemoryStore(),
    });
    try {
      const run = await scheduler.trigger('database-health-check');
      expect(run.status).toBe('failed');
      expect(run.attempts).toHaveLength(1);
      expect(run.error).toMatchObject({
        name: 'HealthCheckCriticalError',
        message: expect.stringMatching(/^Health check critical: disk: 1\.0% free/),
        data: { status: 'critical', checks: expect.arrayContaining([expect.objectContaining({ name: 'disk' })]) },
      });
    } finally {
      await scheduler.stop();
    }
  });

  it('measures PostgreSQL latency and row-count drift', async () => {
    const primary = { primaryDatabaseUrl: database.url, primarySchema: 'health_primary', diskSpace: disk(0.5) };
    const drifting = await check(primary, T0 + HOUR);
    expect(drifting.checks[3]).toMatchObject({
      status: 'warning',
      details: { driftRows: 103, latencyMs: expect.any(Number) },
    });
    const replicate = createPokemonJobs({ catalogPath, ...primary }).find((j) => j.name === 'replicate-to-primary')!;
    await replicate.run(makeContext());
    const inSync = await check(primary, T0 + HOUR);
    expect(inSync.checks[3]).toMatchObject({ status: 'ok', details: { driftRows: 0, primaryCards: 98 } });
    const down = await critical({ ...primary, primaryDatabaseUrl: 'postgres://nobody@127.0.0.1:1/none' }, T0 + HOUR);
    expect(down.checks[3]).toMatchObject({
      status: 'critical',
      message: expect.stringMatching(/^Primary unreachable: /),
    });
  });

  it('sends warning alerts to a scheduler Notifier when given one', async () => {
    const received: Alert[] = [];
    const notifier: Notifier = {
      name: 'test',
      notify: async (alert) => {
        received.push(alert);
      },
    };
    await check({ diskSpace: disk(0.08), notify: undefined, notifier }, T0 + HOUR);
    expect(received).toMatchObject([
      { kind: 'finding', severity: 'warning', key: 'pokemon:health:disk', job: 'database-health-check' },
    ]);
  });

  it('a missing catalogue is critical; a failing notifier does not change the verdict', async () => {
    const report = await critical(
      {
        catalogPath: join(dir, 'missing.sqlite3'),
        diskSpace: disk(0.08),
        notify: async () => {
          throw new Error('slack down');
        },
      },
      T0 + HOUR,
    );
    expect(report.checks[0]).toMatchObject({ status: 'critical', message: expect.stringMatching(/does not exist/) });
  });
});
