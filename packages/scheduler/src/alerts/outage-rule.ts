import type { RunRecord } from '../store/types.js';
import { closeIncident } from './incidents.js';
import { MISSED_COALESCE_MS } from './missed-rule.js';
import { type MonitorContext, raise, sendRecovery } from './monitor-context.js';
import { RESTART_WINDOW_MS } from './restart-window.js';

/**
 * The alert state of the scheduler as a whole (outages), kept beside the jobs' under a name no
 * job can have (job names are kebab-case).
 */
export const SCHEDULER_ALERTS = '(scheduler)';

/** A span in which no instance sharing the store was running, as the scheduler found it at start. */
export interface OutageSpan {
  /** When an instance was last seen (store time, ms). */
  fromMs: number;
  /** When this instance started. */
  toMs: number;
  /** Whether the last instance stopped cleanly (a planned restart) rather than died. */
  cleanStop: boolean;
}

/**
 * One alert per outage: the missed slots of every job in a span when no instance was alive are
 * counted together and raise one `outage` incident ("scheduler down from … to …, N slots of M
 * jobs") instead of one `missed` alert per job; the first successful run after it resolves it
 * (one recovery notice). A clean stop followed by a restart within the restart window is no
 * outage (its missed slots are not alerted, see `restart-window.ts`).
 *
 * @internal
 */
export class OutageWatch {
  readonly #ctx: MonitorContext;
  #span: OutageSpan | undefined;
  #pending: { count: number; jobs: Set<string>; notedAtMs: number; firstMs: number; lastMs: number } | undefined;
  #succeededSinceRaise = false;
  /** Raised and not resolved yet. */
  #open = false;

  constructor(ctx: MonitorContext) {
    this.#ctx = ctx;
  }

  /** The span found at start (none: some instance was alive, or a quick planned restart). */
  set span(span: OutageSpan | undefined) {
    const planned = span?.cleanStop === true && span.toMs - span.fromMs <= RESTART_WINDOW_MS;
    this.#span = planned ? undefined : span;
  }

  /** Counts a missed run whose slot fell in the outage; `false` when it did not (the per-job rule takes it). */
  take(run: RunRecord, nowMs: number): boolean {
    const span = this.#span;
    const slotMs = run.scheduledFor.getTime();
    if (!span || run.status !== 'missed' || slotMs < span.fromMs || slotMs > span.toMs) return false;
    this.#pending ??= { count: 0, jobs: new Set(), notedAtMs: nowMs, firstMs: slotMs, lastMs: slotMs };
    this.#pending.count++;
    this.#pending.firstMs = Math.min(this.#pending.firstMs, slotMs);
    this.#pending.lastMs = Math.max(this.#pending.lastMs, slotMs);
    this.#pending.jobs.add(run.job);
    return true;
  }

  /** A run succeeded: the scheduler works again (resolves a notified outage at the next check). */
  succeeded(): void {
    this.#succeededSinceRaise = true;
  }

  /** When the pending outage is due to be reported (or +Infinity). */
  nextDueMs(): number {
    return this.#pending ? this.#pending.notedAtMs + MISSED_COALESCE_MS : Number.POSITIVE_INFINITY;
  }

  /** Whether an outage is being reported or is open: per-job staleness it explains stays quiet. */
  get active(): boolean {
    return this.#pending !== undefined || this.#open;
  }

  /** Whether an outage waits to be reported. */
  get waiting(): boolean {
    return this.#pending !== undefined;
  }

  /** Raises the outage once its missed slots are all noted; resolves a notified one after a success. */
  async check(nowMs: number): Promise<void> {
    const pending = this.#pending;
    const span = this.#span;
    if (pending && span && nowMs >= pending.notedAtMs + MISSED_COALESCE_MS) {
      this.#pending = undefined;
      this.#succeededSinceRaise = false;
      if (!this.#ctx.options(SCHEDULER_ALERTS).onMissed) return;
      const state = await this.#ctx.states.get(SCHEDULER_ALERTS);
      const from = new Date(span.fromMs).toISOString();
      const to = new Date(span.toMs).toISOString();
      const slots = `${pending.count} slot${pending.count === 1 ? '' : 's'}`;
      const jobs = `${pending.jobs.size} job${pending.jobs.size === 1 ? '' : 's'}`;
      raise(
        this.#ctx,
        SCHEDULER_ALERTS,
        state,
        'outage',
        {
          kind: 'outage',
          severity: 'critical',
          count: pending.count,
          content: {
            title: `scheduler down from ${from} to ${to}, ${slots} of ${jobs} missed`,
            text: `No scheduler instance sharing the store was running${span.cleanStop ? ' after a clean stop' : ''}. The catch-up policy of each job decided which of its slots ran late; the others were recorded missed.`,
            fields: {
              from,
              to,
              'missed slots': `${pending.count} (${new Date(pending.firstMs).toISOString()} to ${new Date(pending.lastMs).toISOString()})`,
              jobs: [...pending.jobs].sort().join(', '),
            },
          },
        },
        nowMs,
      );
      await this.#ctx.states.save(SCHEDULER_ALERTS, state);
      this.#open = true;
      return;
    }
    if (!this.#succeededSinceRaise || !span) return;
    const state = await this.#ctx.states.get(SCHEDULER_ALERTS);
    const incident = state.incidents.outage;
    if (!incident?.notified) return;
    closeIncident(state, 'outage');
    this.#span = undefined;
    this.#open = false;
    sendRecovery(
      this.#ctx,
      SCHEDULER_ALERTS,
      state,
      {
        key: `${SCHEDULER_ALERTS}:recovered`,
        kind: 'recovered',
        severity: incident.notifiedSeverity ?? incident.severity,
        resolved: true,
        title: `scheduler back since ${new Date(span.toMs).toISOString()}: runs succeed again`,
        createdAtMs: nowMs,
      },
      nowMs,
    );
    await this.#ctx.states.save(SCHEDULER_ALERTS, state);
  }
}
