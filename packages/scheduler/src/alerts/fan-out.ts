import { adoptClock, type Clock, lendClock } from '../core/clock.js';
import { NotifierError } from '../core/errors.js';
import { notifierChannels } from './severity.js';
import type { Alert, Notifier } from './types.js';

/**
 * Delivers each alert to every notifier, in parallel. One failing notifier
 * does not stop the others; when some fail, the returned promise rejects with
 * a `NotifierError` naming them (after all have settled).
 *
 * @param notifiers - the channels; wrap one with {@link withMinSeverity} to limit what it receives
 *
 * @example
 * ```ts
 * const notifier = fanOut([
 *   withMinSeverity(slackNotifier({ webhookUrl }), 'warning'),
 *   logNotifier(logger),
 * ]);
 * ```
 */
export function fanOut(notifiers: readonly Notifier[]): Notifier {
  const list = [...notifiers];
  const notifier: Notifier = {
    name: `fan-out(${list.map((n, i) => n.name ?? `#${i}`).join(', ')})`,
    channels: [...new Set(list.flatMap((n, i) => notifierChannels(n, `#${i}`)))],
    async notify(alert: Alert, signal?: AbortSignal): Promise<void> {
      const outcomes = await Promise.allSettled(list.map((n) => n.notify(alert, signal)));
      const failed: string[] = [];
      outcomes.forEach((outcome, i) => {
        if (outcome.status === 'rejected') failed.push(`${list[i]?.name ?? `#${i}`}: ${reasonText(outcome.reason)}`);
      });
      if (failed.length > 0) {
        throw new NotifierError(
          'fan-out',
          `${failed.length} of ${list.length} notifiers failed (${failed.join('; ')}).`,
          {
            retryable: false,
          },
        );
      }
    },
  };
  // The notifiers inside follow the scheduler's clock too (those created without one).
  Object.defineProperty(notifier, adoptClock, {
    value: (clock: Clock) => {
      for (const inner of list) lendClock(inner, clock);
    },
  });
  return notifier;
}

function reasonText(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
