import { describe, expect, it } from 'vitest';
import { InvalidJobError, InvalidScheduleError } from '../src/errors.js';
import { defineJob } from '../src/job/define-job.js';
import type { JobOptions } from '../src/job/types.js';
import { parseSchedule } from '../src/schedule/index.js';

const run = async (): Promise<{ ok: true }> => ({ ok: true });
const valid: JobOptions = { name: 'sync-cards', schedule: '0 3 * * *', run };

/** Calls defineJob with `patch` over a valid job and returns what it threw. */
function failure(patch: Record<string, unknown>): unknown {
  try {
    defineJob({ ...valid, ...patch } as JobOptions);
  } catch (error) {
    return error;
  }
  throw new Error(`defineJob accepted ${JSON.stringify(patch)}`);
}

describe('defineJob: defaults and normalisation', () => {
  it('fills every documented default and returns a frozen definition', () => {
    const job = defineJob(valid);
    expect(job).toEqual({
      name: 'sync-cards',
      schedule: '0 3 * * *',
      timezone: undefined,
      description: undefined,
      dependsOn: [],
      dependencyWithinMs: undefined,
      timeoutMs: 300_000,
      retry: {
        attempts: 1,
        backoff: 'exponential',
        initialDelayMs: 1_000,
        maxDelayMs: 60_000,
        jitter: true,
        retryIf: undefined,
      },
      overlap: 'skip',
      catchUp: { policy: 'skip', windowMs: 86_400_000, max: 10, spacingMs: 0 },
      dst: { gap: 'run-at-jump', repeat: 'first' },
      jitterMs: 0,
      circuitBreaker: undefined,
      alerts: undefined,
      run,
    });
    expect(Object.isFrozen(job)).toBe(true);
    for (const part of [job.retry, job.catchUp, job.dst, job.dependsOn]) expect(Object.isFrozen(part)).toBe(true);
  });

  it('keeps given options (every duration a number of ms)', () => {
    const retryIf = (): boolean => true;
    const job = defineJob({
      name: 'backup-database',
      schedule: '*/15 * * * * *',
      timezone: 'Europe/Paris',
      description: 'Nightly backup',
      dependsOn: ['sync-sets', 'sync-cards'],
      dependencies: { withinMs: 6 * 3_600_000 },
      timeoutMs: 90_000,
      retry: { attempts: 3, backoff: 'fixed', initialDelayMs: 500, maxDelayMs: 500, jitter: false, retryIf },
      overlap: 'buffer-one',
      catchUp: { policy: 'all', windowMs: 7 * 86_400_000, max: 3, spacingMs: 250 },
      dst: { gap: 'skip', repeat: 'both' },
      jitterMs: 1_000,
      circuitBreaker: { failureThreshold: 5 },
      alerts: { onFailure: true },
      run,
    });
    expect(job).toMatchObject({
      timezone: 'Europe/Paris',
      description: 'Nightly backup',
      dependsOn: ['sync-sets', 'sync-cards'],
      dependencyWithinMs: 6 * 3_600_000,
      timeoutMs: 90_000,
      retry: { attempts: 3, backoff: 'fixed', initialDelayMs: 500, maxDelayMs: 500, jitter: false, retryIf },
      overlap: 'buffer-one',
      catchUp: { policy: 'all', windowMs: 7 * 86_400_000, max: 3, spacingMs: 250 },
      dst: { gap: 'skip', repeat: 'both' },
      jitterMs: 1_000,
      circuitBreaker: { failureThreshold: 5, cooldownMs: 3_600_000 },
      alerts: { onFailure: true },
    });
    expect(
      defineJob({ ...valid, circuitBreaker: { failureThreshold: 2, cooldownMs: 900_000 } }).circuitBreaker,
    ).toEqual({
      failureThreshold: 2,
      cooldownMs: 900_000,
    });
  });

  it('raises the default maxDelayMs to a larger initialDelayMs', () => {
    expect(defineJob({ ...valid, retry: { initialDelayMs: 120_000 } }).retry.maxDelayMs).toBe(120_000);
  });

  it('accepts 6-field cron, nicknames and a 100-character name', () => {
    expect(defineJob({ ...valid, schedule: '30 0 3 * * *' }).schedule).toBe('30 0 3 * * *');
    expect(defineJob({ ...valid, schedule: '@daily' }).schedule).toBe('@daily');
    expect(defineJob({ ...valid, name: 'a'.repeat(100) }).name).toHaveLength(100);
  });

  it('copies dependsOn and alerts, so later mutation of the input does not leak in', () => {
    const dependsOn = ['sync-sets'];
    const alerts: Record<string, unknown> = { a: 1 };
    const job = defineJob({ ...valid, dependsOn, alerts });
    dependsOn.push('other');
    alerts.b = 2;
    expect(job.dependsOn).toEqual(['sync-sets']);
    expect(job.alerts).toEqual({ a: 1 });
  });
});

