import { adoptClock, type Clock, lendClock } from '../core/clock.js';
import type { Alert, AlertSeverity, Notifier } from './types.js';

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

/** Whether `severity` is at least `min` (`critical` ≥ `warning` ≥ `info`). */
export function isAtLeast(severity: AlertSeverity, min: AlertSeverity): boolean {
  return RANK[severity] >= RANK[min];
}

/**
 * Wraps a notifier so that it only receives alerts of `minSeverity` or more;
 * other alerts resolve at once without reaching it.
 *
 * @example
 * ```ts
 * const notifier = fanOut([withMinSeverity(slack, 'warning'), logNotifier(logger)]);
 * ```
 */
export function withMinSeverity(notifier: Notifier, minSeverity: AlertSeverity): Notifier {
  const wrapper: Notifier = {
    name: notifier.name,
    channels: notifierChannels(notifier),
    notify: (alert: Alert, signal?: AbortSignal) =>
      isAtLeast(alert.severity, minSeverity) ? notifier.notify(alert, signal) : Promise.resolve(),
  };
  Object.defineProperty(wrapper, adoptClock, { value: (clock: Clock) => lendClock(notifier, clock) });
  return wrapper;
}

/**
 * The channels `notifier` delivers to: its `channels`, else its name (else
 * `fallback`). What the alert state records as reached. @internal
 */
export function notifierChannels(notifier: Notifier, fallback = 'notifier'): readonly string[] {
  return notifier.channels ?? [notifier.name ?? fallback];
}
