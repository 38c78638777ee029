import { lendClock } from '../core/clock.js';
import { SchedulerEngine } from './engine.js';
import type { Scheduler, SchedulerOptions } from './types.js';
import { resolveOptions } from './validate-options.js';

/**
 * Creates a scheduler for `jobs` (from `defineJob`), persisting state,
 * history and slot claims in `store`. Nothing runs until {@link Scheduler.start}.
 *
 * Validated at once (typed errors, nothing at 3 a.m.): duplicate job names,
 * unknown dependencies ({@link UnknownJobError}), dependency cycles
 * ({@link DependencyCycleError}), an unknown `timezone` ({@link InvalidScheduleError}),
 * and bad `maxConcurrency`, `leaseMs`, `shutdownGraceMs` or `instanceId` ({@link InvalidOptionError}).
 *
 * @remarks
 * - One timer for the whole scheduler, armed for the earliest due slot (each wait capped
 *   at 60 s and re-armed, so waits past setTimeout's 2^31-1 ms limit are safe); the
 *   clock is re-read on every wake: a backward jump never fires a slot twice, a forward
 *   jump's skipped slots go through the job's catch-up policy (`schedule:clock-jumped`,
 *   `schedule:wake-delayed` events).
 * - Pre-claim: the timer wakes 10 ms before an on-time slot to claim it, and the run starts
 *   at the slot itself (never before), so a job starts about as late as a bare setTimeout
 *   aimed at its slot. Only for jobs whose decisions cannot change in those ms (not paused,
 *   no circuit breaker, no `dependsOn`, no jitter); overlap with a run still in progress,
 *   alert scans and maintenance happen at the slot, as without the lead.
 * - One wake with missed slots and an on-time slot (clock jump, suspend): the catch-up
 *   runs go first, the on-time slot after them; a slot the store could not record
 *   (outage) is caught up once the store answers.
 * - Due slots: the newest due slot runs normally when at most 60 s late; older due
 *   slots (an outage, a suspended process, a clock jump) go through the catch-up
 *   policy; at most 100 missed slots per gap are recorded individually (the newest).
 * - Every run is claimed through the store (scheduled and catch-up runs by their slot,
 *   so N instances sharing a store run each slot once); leases are renewed every
 *   `leaseMs / 3`; expired leases of other instances are reaped (at most every second,
 *   on wakes) and their scheduled slots re-run; job state (pause, schedule override)
 *   is re-read every `leaseMs`.
 * - Slots of a paused job are recorded `skipped` with reason `paused`; slots missed while it
 *   was paused are not caught up.
 * - Manual runs (`trigger`) and backfills skip the dependency check (an operator asked
 *   for them); `withDependencies` runs the upstream chain first.
 * - A job new to the store starts from now: there is nothing to catch up.
 * - `stop()` aborts every run's signal, waits for the jobs to return (up to
 *   `shutdownGraceMs`), then records the ones still going `cancelled` (reason `shutdown`).
 * - The started scheduler keeps the process alive (see `keepAlive`).
 *
 * @param options - jobs, store and optional clock, timezone, limits, logger
 * @returns the scheduler (not started)
 *
 * @example
 * ```ts
 * const scheduler = createScheduler({ jobs: [syncSets, syncCards], store: createMemoryStore() });
 * scheduler.on('run:failed', (e) => console.error(e.job, e.error.message));
 * await scheduler.start();
 * ```
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const resolved = resolveOptions(options);
  // One clock: a memory store or notifier created without one follows the scheduler's.
  lendClock(resolved.store, resolved.clock);
  lendClock(resolved.notifier, resolved.clock);
  for (const observer of resolved.observers) lendClock(observer, resolved.clock);
  return new SchedulerEngine(resolved);
}
