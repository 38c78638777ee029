import type { RunRecord } from '../store/types.js';
import type { JobAlertState } from './alert-state.js';
import { runFacts } from './emit.js';
import { type MonitorContext, raise } from './monitor-context.js';
import { type RestartWindow, withinRestart } from './restart-window.js';

/** Missed slots noted within this long of the first are reported in one alert (a catch-up burst). */
export const MISSED_COALESCE_MS = 1_000;

/** Missed slots of one job seen since the last check. @internal */
export interface PendingMissed {
  count: number;
  firstMs: number;
  lastMs: number;
  lastRun: RunRecord;
  /** When the first of them was noted (scheduler time, ms). */
  notedAtMs: number;
}

/**
 * Raises the `missed` incident for a burst of missed slots (for instance
 * every slot of a two-hour outage, recorded by catch-up when an instance
 * came back): one alert saying how many and which period. Mutates `state`.
 * @internal
 */
export function flushMissed(
  ctx: MonitorContext,
  state: JobAlertState,
  job: string,
  pending: PendingMissed,
  nowMs: number,
): void {
  const facts = runFacts(pending.lastRun);
  const slots = pending.count === 1 ? '1 slot' : `${pending.count} slots`;
  const range =
    pending.count === 1
      ? new Date(pending.firstMs).toISOString()
      : `${new Date(pending.firstMs).toISOString()} to ${new Date(pending.lastMs).toISOString()}`;
  raise(
    ctx,
    job,
    state,
    'missed',
    {
      kind: 'missed',
      severity: 'warning',
      runId: pending.lastRun.id,
      count: pending.count,
      content: {
        ...facts,
        title: `${job} missed ${slots}`,
        text: `No instance ran ${range}${pending.lastRun.reason ? ` (${pending.lastRun.reason})` : ''}. The scheduler was down or asleep and the catch-up policy did not run them.`,
        fields: {
          ...facts.fields,
          'missed slots': String(pending.count),
          from: new Date(pending.firstMs).toISOString(),
        },
      },
    },
    nowMs,
  );
}

/**
 * Collects the missed slots of each job as catch-up records them and raises
 * one `missed` incident per burst, unless every slot of the burst falls in
 * the restart window (after a clean stop, back within 15 minutes): those are
 * logged, not alerted.
 * @internal
 */
export class MissedWatch {
  readonly #ctx: MonitorContext;
  readonly #pending = new Map<string, PendingMissed>();
  #restart: RestartWindow | undefined;

  constructor(ctx: MonitorContext) {
    this.#ctx = ctx;
  }

  /** Sets the restart window found at start. */
  set restartWindow(window: RestartWindow | undefined) {
    this.#restart = window;
  }

  /** Notes a missed run; returns `true` when it starts a new burst (the caller arms a check). */
  note(run: RunRecord, nowMs: number): boolean {
    const slotMs = run.scheduledFor.getTime();
    const pending = this.#pending.get(run.job);
    if (pending) {
      pending.count++;
      pending.firstMs = Math.min(pending.firstMs, slotMs);
      pending.lastMs = Math.max(pending.lastMs, slotMs);
      pending.lastRun = run;
      return false;
    }
    this.#pending.set(run.job, { count: 1, firstMs: slotMs, lastMs: slotMs, lastRun: run, notedAtMs: nowMs });
    return true;
  }

  /** Whether bursts are waiting to be reported. */
  get waiting(): boolean {
    return this.#pending.size > 0;
  }

  /** When the next burst is due to be reported, ms (or +Infinity). */
  nextDueMs(): number {
    let next = Number.POSITIVE_INFINITY;
    for (const pending of this.#pending.values()) next = Math.min(next, pending.notedAtMs + MISSED_COALESCE_MS);
    return next;
  }

  /** Reports the bursts noted at least {@link MISSED_COALESCE_MS} ago. */
  async flush(nowMs: number): Promise<void> {
    for (const [job, pending] of this.#pending) {
      if (nowMs < pending.notedAtMs + MISSED_COALESCE_MS) continue;
      this.#pending.delete(job);
      if (!this.#ctx.options(job).onMissed) continue;
      if (withinRestart(this.#restart, pending.firstMs, pending.lastMs)) {
        this.#ctx.logger.info('Slots missed during a restart (not alerted)', {
          job,
          missed: pending.count,
          from: new Date(pending.firstMs).toISOString(),
          to: new Date(pending.lastMs).toISOString(),
        });
        continue;
      }
      const state = await this.#ctx.states.get(job);
      flushMissed(this.#ctx, state, job, pending, nowMs);
      await this.#ctx.states.save(job, state);
    }
  }
}
