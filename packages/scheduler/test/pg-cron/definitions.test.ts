/** pg_cron job definitions and the version rules, without a server. */
import { describe, expect, it } from 'vitest';
import { InvalidJobError, InvalidOptionError, InvalidScheduleError } from '../../src/index.js';
import { ingestedJob } from '../../src/pg-cron/ingest.js';
import { planCronSteps } from '../../src/pg-cron/reconcile.js';
import { checkJobsAgainst, parsePgCronVersion } from '../../src/pg-cron/version.js';
import { definePgCronJob, pgCronJobs } from '../../src/pg-cron.js';

const base = { name: 'analyze-cards', schedule: '30 4 * * *', sql: 'ANALYZE cards' };

describe('definePgCronJob', () => {
  it('returns a frozen definition and the job the scheduler shows', () => {
    const def = definePgCronJob({ ...base, description: 'statistics for the planner' });
    expect(Object.isFrozen(def)).toBe(true);
    expect(def).toMatchObject({ name: 'analyze-cards', schedule: '30 4 * * *', timezone: 'UTC', database: undefined });
    expect(def.job).toMatchObject({
      name: 'analyze-cards',
      schedule: '30 4 * * *',
      description: 'statistics for the planner',
    });
    expect(definePgCronJob({ ...base, schedule: '30 seconds' })).toMatchObject({
      intervalSeconds: 30,
      job: { schedule: '*/30 * * * * *' },
    });
    expect(definePgCronJob({ ...base, schedule: '@hourly' }).job.schedule).toBe('@hourly');
  });

  it.each([
    [{ ...base, name: 'Bad Name' }, InvalidJobError, /kebab-case.*"Bad Name"/],
    [{ ...base, name: 'x'.repeat(64) }, InvalidJobError, /at most 63 characters/],
    [{ ...base, sql: '  ' }, InvalidJobError, /"analyze-cards": `sql` must be a non-empty SQL command/],
    [{ ...base, database: '' }, InvalidJobError, /`database` is empty/],
    [{ ...base, schedule: '0 30 4 * * *' }, InvalidScheduleError, /not one pg_cron runs. Use 5 cron fields/],
    [{ ...base, schedule: '@reboot' }, InvalidScheduleError, /not one pg_cron runs/],
    [{ ...base, schedule: '90 seconds' }, InvalidScheduleError, /"N seconds" \(1 to 59/],
    [{ ...base, schedule: '61 4 * * *' }, InvalidScheduleError, /minute/],
    [{ ...base, timezone: 'Mars/Base' }, InvalidScheduleError, /Mars\/Base/],
    [{ ...base, comand: 'x' }, InvalidJobError, /Unknown option `comand`/],
  ])('refuses %j', (options, type, message) => {
    expect(() => definePgCronJob(options as never)).toThrow(type);
    expect(() => definePgCronJob(options as never)).toThrow(message);
  });

  it('refuses a prefix that makes a job name longer than pg_cron takes', () => {
    const connection = { connectionString: 'postgres://localhost/none' };
    expect(() => pgCronJobs({ connection, jobs: [definePgCronJob({ ...base, name: 'x'.repeat(60) })] })).toThrow(
      InvalidOptionError,
    );
  });
});

describe('what the installed pg_cron runs', () => {
  const seconds = definePgCronJob({ ...base, schedule: '10 seconds' });
  const paris = definePgCronJob({ ...base, timezone: 'Europe/Paris' });

  it.each([
    ['1.4-1', seconds, undefined, /needs pg_cron 1\.5 or later, and this server has 1\.4-1/],
    ['1.4-1', paris, undefined, /pg_cron 1\.4-1 reads every schedule in GMT/],
    ['1.6', paris, 'GMT', /cron\.timezone, "GMT"/],
  ])('%s refuses %o', (version, def, zone, message) => {
    expect(() => checkJobsAgainst([def], parsePgCronVersion(version), zone)).toThrow(message);
  });

  it.each([
    ['1.5', seconds, 'GMT'],
    ['1.6', paris, 'Europe/Paris'],
    ['1.4-1', definePgCronJob({ ...base, timezone: 'Etc/UTC' }), undefined],
  ])('%s runs %o', (version, def, zone) => {
    expect(() => checkJobsAgainst([def], parsePgCronVersion(version), zone)).not.toThrow();
  });
});

describe('planCronSteps', () => {
  const row = (jobid: string, jobname: string, over = {}) => ({
    jobid,
    jobname,
    schedule: '0 1 * * *',
    command: 'SELECT 1',
    database: 'db',
    active: true,
    ...over,
  });
  const want = (jobname: string, over = {}) => ({
    jobname,
    schedule: '0 1 * * *',
    command: 'SELECT 1',
    database: 'db',
    active: true,
    ...over,
  });

  it('creates, alters, pauses, resumes and removes (duplicates included)', () => {
    const steps = planCronSteps(
      [
        row('1', 'p:same'),
        row('2', 'p:moved'),
        row('3', 'p:paused'),
        row('4', 'p:gone'),
        row('5', 'p:same'),
        row('6', 'p:back', { active: false }),
      ],
      [
        want('p:same'),
        want('p:moved', { schedule: '0 2 * * *', database: 'other' }),
        want('p:paused', { active: false }),
        want('p:back'),
        want('p:new'),
      ],
      'p:',
    );
    expect(steps.map((step) => [step.kind, step.job, 'change' in step ? step.change : undefined])).toEqual([
      ['remove', 'same', undefined],
      ['alter', 'moved', { job: 'moved', action: 'change', fields: ['schedule', 'database'] }],
      ['alter', 'paused', { job: 'paused', action: 'pause' }],
      ['alter', 'back', { job: 'back', action: 'resume' }],
      ['create', 'new', undefined],
      ['remove', 'gone', undefined],
    ]);
  });
});

describe('the slot of a recorded pg_cron execution', () => {
  const row = (schedule: string) => ({ jobid: '1', jobname: 'x', schedule, command: '', database: '', active: true });
  const at = (iso: string) => new Date(iso);

  it('is the latest slot of its cron schedule at or before its start (pg_cron may start late), in the job zone', () => {
    const hourly = ingestedJob(row('0 * * * *'), definePgCronJob({ ...base, schedule: '0 * * * *' }));
    expect(hourly.slotOf(at('2026-01-01T10:00:00.000Z'))).toEqual(at('2026-01-01T10:00:00.000Z'));
    expect(hourly.slotOf(at('2026-01-01T10:00:01.300Z'))).toEqual(at('2026-01-01T10:00:00.000Z'));
    expect(hourly.slotOf(at('2026-01-01T10:59:59.999Z'))).toEqual(at('2026-01-01T10:00:00.000Z'));
    const paris = definePgCronJob({ ...base, schedule: '30 4 * * *', timezone: 'Europe/Paris' });
    expect(ingestedJob(row('30 4 * * *'), paris).slotOf(at('2026-01-01T03:30:02Z'))).toEqual(
      at('2026-01-01T03:30:00Z'),
    );
  });

  it('is its start second for an `N seconds` job, and for a schedule changed in cron.job to one it cannot read', () => {
    const interval = ingestedJob(row('30 seconds'), definePgCronJob({ ...base, schedule: '30 seconds' }));
    expect(interval.slotOf(at('2026-01-01T10:00:07.250Z'))).toEqual(at('2026-01-01T10:00:07.000Z'));
    const changed = ingestedJob(row('0 0 * * * *'), definePgCronJob(base));
    expect(changed.slotOf(at('2026-01-01T10:00:07.250Z'))).toEqual(at('2026-01-01T10:00:07.000Z'));
  });
});
