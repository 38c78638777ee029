import type { BackoffOptions } from '../core/backoff.js';
import {
  boolean,
  integerAtLeast,
  invalidOption,
  literal,
  nonNegativeNumber,
  type OptionSite,
  optionalFunction,
  optionsObject,
} from '../core/validate.js';
import type { RetryOptions } from './retry-options.js';

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
 * The backoff of a retry policy, for {@link backoffDelayMs}: `initialDelayMs`
 * doubled after each failure (or fixed), capped at `maxDelayMs`.
 *
 * @param policy - the backoff part of a {@link RetryPolicy}
 * @internal
 */
export function policyBackoff(
  policy: Pick<RetryPolicy, 'backoff' | 'initialDelayMs' | 'maxDelayMs' | 'jitter'>,
): BackoffOptions {
  return {
    initialMs: policy.initialDelayMs,
    maxMs: policy.maxDelayMs,
    factor: policy.backoff === 'exponential' ? 2 : 1,
    jitter: policy.jitter,
  };
}
