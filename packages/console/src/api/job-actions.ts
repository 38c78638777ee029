/**
 * The operator actions, each recorded in the audit log with the signed-in token's name as the
 * actor: the scheduler records its own actions; a retry (a trigger or backfill of a finished
 * run's slot) is recorded here as well, naming the run it retried.
 */
import type { RunRecord } from '@pokemon/scheduler';
import type { ConsoleContext } from '../context.js';
import { ApiError } from './api-error.js';

/** Statuses a run can be retried from. */
const RETRYABLE = new Set(['failed', 'timed_out', 'cancelled', 'abandoned']);

type RunEvent = { job: string; trigger: string; runId: string };

/**
 * Runs `action` in the background and resolves with the id of the first run it claims (or
 * records skipped) that `matches`, without waiting for it to finish; `undefined` when the action
 * ended without one. A failure after that is logged.
 */
function firstRunOf(
  ctx: ConsoleContext,
  matches: (e: RunEvent) => boolean,
  action: () => Promise<RunRecord | RunRecord[]>,
): Promise<string | undefined> {
  const { scheduler } = ctx;
  return new Promise((resolve, reject) => {
    let settled = false;
    const offs = [scheduler.on('run:queued', onRun), scheduler.on('run:skipped', onRun)];
    function onRun(e: RunEvent): void {
      if (matches(e)) settle(() => resolve(e.runId));
    }
    function settle(finish: () => void): void {
      if (settled) return;
      settled = true;
      for (const off of offs) off();
      finish();
    }
    action().then(
      (result) => settle(() => resolve(Array.isArray(result) ? result[0]?.id : result.id)),
      (error: unknown) => {
        if (settled) ctx.logger.error('console action failed after its first run started', { error });
        settle(() => reject(error));
      },
    );
  });
}

/** Starts a manual run (after its upstream chain with `withDependencies`); resolves with the first run's id. */
export async function startTrigger(ctx: ConsoleContext, name: string, withDependencies: boolean, actor: string) {
  const runId = await firstRunOf(
    ctx,
    (e) => (e.job === name && e.trigger === 'manual') || (withDependencies && e.trigger === 'dependency'),
    () => ctx.scheduler.trigger(name, { withDependencies, actor }),
  );
  if (runId === undefined) throw new Error(`trigger(${name}) recorded no run`);
  return runId;
}

/** Pauses a job with an optional note. */
export async function pauseJob(ctx: ConsoleContext, name: string, note: string | undefined, actor: string) {
  await ctx.scheduler.pause(name, note === undefined ? { actor } : { actor, note });
}

/** Resumes a job. */
export async function resumeJob(ctx: ConsoleContext, name: string, actor: string) {
  await ctx.scheduler.resume(name, { actor });
}

/** Sets (or with `null` clears) a job's schedule override, validated in the job's timezone. */
export async function overrideSchedule(ctx: ConsoleContext, name: string, cron: string | null, actor: string) {
  await ctx.scheduler.overrideSchedule(name, cron, { actor });
}

/**
 * Replays a job's slots in `[from, to]` in the background; resolves with the first run's id
 * (`undefined`: no slot in the range).
 */
export function backfillJob(ctx: ConsoleContext, name: string, from: Date, to: Date, actor: string) {
  return firstRunOf(
    ctx,
    (e) => e.job === name && e.trigger === 'backfill',
    () => ctx.scheduler.backfill(name, { from, to, actor }),
  );
}

/**
 * Runs a failed run's slot again: a scheduled, caught-up or backfilled slot is replayed as a
 * backfill of that instant; a manual run is triggered again. Resolves with the new run's id.
 */
export async function retryRun(
  ctx: ConsoleContext,
  runId: string,
  actor: string,
): Promise<{ job: string; runId: string }> {
  const run = await ctx.store.getRun(runId);
  if (!run) throw new ApiError(404, 'UNKNOWN_RUN', `No run with id ${JSON.stringify(runId)}`);
  if (!RETRYABLE.has(run.status)) {
    throw new ApiError(
      409,
      'NOT_RETRYABLE',
      `Run ${runId} is ${run.status}; only a failed, timed-out, cancelled or abandoned run can be retried`,
    );
  }
  let newId: string;
  if (run.trigger === 'manual' || run.trigger === 'dependency') {
    newId = await startTrigger(ctx, run.job, false, actor);
  } else {
    const slot = run.scheduledFor;
    const first = await backfillJob(ctx, run.job, slot, slot, actor);
    if (first === undefined) {
      throw new ApiError(409, 'NOT_RETRYABLE', `${slot.toISOString()} is no longer a slot of ${run.job}'s schedule`);
    }
    newId = first;
  }
  await ctx.store.appendAudit({
    actor,
    action: 'run.retried',
    job: run.job,
    before: { runId, status: run.status },
    after: { runId: newId },
    instanceId: ctx.scheduler.instanceId,
  });
  return { job: run.job, runId: newId };
}