/** [what, patch, field, exact message] for every InvalidJobError. */
const BAD_INPUTS: [string, Record<string, unknown>, string, string][] = [
  [
    'malformed name',
    { name: 'Sync_Cards' },
    'name',
    'Job "Sync_Cards": expected `name` to be a kebab-case string of at most 100 characters (lowercase letters and digits separated by single dashes, e.g. "sync-missing-cards"), got "Sync_Cards".',
  ],
  [
    'name with a trailing dash',
    { name: 'sync-' },
    'name',
    'Job "sync-": expected `name` to be a kebab-case string of at most 100 characters (lowercase letters and digits separated by single dashes, e.g. "sync-missing-cards"), got "sync-".',
  ],
  [
    'name too long',
    { name: 'a'.repeat(101) },
    'name',
    `Job "${'a'.repeat(101)}": expected \`name\` to be a kebab-case string of at most 100 characters (lowercase letters and digits separated by single dashes, e.g. "sync-missing-cards"), got "${'a'.repeat(57)}...".`,
  ],
  [
    'missing name',
    { name: undefined },
    'name',
    'defineJob(): expected `name` to be a kebab-case string of at most 100 characters (lowercase letters and digits separated by single dashes, e.g. "sync-missing-cards"), got undefined.',
  ],
  [
    'missing schedule',
    { schedule: undefined },
    'schedule',
    'Job "sync-cards": expected `schedule` to be a cron expression (5 or 6 fields) or a nickname such as "@daily", got undefined.',
  ],
  ['non-string timezone', { timezone: 2 }, 'timezone', 'Job "sync-cards": expected `timezone` to be a string, got 2.'],
  [
    'negative timeoutMs',
    { timeoutMs: -1 },
    'timeoutMs',
    'Job "sync-cards": expected `timeoutMs` to be a positive finite number (milliseconds), got -1.',
  ],
  [
    'zero timeoutMs',
    { timeoutMs: 0 },
    'timeoutMs',
    'Job "sync-cards": expected `timeoutMs` to be a positive finite number (milliseconds), got 0.',
  ],
  [
    'infinite timeoutMs',
    { timeoutMs: Number.POSITIVE_INFINITY },
    'timeoutMs',
    'Job "sync-cards": expected `timeoutMs` to be a positive finite number (milliseconds), got Infinity.',
  ],
  [
    'NaN timeoutMs',
    { timeoutMs: Number.NaN },
    'timeoutMs',
    'Job "sync-cards": expected `timeoutMs` to be a positive finite number (milliseconds), got NaN.',
  ],
  [
    'string timeoutMs',
    { timeoutMs: '5m' },
    'timeoutMs',
    'Job "sync-cards": expected `timeoutMs` to be a positive finite number (milliseconds), got "5m".',
  ],
  [
    'retry attempts 0',
    { retry: { attempts: 0 } },
    'retry.attempts',
    'Job "sync-cards": expected `retry.attempts` to be an integer of at least 1, got 0.',
  ],
  [
    'fractional retry attempts',
    { retry: { attempts: 2.5 } },
    'retry.attempts',
    'Job "sync-cards": expected `retry.attempts` to be an integer of at least 1, got 2.5.',
  ],
  [
    'maxDelayMs below initialDelayMs',
    { retry: { initialDelayMs: 5_000, maxDelayMs: 1_000 } },
    'retry.maxDelayMs',
    'Job "sync-cards": expected `retry.maxDelayMs` to be at least `retry.initialDelayMs` (5000), got 1000. Raise maxDelayMs or lower initialDelayMs.',
  ],
  [
    'negative initialDelayMs',
    { retry: { initialDelayMs: -5 } },
    'retry.initialDelayMs',
    'Job "sync-cards": expected `retry.initialDelayMs` to be a finite number, zero or more (milliseconds), got -5.',
  ],
  [
    'unknown backoff',
    { retry: { backoff: 'linear' } },
    'retry.backoff',
    'Job "sync-cards": expected `retry.backoff` to be one of \'fixed\' or \'exponential\', got "linear".',
  ],
  [
    'non-boolean jitter',
    { retry: { jitter: 'yes' } },
    'retry.jitter',
    'Job "sync-cards": expected `retry.jitter` to be true or false, got "yes".',
  ],
  [
    'retryIf not a function',
    { retry: { retryIf: true } },
    'retry.retryIf',
    'Job "sync-cards": expected `retry.retryIf` to be a function, got true.',
  ],
  [
    'retry not an object',
    { retry: 3 },
    'retry',
    'Job "sync-cards": expected `retry` to be an object with attempts, backoff, initialDelayMs, maxDelayMs, jitter, retryIf, got 3.',
  ],
  [
    'unknown retry key',
    { retry: { maxAttempts: 3 } },
    'retry.maxAttempts',
    'Job "sync-cards": unknown option `retry.maxAttempts`. Did you mean `retry.attempts`?',
  ],
  [
    'unknown overlap',
    { overlap: 'queue' },
    'overlap',
    "Job \"sync-cards\": expected `overlap` to be one of 'skip', 'buffer-one', 'buffer-all', 'cancel-other' or 'allow-all', got \"queue\".",
  ],
  [
    'unknown catch-up policy',
    { catchUp: { policy: 'newest' } },
    'catchUp.policy',
    "Job \"sync-cards\": expected `catchUp.policy` to be one of 'skip', 'latest', 'earliest' or 'all', got \"newest\".",
  ],
  [
    'catch-up window as a string',
    { catchUp: { windowMs: '24h' } },
    'catchUp.windowMs',
    'Job "sync-cards": expected `catchUp.windowMs` to be a positive finite number (milliseconds), got "24h".',
  ],
  [
    'zero catch-up window',
    { catchUp: { windowMs: 0 } },
    'catchUp.windowMs',
    'Job "sync-cards": expected `catchUp.windowMs` to be a positive finite number (milliseconds), got 0.',
  ],
  [
    'the old name catchUp.window',
    { catchUp: { window: '24h' } },
    'catchUp.window',
    'Job "sync-cards": unknown option `catchUp.window`. Did you mean `catchUp.windowMs`?',
  ],
  [
    'catch-up max 0',
    { catchUp: { max: 0 } },
    'catchUp.max',
    'Job "sync-cards": expected `catchUp.max` to be an integer of at least 1, got 0.',
  ],
  [
    'negative spacingMs',
    { catchUp: { spacingMs: -100 } },
    'catchUp.spacingMs',
    'Job "sync-cards": expected `catchUp.spacingMs` to be a finite number, zero or more (milliseconds), got -100.',
  ],
  [
    'unknown catch-up key',
    { catchUp: { polcy: 'all' } },
    'catchUp.polcy',
    'Job "sync-cards": unknown option `catchUp.polcy`. Did you mean `catchUp.policy`?',
  ],
  [
    'unknown dst gap',
    { dst: { gap: 'shift' } },
    'dst.gap',
    'Job "sync-cards": expected `dst.gap` to be one of \'run-at-jump\' or \'skip\', got "shift".',
  ],
  [
    'unknown dst repeat',
    { dst: { repeat: 'last' } },
    'dst.repeat',
    'Job "sync-cards": expected `dst.repeat` to be one of \'first\' or \'both\', got "last".',
  ],
  [
    'unknown dst key',
    { dst: { fold: 'first' } },
    'dst.fold',
    'Job "sync-cards": unknown option `dst.fold`. Known options: gap, repeat.',
  ],
  [
    'run not a function',
    { run: 'sync' },
    'run',
    'Job "sync-cards": expected `run` to be a function `(ctx) => result`, got "sync".',
  ],
  [
    'missing run',
    { run: undefined },
    'run',
    'Job "sync-cards": expected `run` to be a function `(ctx) => result`, got undefined.',
  ],
  [
    'dependsOn not an array',
    { dependsOn: 'sync-sets' },
    'dependsOn',
    'Job "sync-cards": expected `dependsOn` to be an array of job names, got "sync-sets".',
  ],
  [
    'dependsOn with a bad name',
    { dependsOn: ['sync-sets', 42] },
    'dependsOn[1]',
    'Job "sync-cards": expected `dependsOn[1]` to be a kebab-case job name, got 42.',
  ],
  [
    'self-dependency',
    { dependsOn: ['sync-cards'] },
    'dependsOn[0]',
    'Job "sync-cards": expected `dependsOn[0]` to be another job, got "sync-cards". A job cannot depend on itself.',
  ],
  [
    'duplicate dependency',
    { dependsOn: ['sync-sets', 'sync-sets'] },
    'dependsOn[1]',
    'Job "sync-cards": expected `dependsOn[1]` to be listed once, got "sync-sets". Remove the duplicate.',
  ],
  [
    'bad dependencies.withinMs',
    { dependencies: { withinMs: -1 } },
    'dependencies.withinMs',
    'Job "sync-cards": expected `dependencies.withinMs` to be a positive finite number (milliseconds), got -1.',
  ],
  [
    'the old name dependencies.within',
    { dependencies: { within: '6h' } },
    'dependencies.within',
    'Job "sync-cards": unknown option `dependencies.within`. Did you mean `dependencies.withinMs`?',
  ],
  [
    'negative jitterMs',
    { jitterMs: -1 },
    'jitterMs',
    'Job "sync-cards": expected `jitterMs` to be a finite number, zero or more (milliseconds), got -1.',
  ],
  [
    'circuit breaker without threshold',
    { circuitBreaker: {} },
    'circuitBreaker.failureThreshold',
    'Job "sync-cards": expected `circuitBreaker.failureThreshold` to be an integer of at least 1, got undefined.',
  ],
  [
    'circuit breaker threshold 0',
    { circuitBreaker: { failureThreshold: 0 } },
    'circuitBreaker.failureThreshold',
    'Job "sync-cards": expected `circuitBreaker.failureThreshold` to be an integer of at least 1, got 0.',
  ],
  [
    'bad circuit breaker cooldown',
    { circuitBreaker: { failureThreshold: 3, cooldownMs: '1h' } },
    'circuitBreaker.cooldownMs',
    'Job "sync-cards": expected `circuitBreaker.cooldownMs` to be a positive finite number (milliseconds), got "1h".',
  ],
  [
    'the old name circuitBreaker.cooldown',
    { circuitBreaker: { failureThreshold: 3, cooldown: '1h' } },
    'circuitBreaker.cooldown',
    'Job "sync-cards": unknown option `circuitBreaker.cooldown`. Did you mean `circuitBreaker.cooldownMs`?',
  ],
  [
    'alerts not an object',
    { alerts: ['slack'] },
    'alerts',
    'Job "sync-cards": expected `alerts` to be an object of alert overrides, got an array of 1.',
  ],
  [
    'description not a string',
    { description: 5 },
    'description',
    'Job "sync-cards": expected `description` to be a string, got 5.',
  ],
  [
    'typo in a top-level key',
    { timeout: 5_000 },
    'timeout',
    'Job "sync-cards": unknown option `timeout`. Did you mean `timeoutMs`?',
  ],
  [
    'typo in a top-level key (case)',
    { dependson: ['a'] },
    'dependson',
    'Job "sync-cards": unknown option `dependson`. Did you mean `dependsOn`?',
  ],
  [
    'unrelated top-level key',
    { priority: 5 },
    'priority',
    'Job "sync-cards": unknown option `priority`. Known options: name, schedule, timezone, description, dependsOn, dependencies, timeoutMs, retry, overlap, catchUp, dst, jitterMs, circuitBreaker, alerts, run.',
  ],
];

