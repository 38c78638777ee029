import type { AlertSeverity, Notifier } from '@pokemon/scheduler';

/**
 * A finding a job wants a human to see (a health threshold crossed, integrity
 * problems). Field for field a subset of the scheduler's notifier `Alert`
 * (add `kind` to forward it to a `Notifier`).
 */
export interface PokemonAlert {
  /** Stable key for deduplication, e.g. `pokemon:health:disk`. */
  key: string;
  /** How urgent. */
  severity: AlertSeverity;
  /** One line. */
  title: string;
  /** Details, plain text. */
  text: string;
  /** The job that raised it. */
  job: string;
  /** The run that raised it. */
  runId: string;
  /** Facts as label/value pairs. */
  fields: Record<string, string>;
  /** When, ms since the epoch (scheduler clock). */
  createdAtMs: number;
}

/** Delivers an alert (Slack, log...). A rejection is logged by the job and never fails it. */
export type NotifyFunction = (alert: PokemonAlert) => Promise<void>;

/**
 * Adapts a scheduler `Notifier` (e.g. `fanOut([slackNotifier(...), logNotifier(logger)])`)
 * to a {@link NotifyFunction}. Health and integrity findings are sent with
 * kind `finding`: raised by the job itself, not a failure of the run.
 */
export function notifyThrough(notifier: Notifier): NotifyFunction {
  return (alert) => notifier.notify({ ...alert, kind: 'finding' });
}
