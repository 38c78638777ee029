import { InvalidJobError } from '../errors.js';
import type { Duration } from '../job/types.js';
import type { AlertOptions, ResolvedAlertOptions } from './types.js';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** The defaults of {@link AlertOptions}, as documented there. */
export const DEFAULT_ALERT_OPTIONS: Readonly<Required<Omit<AlertOptions, 'slowerThanMs'>>> = Object.freeze({
  enabled: true,
  onFailure: true,
  consecutiveFailures: 3,
  failureRate: Object.freeze({ threshold: 0.2, window: '24h', minRuns: 5 }),
  staleAfterPeriods: 2,
  heartbeatStaleMs: 30 * 60_000,
  consecutiveSkips: 3,
  onMissed: true,
  onCircuit: true,
  onRecovery: true,
  cooldown: '1h',
  rateLimitPerMinute: 20,
});

/**
 * Merges the scheduler-wide options, then one job's overrides, over the
 * defaults, validates them and converts durations to ms.
 *
 * @throws InvalidJobError naming the bad field (and the job, when it is a per-job override)
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
  return {
    enabled: merged.enabled !== false,
    onFailure: merged.onFailure !== false,
    consecutiveFailures: positiveOrOff(merged.consecutiveFailures, 'consecutiveFailures', job),
    failureRate:
      rate === false || rate === undefined
        ? undefined
        : {
            threshold: fraction(rate.threshold ?? 0.2, job),
            windowMs: durationMs(rate.window ?? '24h', 'failureRate.window', job),
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
    cooldownMs: durationMs(merged.cooldown ?? '1h', 'cooldown', job),
    rateLimitPerMinute: positiveOrOff(merged.rateLimitPerMinute ?? 20, 'rateLimitPerMinute', job) ?? 20,
  };
}

/**
 * Converts a {@link Duration} (`90_000`, `'90s'`, `'15m'`, `'24h'`, `'7d'`) to ms.
 *
 * @throws InvalidJobError when it is not a non-negative finite duration
 */
function durationMs(value: Duration, field: string, job?: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
  } else {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value);
    if (match) return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  }
  throw invalid(field, job, 'a duration like 90000, "90s", "15m", "24h" or "7d"', value);
}

const KNOWN_KEYS: ReadonlySet<string> = new Set([...Object.keys(DEFAULT_ALERT_OPTIONS), 'slowerThanMs']);

function checkKeys(options: object | undefined, job: string | undefined, perJob: boolean): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object')
    throw invalid('alerts', perJob ? job : undefined, 'an object', options);
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) {
      const known = [...KNOWN_KEYS].join(', ');
      throw invalid(key, perJob ? job : undefined, `a known alert option (${known})`, key);
    }
  }
}

function positiveOrOff(value: number | false | undefined, field: string, job?: string): number | undefined {
  if (value === false || value === undefined) return undefined;
  if (Number.isInteger(value) && value >= 1) return value;
  throw invalid(`alerts.${field}`, job, 'a positive integer or false', value);
}

function positiveMs(value: number, field: string, job?: string): number {
  if (Number.isFinite(value) && value > 0) return value;
  throw invalid(`alerts.${field}`, job, 'a positive finite number of ms', value);
}

function fraction(value: number, job?: string): number {
  if (Number.isFinite(value) && value > 0 && value <= 1) return value;
  throw invalid('alerts.failureRate.threshold', job, 'a fraction in (0, 1]', value);
}

function invalid(field: string, job: string | undefined, expected: string, got: unknown): InvalidJobError {
  const name = field.startsWith('alerts.') ? field : `alerts.${field}`;
  const owner = job ? ` of job "${job}"` : ' of the scheduler';
  return new InvalidJobError(`Expected \`${name}\`${owner} to be ${expected}, got \`${JSON.stringify(got)}\`.`, {
    job,
    field: name,
  });
}
