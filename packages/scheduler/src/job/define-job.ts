import { InvalidJobError } from '../core/errors.js';
import {
  integerAtLeast,
  invalidOption,
  isPlainObject,
  jobSite,
  literal,
  nonNegativeNumber,
  type OptionSite,
  optionalString,
  optionsObject,
  positiveNumber,
  rejectUnknownKeys,
} from '../core/validate.js';
import { normalizeRetry } from '../primitives/retry-policy.js';
import { parseSchedule } from '../schedule/index.js';
import { isolatedHandler, isolationOptions } from './isolation-options.js';
import type { CatchUpPolicy, JobDefinition, JobOptions, OverlapPolicy } from './types.js';

/** Job names: kebab-case, at most {@link MAX_JOB_NAME_LENGTH} characters. */
export const JOB_NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** The longest job name accepted. */
export const MAX_JOB_NAME_LENGTH = 100;

const OPTION_KEYS = [
  'name',
  'schedule',
  'timezone',
  'description',
  'dependsOn',
  'dependencies',
  'timeoutMs',
  'retry',
  'overlap',
  'catchUp',
  'dst',
  'jitterMs',
  'circuitBreaker',
  'alerts',
  'run',
  'isolation',
] as const;
const OVERLAP_POLICIES: readonly OverlapPolicy[] = ['skip', 'buffer-one', 'buffer-all', 'cancel-other', 'allow-all'];
const CATCH_UP_POLICIES: readonly CatchUpPolicy[] = ['skip', 'latest', 'earliest', 'all'];
const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * Defines a job: validates every option EAGERLY (a bad definition fails here,
 * not at 3 a.m.) and returns a frozen {@link JobDefinition} with every default
 * filled in and every duration in milliseconds.
 *
 * Defaults: `timeoutMs` 300000; `retry` 1 attempt, exponential backoff from
 * 1000 ms to 60000 ms with jitter; `overlap` `'skip'`; `catchUp`
 * `{ policy: 'skip', windowMs: 86400000, max: 10, spacingMs: 0 }`; `dst`
 * `{ gap: 'run-at-jump', repeat: 'first' }`; `jitterMs` 0; circuit breaker off
 * (its `cooldownMs` defaults to 3600000, one hour).
 *
 * @param options - the job
 * @returns the validated, normalised, immutable job
 * @throws {@link InvalidJobError} (code `INVALID_JOB`; `job` and `field` set) for a malformed or unknown
 * option, e.g. ``Expected `timeoutMs` of Job "x" to be a positive finite number, got `-1`.``;
 * {@link InvalidScheduleError} (code `INVALID_SCHEDULE`) for a bad cron expression or timezone.
 * Unknown dependencies and cycles are detected by `createScheduler`, which sees all jobs.
 *
 * @example
 * ```ts
 * export const syncSets = defineJob({
 *   name: 'sync-missing-sets',
 *   schedule: '0 3 * * *',
 *   timezone: 'Europe/Paris',
 *   retry: { attempts: 3 },
 *   run: async (ctx) => ({ inserted: await syncSets(ctx.signal) }),
 * });
 * ```
 */
export function defineJob<TResult>(options: JobOptions<TResult>): JobDefinition<TResult> {
  const raw: unknown = options;
  if (!isPlainObject(raw)) throw invalidOption(jobSite(undefined), '(options)', 'an object', raw);
  const site = jobSite(typeof raw.name === 'string' && raw.name !== '' ? raw.name : undefined);
  rejectUnknownKeys(site, undefined, raw, OPTION_KEYS);
  const name = validName(site, raw.name);
  const job = jobSite(name);
  const schedule = scheduleExpression(job, raw.schedule);
  const timezone = optionalString(job, 'timezone', raw.timezone);
  const dst = dstOptions(job, raw.dst);
  const parsed = parseSchedule(schedule, { timezone: timezone ?? 'UTC', dst, job: name });
  const isolation = isolationOptions(job, raw.isolation);
  if (isolation && raw.run !== undefined) {
    throw invalidOption(
      job,
      'run',
      'absent with `isolation`',
      raw.run,
      "An isolated job's body is its module's export.",
    );
  }
  const definition: JobDefinition<TResult> = {
    name,
    schedule,
    timezone: timezone === undefined ? undefined : parsed.timezone,
    description: optionalString(job, 'description', raw.description),
    dependsOn: dependsOn(job, name, raw.dependsOn),
    dependencyWithinMs: dependencyWithin(job, raw.dependencies),
    timeoutMs: positiveNumber(job, 'timeoutMs', raw.timeoutMs, DEFAULT_TIMEOUT_MS),
    retry: Object.freeze(normalizeRetry(raw.retry as JobOptions['retry'], job)),
    overlap: literal(job, 'overlap', raw.overlap, OVERLAP_POLICIES, 'skip'),
    catchUp: catchUpOptions(job, raw.catchUp),
    dst,
    jitterMs: nonNegativeNumber(job, 'jitterMs', raw.jitterMs, 0),
    circuitBreaker: circuitBreaker(job, raw.circuitBreaker),
    alerts: alertOverrides(job, raw.alerts),
    isolation,
    run: isolation ? isolatedHandler<TResult>(isolation) : handler<TResult>(job, raw.run),
  };
  return Object.freeze(definition);
}

