import type { RunRecord } from '../store/types.js';
import type { JobAlertState } from './alert-state.js';
import { FAILURE_STATUSES } from './failure-rules.js';
import { formatDurationMs } from './format.js';
import { type MonitorContext, raise } from './monitor-context.js';
import { QUIET_SKIP_REASONS } from './run-rules.js';
import { isStale, type ScheduleSlots, staleDeadlineMs } from './stale.js';
import type { ResolvedAlertOptions } from './types.js';

/** How often a job past its deadline is looked at again (and how soon a reminder can follow). */
const RECHECK_MS = 60_000;

/** Incidents that already say the job is not succeeding: staleness stays quiet while one is open. */
const COVERING = ['failing', 'missed', 'skipped', 'circuit'] as const;

/**
 * Whether the latest run's outcome is watched by a rule of its own: failures
 * by the failure rules (which may be tuned to wait for N failures), skips by
 * the skipped-in-a-row rule. Staleness is for what nothing else reports.
 */
function ownedByAnotherRule(latest: RunRecord, options: ResolvedAlertOptions): boolean {
  if (FAILURE_STATUSES.has(latest.status)) {
    return options.onFailure || options.consecutiveFailures !== undefined || options.failureRate !== undefined;
  }
  return (
    latest.status === 'skipped' &&
    options.consecutiveSkips !== undefined &&
    !QUIET_SKIP_REASONS.has(latest.reason ?? '')
  );
}

interface Watched {
  referenceMs: number;
  deadlineMs: number | undefined;
  nextEvalMs: number | undefined;
}

/**
 * The dead-man's switch: tracks, per job, when it becomes stale (the
 * `staleAfterPeriods`-th slot after its last success, or after it was
 * registered) and raises a `stale` incident once that slot has passed without
 * success. Deadlines are kept in memory, so a check costs nothing until one is due.
 * @internal
 */
export class StaleWatch {
  readonly #ctx: MonitorContext;
  readonly #scheduleOf: (job: string) => ScheduleSlots | undefined;
  readonly #jobs = new Map<string, Watched>();
  readonly #outageActive: () => boolean;

  /** @param outageActive - whether an outage of the whole scheduler is being reported (it explains staleness) */
  constructor(
    ctx: MonitorContext,
    scheduleOf: (job: string) => ScheduleSlots | undefined,
    outageActive: () => boolean,
  ) {
    this.#ctx = ctx;
    this.#scheduleOf = scheduleOf;
    this.#outageActive = outageActive;
  }

  /** Reads every job's last success (one query) and computes the deadlines. */
  async load(nowMs: number): Promise<void> {
    const [jobs, successes] = await Promise.all([
      this.#ctx.store.listJobs(),
      this.#ctx.store.latestRuns({ statuses: ['succeeded'] }),
    ]);
    for (const job of jobs) {
      const success = successes.get(job.name);
      this.#watch(job.name, success ? success.scheduledFor.getTime() : Math.min(job.createdAt.getTime(), nowMs));
    }
  }

  /** A run of `job` for slot `slotMs` succeeded: its deadline moves on. */
  succeeded(job: string, slotMs: number): void {
    const current = this.#jobs.get(job);
    if (!current || slotMs >= current.referenceMs) this.#watch(job, slotMs);
  }

  /** Evaluates `job` now if its deadline has passed (after a run that did not succeed). Mutates `state`. */
  async evaluate(job: string, state: JobAlertState, nowMs: number): Promise<void> {
    const watched = this.#jobs.get(job);
    if (watched?.deadlineMs !== undefined && nowMs >= watched.deadlineMs)
      await this.#evaluate(job, watched, state, nowMs);
  }

  /** Evaluates every job whose next evaluation is due. */
  async checkDue(nowMs: number): Promise<void> {
    for (const [job, watched] of this.#jobs) {
      if (watched.nextEvalMs === undefined || watched.nextEvalMs > nowMs) continue;
      const state = await this.#ctx.states.get(job);
      await this.#evaluate(job, watched, state, nowMs, true);
      await this.#ctx.states.save(job, state);
    }
  }

