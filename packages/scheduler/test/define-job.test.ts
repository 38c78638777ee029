import { describe, expect, it } from 'vitest';
import { InvalidJobError, InvalidScheduleError } from '../src/core/errors.js';
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
    'Expected `name` of Job "Sync_Cards" to be a kebab-case string of at most 100 characters (lowercase letters and digits separated by single dashes, e.g. "sync-missing-cards"), got `"Sync_Cards"`.',
  ],
  [
    'name with a trailing dash',
    { name: 'sync-' },
    'name',
    'Expected `name` of Job "sync-" to be a kebab-case string of at most 100 characters (lowercase letters and digits separated by single dashes, e.g. "sync-missing-cards"), got `"sync-"`.',
  ],
  [
    'name too long',
    { name: 'a'.repeat(101) },
    'name',
    `Expected \`name\` of Job "${'a'.repeat(101)}" to be a kebab-case string of at most 100 characters (lowercase letters and digits separated by single dashes, e.g. "sync-missing-cards"), got \`"${'a'.repeat(57)}..."\`.`,
  ],
  [
    'missing name',
    { name: undefined },
    'name',
    'Expected `name` of defineJob() to be a kebab-case string of at most 100 characters (lowercase letters and digits separated by single dashes, e.g. "sync-missing-cards"), got `undefined`.',
  ],
  [
    'missing schedule',
    { schedule: undefined },
    'schedule',
    'Expected `schedule` of Job "sync-cards" to be a cron expression (5 or 6 fields) or a nickname such as "@daily", got `undefined`.',
  ],
  [
    'non-string timezone',
    { timezone: 2 },
    'timezone',
    'Expected `timezone` of Job "sync-cards" to be a string, got `2`.',
  ],
  [
    'negative timeoutMs',
    { timeoutMs: -1 },
    'timeoutMs',
    'Expected `timeoutMs` of Job "sync-cards" to be a positive finite number, got `-1`.',
  ],
  [
    'zero timeoutMs',
    { timeoutMs: 0 },
    'timeoutMs',
    'Expected `timeoutMs` of Job "sync-cards" to be a positive finite number, got `0`.',
  ],
  [
    'infinite timeoutMs',
    { timeoutMs: Number.POSITIVE_INFINITY },
    'timeoutMs',
    'Expected `timeoutMs` of Job "sync-cards" to be a positive finite number, got `Infinity`.',
  ],
  [
    'NaN timeoutMs',
    { timeoutMs: Number.NaN },
    'timeoutMs',
    'Expected `timeoutMs` of Job "sync-cards" to be a positive finite number, got `NaN`.',
  ],
  [
    'string timeoutMs',
    { timeoutMs: '5m' },
    'timeoutMs',
    'Expected `timeoutMs` of Job "sync-cards" to be a positive finite number, got `"5m"`.',
  ],
  [
    'retry attempts 0',
    { retry: { attempts: 0 } },
    'retry.attempts',
    'Expected `retry.attempts` of Job "sync-cards" to be an integer of at least 1, got `0`.',
  ],
  [
    'fractional retry attempts',
    { retry: { attempts: 2.5 } },
    'retry.attempts',
    'Expected `retry.attempts` of Job "sync-cards" to be an integer of at least 1, got `2.5`.',
  ],
  [
    'maxDelayMs below initialDelayMs',
    { retry: { initialDelayMs: 5_000, maxDelayMs: 1_000 } },
    'retry.maxDelayMs',
    'Expected `retry.maxDelayMs` of Job "sync-cards" to be at least `retry.initialDelayMs` (5000), got `1000`. Raise maxDelayMs or lower initialDelayMs.',
  ],
  [
    'negative initialDelayMs',
    { retry: { initialDelayMs: -5 } },
    'retry.initialDelayMs',
    'Expected `retry.initialDelayMs` of Job "sync-cards" to be a non-negative finite number, got `-5`.',
  ],
  [
    'unknown backoff',
    { retry: { backoff: 'linear' } },
    'retry.backoff',
    'Expected `retry.backoff` of Job "sync-cards" to be one of \'fixed\' or \'exponential\', got `"linear"`.',
  ],
  [
    'non-boolean jitter',
    { retry: { jitter: 'yes' } },
    'retry.jitter',
    'Expected `retry.jitter` of Job "sync-cards" to be true or false, got `"yes"`.',
  ],
  [
    'retryIf not a function',
    { retry: { retryIf: true } },
    'retry.retryIf',
    'Expected `retry.retryIf` of Job "sync-cards" to be a function, got `true`.',
  ],
  [
    'retry not an object',
    { retry: 3 },
    'retry',
    'Expected `retry` of Job "sync-cards" to be an object with attempts, backoff, initialDelayMs, maxDelayMs, jitter, retryIf, got `3`.',
  ],
  [
    'unknown retry key',
    { retry: { maxAttempts: 3 } },
    'retry.maxAttempts',
    'Unknown option `retry.maxAttempts` of Job "sync-cards". Did you mean `retry.attempts`?',
  ],
  [
    'unknown overlap',
    { overlap: 'queue' },
    'overlap',
    "Expected `overlap` of Job \"sync-cards\" to be one of 'skip', 'buffer-one', 'buffer-all', 'cancel-other' or 'allow-all', got `\"queue\"`.",
  ],
  [
    'unknown catch-up policy',
    { catchUp: { policy: 'newest' } },
    'catchUp.policy',
    "Expected `catchUp.policy` of Job \"sync-cards\" to be one of 'skip', 'latest', 'earliest' or 'all', got `\"newest\"`.",
  ],
  [
    'catch-up window as a string',
    { catchUp: { windowMs: '24h' } },
    'catchUp.windowMs',
    'Expected `catchUp.windowMs` of Job "sync-cards" to be a positive finite number, got `"24h"`.',
  ],
  [
    'zero catch-up window',
    { catchUp: { windowMs: 0 } },
    'catchUp.windowMs',
    'Expected `catchUp.windowMs` of Job "sync-cards" to be a positive finite number, got `0`.',
  ],
  [
    'the old name catchUp.window',
    { catchUp: { window: '24h' } },
    'catchUp.window',
    'Unknown option `catchUp.window` of Job "sync-cards". Did you mean `catchUp.windowMs`?',
  ],
  [
    'catch-up max 0',
    { catchUp: { max: 0 } },
    'catchUp.max',
    'Expected `catchUp.max` of Job "sync-cards" to be an integer of at least 1, got `0`.',
  ],
  [
    'negative spacingMs',
    { catchUp: { spacingMs: -100 } },
    'catchUp.spacingMs',
    'Expected `catchUp.spacingMs` of Job "sync-cards" to be a non-negative finite number, got `-100`.',
  ],
  [
    'unknown catch-up key',
    { catchUp: { polcy: 'all' } },
    'catchUp.polcy',
    'Unknown option `catchUp.polcy` of Job "sync-cards". Did you mean `catchUp.policy`?',
  ],
  [
    'unknown dst gap',
    { dst: { gap: 'shift' } },
    'dst.gap',
    'Expected `dst.gap` of Job "sync-cards" to be one of \'run-at-jump\' or \'skip\', got `"shift"`.',
  ],
  [
    'unknown dst repeat',
    { dst: { repeat: 'last' } },
    'dst.repeat',
    'Expected `dst.repeat` of Job "sync-cards" to be one of \'first\' or \'both\', got `"last"`.',
  ],
  [
    'unknown dst key',
    { dst: { fold: 'first' } },
    'dst.fold',
    'Unknown option `dst.fold` of Job "sync-cards". Known options: gap, repeat.',
  ],
  [
    'run not a function',
    { run: 'sync' },
    'run',
    'Expected `run` of Job "sync-cards" to be a function `(ctx) => result`, got `"sync"`.',
  ],
  [
    'missing run',
    { run: undefined },
    'run',
    'Expected `run` of Job "sync-cards" to be a function `(ctx) => result`, got `undefined`.',
  ],
  [
    'dependsOn not an array',
    { dependsOn: 'sync-sets' },
    'dependsOn',
    'Expected `dependsOn` of Job "sync-cards" to be an array of job names, got `"sync-sets"`.',
  ],
  [
    'dependsOn with a bad name',
    { dependsOn: ['sync-sets', 42] },
    'dependsOn[1]',
    'Expected `dependsOn[1]` of Job "sync-cards" to be a kebab-case job name, got `42`.',
  ],
  [
    'self-dependency',
    { dependsOn: ['sync-cards'] },
    'dependsOn[0]',
    'Expected `dependsOn[0]` of Job "sync-cards" to be another job, got `"sync-cards"`. A job cannot depend on itself.',
  ],
  [
    'duplicate dependency',
    { dependsOn: ['sync-sets', 'sync-sets'] },
    'dependsOn[1]',
    'Expected `dependsOn[1]` of Job "sync-cards" to be listed once, got `"sync-sets"`. Remove the duplicate.',
  ],
  [
    'bad dependencies.withinMs',
    { dependencies: { withinMs: -1 } },
    'dependencies.withinMs',
    'Expected `dependencies.withinMs` of Job "sync-cards" to be a positive finite number, got `-1`.',
  ],
  [
    'the old name dependencies.within',
    { dependencies: { within: '6h' } },
    'dependencies.within',
    'Unknown option `dependencies.within` of Job "sync-cards". Did you mean `dependencies.withinMs`?',
  ],
  [
    'negative jitterMs',
    { jitterMs: -1 },
    'jitterMs',
    'Expected `jitterMs` of Job "sync-cards" to be a non-negative finite number, got `-1`.',
  ],
  [
    'circuit breaker without threshold',
    { circuitBreaker: {} },
    'circuitBreaker.failureThreshold',
    'Expected `circuitBreaker.failureThreshold` of Job "sync-cards" to be an integer of at least 1, got `undefined`.',
  ],
  [
    'circuit breaker threshold 0',
    { circuitBreaker: { failureThreshold: 0 } },
    'circuitBreaker.failureThreshold',
    'Expected `circuitBreaker.failureThreshold` of Job "sync-cards" to be an integer of at least 1, got `0`.',
  ],
  [
    'bad circuit breaker cooldown',
    { circuitBreaker: { failureThreshold: 3, cooldownMs: '1h' } },
    'circuitBreaker.cooldownMs',
    'Expected `circuitBreaker.cooldownMs` of Job "sync-cards" to be a positive finite number, got `"1h"`.',
  ],
  [
    'the old name circuitBreaker.cooldown',
    { circuitBreaker: { failureThreshold: 3, cooldown: '1h' } },
    'circuitBreaker.cooldown',
    'Unknown option `circuitBreaker.cooldown` of Job "sync-cards". Did you mean `circuitBreaker.cooldownMs`?',
  ],
  [
    'alerts not an object',
    { alerts: ['slack'] },
    'alerts',
    'Expected `alerts` of Job "sync-cards" to be an object of alert overrides, got an array of 1.',
  ],
  [
    'description not a string',
    { description: 5 },
    'description',
    'Expected `description` of Job "sync-cards" to be a string, got `5`.',
  ],
  [
    'typo in a top-level key',
    { timeout: 5_000 },
    'timeout',
    'Unknown option `timeout` of Job "sync-cards". Did you mean `timeoutMs`?',
  ],
  [
    'typo in a top-level key (case)',
    { dependson: ['a'] },
    'dependson',
    'Unknown option `dependson` of Job "sync-cards". Did you mean `dependsOn`?',
  ],
  [
    'unrelated top-level key',
    { priority: 5 },
    'priority',
    'Unknown option `priority` of Job "sync-cards". Known options: name, schedule, timezone, description, dependsOn, dependencies, timeoutMs, retry, overlap, catchUp, dst, jitterMs, circuitBreaker, alerts, run, isolation.',
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
    expect(() => defineJob(null as never)).toThrow('Expected `(options)` of defineJob() to be an object, got `null`.');
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
