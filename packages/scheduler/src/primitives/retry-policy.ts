import { boolean, integerAtLeast, literal, nonNegativeNumber, optionalFunction, optionsObject } from '../job/check.js';
import { invalidOption, type OptionSite } from '../job/invalid.js';
import type { RetryOptions } from '../job/types.js';

/** A retry policy with every default filled in, as found in `JobDefinition.retry`. */
export interface RetryPolicy {
  /** Total attempts, first included (at least 1). */
  readonly attempts: number;
  /** Delay growth between attempts. */
  readonly backoff: 'fixed' | 'exponential';
  /** Delay before the 2nd attempt, ms. */
  readonly initialDelayMs: number;
  /** Upper bound of a delay, ms (at least `initialDelayMs`). */
  readonly maxDelayMs: number;
  /** Randomise each delay in [delay/2, delay] ("equal jitter"). */
  readonly jitter: boolean;
  /** Return `false` to stop retrying after this error. */
  readonly retryIf: ((error: Error, attempt: number) => boolean) | undefined;
}

/** The documented defaults of a job's retry policy. */
export const RETRY_DEFAULTS = {
  attempts: 1,
  backoff: 'exponential',
  initialDelayMs: 1_000,
  maxDelayMs: 60_000,
  jitter: true,
} as const;

const RETRY_KEYS = ['attempts', 'backoff', 'initialDelayMs', 'maxDelayMs', 'jitter', 'retryIf'] as const;

/**
 * Validates retry options and fills in the defaults.
 *
 * @param options - as given by the user (may be anything)
 * @param site - where they came from, for messages
 * @param field - their path, `retry` in a job
 * @internal
 */
export function normalizeRetry(options: RetryOptions | undefined, site: OptionSite, field = 'retry'): RetryPolicy {
  const raw = optionsObject(site, field, options, RETRY_KEYS);
  const prefix = field ? `${field}.` : '';
  const initialDelayMs = nonNegativeNumber(
    site,
    `${prefix}initialDelayMs`,
    raw.initialDelayMs,
    RETRY_DEFAULTS.initialDelayMs,
  );
  const maxDefault = Math.max(RETRY_DEFAULTS.maxDelayMs, initialDelayMs);
  const maxDelayMs = nonNegativeNumber(site, `${prefix}maxDelayMs`, raw.maxDelayMs, maxDefault);
  if (maxDelayMs < initialDelayMs) {
    throw invalidOption(
      site,
      `${prefix}maxDelayMs`,
      `at least \`${prefix}initialDelayMs\` (${initialDelayMs})`,
      maxDelayMs,
      'Raise maxDelayMs or lower initialDelayMs.',
    );
  }
  return {
    attempts: integerAtLeast(site, `${prefix}attempts`, raw.attempts, 1, RETRY_DEFAULTS.attempts),
    backoff: literal(site, `${prefix}backoff`, raw.backoff, ['fixed', 'exponential'], RETRY_DEFAULTS.backoff),
    initialDelayMs,
    maxDelayMs,
    jitter: boolean(site, `${prefix}jitter`, raw.jitter, RETRY_DEFAULTS.jitter),
    retryIf: optionalFunction(site, `${prefix}retryIf`, raw.retryIf),
  };
}

/**
 * The delay before the attempt after `attempt` (1-based) failed: `initialDelayMs`
 * (fixed) or `initialDelayMs * 2^(attempt-1)` (exponential), capped at
 * `maxDelayMs`; with jitter, uniformly in `[delay/2, delay]` ("equal jitter").
 * Pure: the scheduler uses it to schedule attempts itself.
 *
 * @param attempt - the attempt that just failed, 1-based
 * @param policy - the backoff part of a {@link RetryPolicy}
 * @param random - a source of numbers in [0, 1) (used only with jitter)
 * @returns whole milliseconds to wait
 *
 * @example
 * ```ts
 * const policy = { backoff: 'exponential', initialDelayMs: 1000, maxDelayMs: 60000, jitter: false } as const;
 * retryDelayMs(1, policy); // 1000
 * retryDelayMs(3, policy); // 4000
 * ```
 */
export function retryDelayMs(
  attempt: number,
  policy: Pick<RetryPolicy, 'backoff' | 'initialDelayMs' | 'maxDelayMs' | 'jitter'>,
  random: () => number = Math.random,
): number {
  const exponent = policy.backoff === 'exponential' ? Math.max(0, attempt - 1) : 0;
  const delay = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(exponent, 1_000));
  if (!policy.jitter) return Math.round(delay);
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.round(delay / 2 + (unit * delay) / 2);
}