  /** The earliest pending evaluation, ms. */
  nextDueMs(): number | undefined {
    let min: number | undefined;
    for (const watched of this.#jobs.values()) {
      if (watched.nextEvalMs !== undefined && (min === undefined || watched.nextEvalMs < min)) min = watched.nextEvalMs;
    }
    return min;
  }

  #watch(job: string, referenceMs: number): void {
    const periods = this.#ctx.options(job).staleAfterPeriods;
    const schedule = this.#scheduleOf(job);
    const deadlineMs =
      periods === undefined || !schedule || !this.#ctx.options(job).enabled
        ? undefined
        : staleDeadlineMs(schedule, referenceMs, periods);
    this.#jobs.set(job, { referenceMs, deadlineMs, nextEvalMs: deadlineMs });
  }

  async #evaluate(job: string, watched: Watched, state: JobAlertState, nowMs: number, onTimer = false): Promise<void> {
    const schedule = this.#scheduleOf(job);
    if (watched.deadlineMs === undefined || !schedule) return;
    watched.nextEvalMs = nowMs + RECHECK_MS;
    // On a timer: a slot due right now is about to run, judge after it had its chance.
    if (onTimer && schedule.next(new Date(nowMs - 1))?.getTime() === nowMs) return;
    const success = (await this.#ctx.store.latestRuns({ statuses: ['succeeded'], jobs: [job] })).get(job);
    if (success && success.scheduledFor.getTime() > watched.referenceMs) {
      this.#watch(job, success.scheduledFor.getTime()); // succeeded on another instance
      return;
    }
    // a job resumed after its last success is due from its resume on (its pause was not silence)
    const [resumed] = (await this.#ctx.store.listAudit({ job, action: 'job.resumed', limit: 1 })).entries;
    if (resumed && resumed.at.getTime() > watched.referenceMs) {
      this.#watch(job, resumed.at.getTime());
      return;
    }
    const row = await this.#ctx.store.getJob(job);
    if (!row || row.paused || COVERING.some((name) => state.incidents[name])) return;
    // an outage of the whole scheduler is one alert, not one per job gone stale during it
    if (this.#outageActive()) return;
    const latest = (await this.#ctx.store.latestRuns({ jobs: [job] })).get(job);
    if (latest && ownedByAnotherRule(latest, this.#ctx.options(job))) return;
    // A run for the deadline slot (or later) is still going: its outcome decides.
    if (latest?.status === 'running' && latest.scheduledFor.getTime() >= watched.deadlineMs) return;
    const decidedSlotMs = latest && latest.status !== 'running' ? latest.scheduledFor.getTime() : undefined;
    if (!isStale(schedule, watched.deadlineMs, nowMs, decidedSlotMs)) return;
    const periods = this.#ctx.options(job).staleAfterPeriods ?? 0;
    const last = success
      ? `last success for slot ${success.scheduledFor.toISOString()}`
      : 'no success since it was registered';
    const latestText = latest ? ` Latest run: ${latest.status}${latest.reason ? ` (${latest.reason})` : ''}.` : '';
    const fields: Record<string, string> = { 'expected within': `${periods} schedule periods` };
    if (latest) fields['latest run'] = `${latest.scheduledFor.toISOString()} ${latest.status}`;
    raise(
      this.#ctx,
      job,
      state,
      'stale',
      {
        kind: 'stale',
        severity: 'critical',
        count: 0,
        runId: latest?.id,
        content: {
          title: `${job} has not succeeded for ${formatDurationMs(nowMs - watched.referenceMs)}`,
          text: `Expected a success within ${periods} schedule periods (${last}).${latestText}`,
          status: 'stale',
          fields,
        },
      },
      nowMs,
    );
  }
}