function validName(site: OptionSite, value: unknown): string {
  if (typeof value === 'string' && JOB_NAME_PATTERN.test(value) && value.length <= MAX_JOB_NAME_LENGTH) return value;
  throw invalidOption(
    site,
    'name',
    `a kebab-case string of at most ${MAX_JOB_NAME_LENGTH} characters (lowercase letters and digits separated by single dashes, e.g. "sync-missing-cards")`,
    value,
  );
}

function scheduleExpression(site: OptionSite, value: unknown): string {
  if (typeof value === 'string') return value; // an empty one is parseSchedule's InvalidScheduleError
  throw invalidOption(site, 'schedule', 'a cron expression (5 or 6 fields) or a nickname such as "@daily"', value);
}

function dstOptions(site: OptionSite, value: unknown): JobDefinition['dst'] {
  const raw = optionsObject(site, 'dst', value, ['gap', 'repeat']);
  return Object.freeze({
    gap: literal(site, 'dst.gap', raw.gap, ['run-at-jump', 'skip'], 'run-at-jump'),
    repeat: literal(site, 'dst.repeat', raw.repeat, ['first', 'both'], 'first'),
  });
}

function dependsOn(site: OptionSite, name: string, value: unknown): readonly string[] {
  if (value === undefined) return Object.freeze([]);
  if (!Array.isArray(value)) throw invalidOption(site, 'dependsOn', 'an array of job names', value);
  const seen = new Set<string>();
  value.forEach((upstream: unknown, index) => {
    const field = `dependsOn[${index}]`;
    if (typeof upstream !== 'string' || !JOB_NAME_PATTERN.test(upstream)) {
      throw invalidOption(site, field, 'a kebab-case job name', upstream);
    }
    if (upstream === name) throw invalidOption(site, field, 'another job', upstream, 'A job cannot depend on itself.');
    if (seen.has(upstream)) throw invalidOption(site, field, 'listed once', upstream, 'Remove the duplicate.');
    seen.add(upstream);
  });
  return Object.freeze([...seen]);
}

function dependencyWithin(site: OptionSite, value: unknown): number | undefined {
  const raw = optionsObject(site, 'dependencies', value, ['withinMs']);
  if (raw.withinMs === undefined) return undefined;
  return positiveNumber(site, 'dependencies.withinMs', raw.withinMs, 0);
}

function catchUpOptions(site: OptionSite, value: unknown): JobDefinition['catchUp'] {
  const raw = optionsObject(site, 'catchUp', value, ['policy', 'windowMs', 'max', 'spacingMs']);
  return Object.freeze({
    policy: literal(site, 'catchUp.policy', raw.policy, CATCH_UP_POLICIES, 'skip'),
    windowMs: positiveNumber(site, 'catchUp.windowMs', raw.windowMs, 86_400_000),
    max: integerAtLeast(site, 'catchUp.max', raw.max, 1, 10),
    spacingMs: nonNegativeNumber(site, 'catchUp.spacingMs', raw.spacingMs, 0),
  });
}

function circuitBreaker(site: OptionSite, value: unknown): JobDefinition['circuitBreaker'] {
  if (value === undefined) return undefined;
  const raw = optionsObject(site, 'circuitBreaker', value, ['failureThreshold', 'cooldownMs']);
  if (raw.failureThreshold === undefined) {
    throw invalidOption(site, 'circuitBreaker.failureThreshold', 'an integer of at least 1', undefined);
  }
  return Object.freeze({
    failureThreshold: integerAtLeast(site, 'circuitBreaker.failureThreshold', raw.failureThreshold, 1, 1),
    cooldownMs: positiveNumber(site, 'circuitBreaker.cooldownMs', raw.cooldownMs, 3_600_000),
  });
}

function alertOverrides(site: OptionSite, value: unknown): JobDefinition['alerts'] {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw invalidOption(site, 'alerts', 'an object of alert overrides', value);
  return Object.freeze({ ...value });
}

function handler<TResult>(site: OptionSite, value: unknown): JobDefinition<TResult>['run'] {
  if (typeof value === 'function') return value as JobDefinition<TResult>['run'];
  throw invalidOption(site, 'run', 'a function `(ctx) => result`', value);
}
