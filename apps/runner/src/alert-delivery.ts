/**
 * Says so when an alert's delivery is cut short because the process is
 * stopping: the scheduler's `stop()` waits (a bounded time) for queued alerts,
 * then aborts the one in flight; without this line that abort is silent.
 */
import { type Clock, type Logger, type Notifier, systemClock } from '@pokemon/scheduler';

/**
 * Wraps `notifier` so a delivery aborted by the scheduler's stop (its
 * `signal`) is logged as an error naming the alert and how long it waited:
 * `Gave up on alert delivery: the process is stopping`. Other outcomes are
 * passed through unchanged (the scheduler logs failed deliveries itself).
 */
export function reportAbandonedDelivery(notifier: Notifier, logger: Logger, clock: Clock = systemClock): Notifier {
  const name = notifier.name ?? 'notifier';
  return {
    name,
    async notify(alert, signal) {
      const startedMs = clock.now();
      try {
        await notifier.notify(alert, signal);
      } catch (error) {
        if (signal?.aborted) {
          logger.error('Gave up on alert delivery: the process is stopping', {
            notifier: name,
            key: alert.key,
            alert: alert.title,
            waitedMs: clock.now() - startedMs,
          });
        }
        throw error;
      }
    },
  };
}
