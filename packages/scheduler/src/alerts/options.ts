import { InvalidJobError, InvalidOptionError } from '../errors.js';
import { closestKey } from '../job/closest-key.js';
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
  checkKeys(global, job === undefined ? undefined : job, false);
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

const KNOWN_KEYS: ReadonlySet<string> = new Set([...Object.keys(DEFAULT_ALERT_OPTIONS), 'slowerThanMs']);

function checkKeys(options: object | undefined, job: string | undefined, perJob: boolean): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object')
    throw invalid('alerts', perJob ? job : undefined, 'an object', options);
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) throw unknownKey(key, [...KNOWN_KEYS], perJob ? job : undefined);
  }
}

function checkRateKeys(rate: object, job: string | undefined): void {
  if (typeof rate !== 'object' || rate === null) throw invalid('failureRate', job, 'an object or false', rate);
  for (const key of Object.keys(rate)) {
    if (!(FAILURE_RATE_KEYS as readonly string[]).includes(key)) {
      throw unknownKey(
        `failureRate.${key}`,
        FAILURE_RATE_KEYS.map((k) => `failureRate.${k}`),
        job,
      );
    }
  }
}

/** An unknown key, with the closest known one as a hint (`window` → `failureRate.windowMs`). */
function unknownKey(
  key: string,
  known: readonly string[],
  job: string | undefined,
): InvalidJobError | InvalidOptionError {
  const suggestion = closestKey(key, known);
  const hint = suggestion ? `Did you mean \`alerts.${suggestion}\`?` : `Known options: ${known.join(', ')}.`;
  const owner = job ? `Job "${job}"` : 'createScheduler';
  return optionError(`alerts.${key}`, job, `${owner}: unknown option \`alerts.${key}\`. ${hint}`);
}

function positiveOrOff(value: number | false | undefined, field: string, job?: string): number | undefined {
  if (value === false || value === undefined) return undefined;
  if (Number.isInteger(value) && value >= 1) return value;
  throw invalid(`alerts.${field}`, job, 'a positive integer or false', value);
}

function positiveMs(value: number, field: string, job?: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  throw invalid(`alerts.${field}`, job, 'a positive finite number of ms', value);
}

function nonNegativeMs(value: number, field: string, job?: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw invalid(`alerts.${field}`, job, 'a finite number of ms, zero or more', value);
}

function fraction(value: number, job?: string): number {
  if (Number.isFinite(value) && value > 0 && value <= 1) return value;
  throw invalid('alerts.failureRate.threshold', job, 'a fraction in (0, 1]', value);
}

function invalid(
  field: string,
  job: string | undefined,
  expected: string,
  got: unknown,
): InvalidJobError | InvalidOptionError {
  const name = field.startsWith('alerts.') ? field : `alerts.${field}`;
  const owner = job ? ` of job "${job}"` : ' of the scheduler';
  return optionError(name, job, `Expected \`${name}\`${owner} to be ${expected}, got \`${JSON.stringify(got)}\`.`);
}

/** A per-job override is part of a job definition; the scheduler-wide alerts are an option of `createScheduler`. */
function optionError(option: string, job: string | undefined, message: string): InvalidJobError | InvalidOptionError {
  if (job !== undefined) return new InvalidJobError(message, { job, field: option });
  return new InvalidOptionError(message, { component: 'createScheduler', option });
}
