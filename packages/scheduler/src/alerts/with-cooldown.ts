import { adoptClock, type Clock, lendClock, systemClock } from '../core/clock.js';
import { isAtLeast, notifierChannels } from './severity.js';
import type { Alert, Notifier } from './types.js';

/** Options of {@link withCooldown}. */
export interface CooldownOptions {
  /** Repeats of one alert key within this many ms are dropped. @default 3600000 (1 h) */
  cooldownMs?: number;
  /** Where time is read. @default the clock of the scheduler it is given to, else `systemClock` */
  clock?: Clock;
}

/**
 * Wraps a notifier so that an alert whose `key` was delivered less than
 * `cooldownMs` ago is dropped, unless it is more severe than the one delivered
 * (an escalation always goes through). For alerts raised outside the
 * scheduler's alert policy, such as a job's own findings (`kind: 'finding'`),
 * which would otherwise be sent at every run: a health check every 15 minutes
 * reports a full disk once an hour, not four times.
 *
 * @remarks
 * The memory of what was sent is this process's: a restart may send a finding
 * again. A delivery that fails is not remembered, so the next one is retried.
 *
 * @example
 * ```ts
 * const findings = withCooldown(fanOut([slackNotifier({ webhookUrl }), logNotifier(logger)]), { cooldownMs: 3_600_000 });
 * ```
 */
export function withCooldown(notifier: Notifier, options: CooldownOptions = {}): Notifier {
  const cooldownMs = options.cooldownMs ?? 3_600_000;
  let clock = options.clock ?? systemClock;
  let clockSettled = options.clock !== undefined;
  const sent = new Map<string, { atMs: number; severity: Alert['severity'] }>();
  const wrapper: Notifier = {
    name: notifier.name,
    channels: notifierChannels(notifier),
    async notify(alert: Alert, signal?: AbortSignal): Promise<void> {
      const now = clock.now();
      const last = sent.get(alert.key);
      const escalation =
        last !== undefined && alert.severity !== last.severity && isAtLeast(alert.severity, last.severity);
      if (last !== undefined && now - last.atMs < cooldownMs && !escalation) return;
      await notifier.notify(alert, signal);
      sent.set(alert.key, { atMs: now, severity: alert.severity });
    },
  };
  Object.defineProperty(wrapper, adoptClock, {
    value: (schedulerClock: Clock) => {
      if (!clockSettled) {
        clock = schedulerClock;
        clockSettled = true;
      }
      lendClock(notifier, schedulerClock);
    },
  });
  return wrapper;
}
