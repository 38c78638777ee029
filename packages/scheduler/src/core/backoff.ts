/** How a delay grows between attempts (see {@link backoffDelayMs}). @internal */
export interface BackoffOptions {
  /** Delay after the first failure, ms. */
  readonly initialMs: number;
  /** Upper bound of a delay, ms. */
  readonly maxMs: number;
  /** Growth per attempt: 2 doubles, 1 keeps the delay fixed. @default 2 */
  readonly factor?: number;
  /** Randomise each delay in [delay/2, delay] ("equal jitter"). @default false */
  readonly jitter?: boolean;
}

/**
 * The one backoff of the library: the delay after failure number `attempt`
 * (1-based) is `initialMs * factor^(attempt-1)`, capped at `maxMs`; with
 * jitter, uniformly in `[delay/2, delay]`. Job retries, `retry()`, the Slack
 * notifier, store-error retries and reconnects all use it.
 *
 * @param attempt - how many failures in a row so far, 1-based
 * @param options - initial delay, cap, growth factor, jitter
 * @param random - a source of numbers in [0, 1) (used only with jitter)
 * @returns whole milliseconds to wait
 * @internal
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const { initialMs, maxMs, factor = 2, jitter = false } = options;
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 0 * Infinity is NaN: a zero delay stays zero however large the exponent.
  const delay = initialMs === 0 ? 0 : Math.min(maxMs, initialMs * factor ** exponent);
  if (!jitter) return Math.round(delay);
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.round(delay / 2 + (unit * delay) / 2);
}
