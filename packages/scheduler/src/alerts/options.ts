import {
  componentSite,
  invalidOption,
  isPlainObject,
  jobSite,
  nonNegativeNumber,
  type OptionSite,
  optionsObject,
  positiveNumber,
  rejectUnknownKeys,
} from '../core/validate.js';
import type { AlertOptions, ResolvedAlertOptions } from './types.js';

const HOUR_MS = 3_600_000;
const FAILURE_RATE_KEYS = ['threshold', 'windowMs', 'minRuns'] as const;

/** The defaults of {@link AlertOptions}, as documented there. */
export const DEFAULT_ALERT_OPTIONS: Readonly<Required<Omit<AlertOptions, 'slowerThanMs'>>> = Object.freeze({
  enabled: true,
  onFailure: true,
  consecutiveFailures: 3,
  failureRate: Object.freeze({ threshold: 0.2, windowMs: 24 * HOUR_MS, minRuns: 5 }),
  staleAfterPeriods: 2,
  heartbeatStaleMs: 30 * 60_000,
  consecutiveSkips: 3,
  onMissed: true,
  onCircuit: true,
  onRecovery: true,
  cooldownMs: HOUR_MS,
  rateLimitPerMinute: 20,
});

/**
 * Merges the scheduler-wide options, then one job's overrides, over the
 * defaults and validates them.
 *
 * @throws InvalidJobError naming the job and the bad field, for a per-job override;
 * InvalidOptionError (component `createScheduler`) for the scheduler-wide options
 */
export function resolveAlertOptions(
  global: AlertOptions | undefined,
  perJob?: Partial<AlertOptions>,
  job?: string,
): ResolvedAlertOptions {
  // The scheduler-wide options alone first, so that their errors name createScheduler, not the job.
  if (job !== undefined) resolveAlertOptions(global);
  checkKeys(global, undefined, false);
  checkKeys(perJob, job, true);
  const merged: AlertOptions = { ...DEFAULT_ALERT_OPTIONS, ...global, ...perJob };
  const rate = merged.failureRate;
  if (rate !== false && rate !== undefined) checkRateKeys(rate, perJob?.failureRate === rate ? job : undefined);
  return {
    enabled: merged.enabled !== false,
    onFailure: merged.onFailure !== false,
    consecutiveFailures: positiveOrOff(merged.consecutiveFailures, 'consecutiveFailures', job),
    failureRate:
      rate === false || rate === undefined
        ? undefined
        : {
            threshold: fraction(rate.threshold ?? 0.2, job),
            windowMs: positiveMs(rate.windowMs ?? 24 * HOUR_MS, 'failureRate.windowMs', job),
            minRuns: positiveOrOff(rate.minRuns ?? 5, 'failureRate.minRuns', job) ?? 1,
          },
    slowerThanMs: merged.slowerThanMs === undefined ? undefined : positiveMs(merged.slowerThanMs, 'slowerThanMs', job),
    staleAfterPeriods: positiveOrOff(merged.staleAfterPeriods, 'staleAfterPeriods', job),
    heartbeatStaleMs:
      merged.heartbeatStaleMs === false || merged.heartbeatStaleMs === undefined
        ? undefined
        : positiveMs(merged.heartbeatStaleMs, 'heartbeatStaleMs', job),
    consecutiveSkips: positiveOrOff(merged.consecutiveSkips, 'consecutiveSkips', job),
    onMissed: merged.onMissed !== false,
    onCircuit: merged.onCircuit !== false,
    onRecovery: merged.onRecovery !== false,
    cooldownMs: nonNegativeMs(merged.cooldownMs ?? HOUR_MS, 'cooldownMs', job),
    rateLimitPerMinute: positiveOrOff(merged.rateLimitPerMinute ?? 20, 'rateLimitPerMinute', job) ?? 20,
  };
}

const KNOWN_KEYS: readonly string[] = [...Object.keys(DEFAULT_ALERT_OPTIONS), 'slowerThanMs'];

/** A per-job override is part of a job definition; the scheduler-wide alerts are an option of `createScheduler`. */
function site(job: string | undefined): OptionSite {
  return job === undefined ? componentSite('createScheduler') : jobSite(job);
}

function checkKeys(options: object | undefined, job: string | undefined, perJob: boolean): void {
  optionsObject(site(perJob ? job : undefined), 'alerts', options, KNOWN_KEYS);
}

function checkRateKeys(rate: object, job: string | undefined): void {
  if (!isPlainObject(rate)) throw invalidOption(site(job), 'alerts.failureRate', 'an object or false', rate);
  rejectUnknownKeys(site(job), 'alerts.failureRate', rate, FAILURE_RATE_KEYS);
}

function positiveOrOff(value: number | false | undefined, field: string, job?: string): number | undefined {
  if (value === false || value === undefined) return undefined;
  if (Number.isInteger(value) && value >= 1) return value;
  throw invalidOption(site(job), `alerts.${field}`, 'a positive integer or false', value);
}

function positiveMs(value: number, field: string, job?: string): number {
  return positiveNumber(site(job), `alerts.${field}`, value, Number.NaN);
}

function nonNegativeMs(value: number, field: string, job?: string): number {
  return nonNegativeNumber(site(job), `alerts.${field}`, value, Number.NaN);
}

function fraction(value: number, job?: string): number {
  if (Number.isFinite(value) && value > 0 && value <= 1) return value;
  throw invalidOption(site(job), 'alerts.failureRate.threshold', 'a fraction in (0, 1]', value);
}
