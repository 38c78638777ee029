import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../core/clock.js';
import { InvalidScheduleError } from '../core/errors.js';
import { type Logger, silentLogger } from '../core/logger.js';
import {
  componentSite,
  integerAtLeast,
  integerInRange,
  invalidOption,
  isPlainObject,
  nonEmptyString,
  nonNegativeNumber,
  positiveNumber,
} from '../core/validate.js';
import type { ExternalJobSource } from '../job/external-jobs.js';
import { resolveDependencies } from '../primitives/dependencies.js';
import type { RunObserver } from '../run/observer.js';
import { canonicalCase } from '../schedule/zone.js';
import type { SchedulerOptions } from './types.js';
import { TIMER_LIMIT_MS } from './wake-timer.js';

const SITE = componentSite('createScheduler');
/** One day, ms. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** Scheduler options with defaults filled in. @internal */
export interface ResolvedOptions {
  jobs: SchedulerOptions['jobs'];
  externalJobs: readonly ExternalJobSource[];
  store: SchedulerOptions['store'];
  clock: Clock;
  timezone: string;
  maxConcurrency: number;
  logger: Logger;
  instanceId: string;
  leaseMs: number;
  pollIntervalMs: number;
  shutdownGraceMs: number;
  removeUnknownJobs: boolean;
  /** Undefined: the timer's default (depends on whether the clock reports its jumps). */
  maxTimerDelayMs: number | undefined;
  keepAlive: boolean;
  auditRetentionMs: number;
  notifier: SchedulerOptions['notifier'];
  alerts: SchedulerOptions['alerts'];
  observers: readonly RunObserver[];
}

/**
 * Validates `createScheduler` options: numbers, the default timezone, job
 * names (unique), dependencies (known, acyclic). Throws the typed errors.
 *
 * @internal
 */
export function resolveOptions(options: SchedulerOptions): ResolvedOptions {
  if (!isPlainObject(options)) throw invalidOption(SITE, '(options)', 'an object with `jobs` and `store`', options);
  if (!Array.isArray(options.jobs))
    throw invalidOption(SITE, 'jobs', 'an array of jobs from defineJob()', options.jobs);
  if (!options.store || typeof options.store.claimRun !== 'function') {
    throw invalidOption(SITE, 'store', 'a Store (e.g. createMemoryStore())', options.store);
  }
  const timezone = canonicalTimezone(options.timezone ?? 'UTC');
  const externalJobs = externalSources(options.externalJobs);
  resolveDependencies([...options.jobs, ...externalJobs.flatMap((source) => source.jobs)]);
  return {
    jobs: options.jobs,
    externalJobs,
    store: options.store,
    clock: options.clock ?? systemClock,
    timezone,
    maxConcurrency: integerAtLeast(SITE, 'maxConcurrency', options.maxConcurrency, 1, 3),
    logger: options.logger ?? silentLogger,
    instanceId: nonEmptyString(SITE, 'instanceId', options.instanceId, randomUUID),
    leaseMs: positiveNumber(SITE, 'leaseMs', options.leaseMs, 30_000),
    pollIntervalMs: positiveNumber(SITE, 'pollIntervalMs', options.pollIntervalMs, 30_000),
    shutdownGraceMs: nonNegativeNumber(SITE, 'shutdownGraceMs', options.shutdownGraceMs, 30_000),
    removeUnknownJobs: options.removeUnknownJobs ?? false,
    maxTimerDelayMs: timerDelay(options.maxTimerDelayMs),
    keepAlive: options.keepAlive ?? true,
    auditRetentionMs: positiveNumber(SITE, 'auditRetentionMs', options.auditRetentionMs, 90 * DAY_MS),
    notifier: options.notifier,
    alerts: options.alerts,
    observers: observerList(options.observers),
  };
}

function observerList(value: unknown): readonly RunObserver[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'object' && item !== null)) {
    throw invalidOption(
      SITE,
      'observers',
      'an array of run observers (e.g. openTelemetry(), healthchecksMonitor())',
      value,
    );
  }
  return [...(value as RunObserver[])];
}

function externalSources(value: unknown): readonly ExternalJobSource[] {
  if (value === undefined) return [];
  const valid = (source: unknown): boolean =>
    isPlainObjectLike(source) &&
    Array.isArray((source as ExternalJobSource).jobs) &&
    typeof (source as ExternalJobSource).start === 'function';
  if (!Array.isArray(value) || !value.every(valid)) {
    throw invalidOption(
      SITE,
      'externalJobs',
      'an array of job sources (e.g. pgCronJobs() from @pokemon/scheduler/pg-cron)',
      value,
    );
  }
  return value as readonly ExternalJobSource[];
}

function isPlainObjectLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function timerDelay(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  return integerInRange(SITE, 'maxTimerDelayMs', value, { min: 1_000, max: TIMER_LIMIT_MS }, 0);
}

/** The zone's canonical name (`europe/paris` → `Europe/Paris`); `InvalidScheduleError` (field `timezone`) for a zone `Intl` does not know. */
function canonicalTimezone(timezone: string): string {
  try {
    return canonicalCase(timezone, new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone);
  } catch (cause) {
    throw new InvalidScheduleError(
      `createScheduler: unknown timezone ${JSON.stringify(timezone)} in \`timezone\`. Use an IANA name such as "UTC" or "Europe/Paris".`,
      { expression: '', field: 'timezone' },
      { cause },
    );
  }
}
