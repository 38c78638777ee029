import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../clock.js';
import { InvalidOptionError, InvalidScheduleError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { resolveDependencies } from '../primitives/dependencies.js';
import { canonicalCase } from '../schedule/zone.js';
import { TIMER_LIMIT_MS } from '../timer/wake-timer.js';
import type { SchedulerOptions } from './types.js';

/** Scheduler options with defaults filled in. @internal */
export interface ResolvedOptions {
  jobs: SchedulerOptions['jobs'];
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
  notifier: SchedulerOptions['notifier'];
  alerts: SchedulerOptions['alerts'];
}

/**
 * Validates `createScheduler` options: numbers, the default timezone, job
 * names (unique), dependencies (known, acyclic). Throws the typed errors.
 *
 * @internal
 */
export function resolveOptions(options: SchedulerOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError('createScheduler: expected an options object with `jobs` and `store`.', {
      component: 'createScheduler',
      option: '(options)',
    });
  }
  if (!Array.isArray(options.jobs)) fail('jobs', 'an array of jobs from defineJob()', options.jobs);
  if (!options.store || typeof options.store.claimRun !== 'function') {
    fail('store', 'a Store (e.g. createMemoryStore())', options.store);
  }
  const timezone = canonicalTimezone(options.timezone ?? 'UTC');
  resolveDependencies(options.jobs);
  return {
    jobs: options.jobs,
    store: options.store,
    clock: options.clock ?? systemClock,
    timezone,
    maxConcurrency: integerAtLeast('maxConcurrency', options.maxConcurrency, 1, 3),
    logger: options.logger ?? silentLogger,
    instanceId: instanceId(options.instanceId),
    leaseMs: positive('leaseMs', options.leaseMs, 30_000),
    pollIntervalMs: positive('pollIntervalMs', options.pollIntervalMs, 30_000),
    shutdownGraceMs: nonNegative('shutdownGraceMs', options.shutdownGraceMs, 30_000),
    removeUnknownJobs: options.removeUnknownJobs ?? false,
    maxTimerDelayMs: timerDelay(options.maxTimerDelayMs),
    keepAlive: options.keepAlive ?? true,
    notifier: options.notifier,
    alerts: options.alerts,
  };
}

function fail(field: string, expected: string, got: unknown): never {
  throw new InvalidOptionError(`createScheduler: expected \`${field}\` to be ${expected}, got \`${show(got)}\`.`, {
    component: 'createScheduler',
    option: field,
  });
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function integerAtLeast(field: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    fail(field, `an integer of at least ${min}`, value);
  }
  return value;
}

function positive(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    fail(field, 'a positive finite number (ms)', value);
  return value;
}

function nonNegative(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(field, 'a non-negative finite number (ms)', value);
  }
  return value;
}

function timerDelay(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1_000 || value > TIMER_LIMIT_MS) {
    fail('maxTimerDelayMs', `an integer between 1000 and ${TIMER_LIMIT_MS} (ms)`, value);
  }
  return value;
}

function instanceId(value: unknown): string {
  if (value === undefined) return randomUUID();
  if (typeof value !== 'string' || value.length === 0) fail('instanceId', 'a non-empty string', value);
  return value;
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