describe('defineJob: every bad input gets an InvalidJobError naming the field and the fix', () => {
  it.each(BAD_INPUTS)('%s', (_what, patch, field, message) => {
    const error = failure(patch);
    expect(error).toBeInstanceOf(InvalidJobError);
    expect(error).toMatchObject({ name: 'InvalidJobError', code: 'INVALID_JOB', field, message });
    const job = typeof patch.name === 'string' ? patch.name : 'name' in patch ? undefined : 'sync-cards';
    expect((error as InvalidJobError).job).toBe(job);
  });

  it('rejects options that are not an object', () => {
    expect(() => defineJob(null as never)).toThrow('defineJob(): expected the options to be an object, got null.');
    expect(() => defineJob('job' as never)).toThrow(InvalidJobError);
  });
});

describe('defineJob: schedule and timezone go through parseSchedule', () => {
  it.each([
    ['61 * * * *', 'minute'],
    ['* 25 * * *', 'hour'],
    ['* * * * * * *', undefined],
    ['@fortnightly', undefined],
    ['not a cron', undefined],
    ['', undefined],
    ['   ', undefined],
  ])('rejects %j with InvalidScheduleError naming the job', (schedule, field) => {
    const error = failure({ schedule });
    expect(error).toBeInstanceOf(InvalidScheduleError);
    expect(error).toMatchObject({ code: 'INVALID_SCHEDULE', job: 'sync-cards', expression: schedule });
    expect((error as Error).message).toContain('sync-cards');
    if (field) {
      expect(error).toMatchObject({ field });
      expect((error as Error).message).toContain(field);
    }
  });

  it('an empty schedule says it is empty', () => {
    expect(() => defineJob({ ...valid, schedule: ' ' })).toThrow(
      'Job "sync-cards": invalid schedule " ": the expression is empty. Give a cron expression with 5 or 6 fields (e.g. "0 3 * * *") or a nickname such as "@daily".',
    );
  });

  it.each([
    ['europe/paris', 'Europe/Paris'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['utc', 'UTC'],
    ['Europe/Paris', 'Europe/Paris'],
  ])('canonicalises the letter case of timezone %j to %j', (given, canonical) => {
    const job = defineJob({ ...valid, schedule: '0 3 * * *', timezone: given });
    expect(job.timezone).toBe(canonical);
    expect(parseSchedule('0 3 * * *', { timezone: given }).timezone).toBe(canonical);
    expect(parseSchedule('0 3 * * *', { timezone: given }).next(new Date('2026-07-01T00:00:00Z'))).toEqual(
      parseSchedule('0 3 * * *', { timezone: canonical }).next(new Date('2026-07-01T00:00:00Z')),
    );
  });

  it('rejects an unknown timezone with InvalidScheduleError naming it', () => {
    const error = failure({ timezone: 'Mars/Olympus_Mons' });
    expect(error).toBeInstanceOf(InvalidScheduleError);
    expect(error).toMatchObject({ code: 'INVALID_SCHEDULE', job: 'sync-cards', field: 'timezone' });
    expect((error as Error).message).toContain('Mars/Olympus_Mons');
  });
});
