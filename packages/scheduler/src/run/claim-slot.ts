import { randomUUID } from 'node:crypto';
import { overlapDecision } from '../policy/overlap.js';
import type { ClaimHolder, RunRecord } from '../store/types.js';
import { eventBase } from './attempts.js';
import { holdRun } from './hold-run.js';
import { untilSlot } from './pre-claim.js';
import type { JobEntry, Runtime, SlotRequest } from './runtime.js';

/**
 * Decides a slot on this instance: circuit gate, overlap policy, then the claim through the store
 * (so a slot runs once across instances). Serialised per job by {@link serialise}. Gives the
 * record when nothing runs here (skipped), the holder when another run holds the slot (not read
 * for a slot claimed at its own time: see {@link inspectsHolder}), else the run's path to its end.
 *
 * @internal
 */
export async function claimSlot(
  rt: Runtime,
  entry: JobEntry,
  request: SlotRequest,
): Promise<{ record: RunRecord } | { heldBy: ClaimHolder | undefined } | { done: Promise<RunRecord> }> {
  const name = entry.def.name;
  if ((request.trigger === 'schedule' || request.trigger === 'catch-up') && (await rt.circuitGate(name)) === 'open') {
    return notRun(await recordNotRun(rt, entry, request, 'skipped', 'circuit-open'));
  }
  let others = await rt.store.listRunning(name);
  if (others.length > 0 && request.startAtMs !== undefined) {
    // Claimed ahead of the slot while a run is in progress: decide at the slot, as without the lead.
    await untilSlot(rt, request.startAtMs, request.signal);
    others = await rt.store.listRunning(name);
  }
  const decision = overlapDecision(entry.def.overlap, others.length, entry.buffered);
  if (decision === 'skip') return notRun(await recordNotRun(rt, entry, request, 'skipped', 'overlap'));
  const claim = await rt.store.claimRun({
    id: randomUUID(),
    job: name,
    scheduledFor: request.scheduledFor,
    claimKey: request.claimKey,
    trigger: request.trigger,
    instanceId: rt.instanceId,
    leaseMs: rt.leaseMs,
    inspectHolder: inspectsHolder(request.trigger),
  });
  if (claim.claimed && claim.abandoned) rt.emitter.emit('run:abandoned', { run: claim.abandoned });
  if (!claim.claimed) return { heldBy: claim.holder };
  if (decision !== 'run') entry.buffered++;
  return { done: holdRun(rt, entry, request, claim.run, decision) };
}

/** Runs `fn` after the previous decision of this job on this instance, so two due slots never both see "nothing running". @internal */
export function serialise<T>(entry: JobEntry, fn: () => Promise<T>): Promise<T> {
  const next = entry.claimLock.then(fn, fn);
  entry.claimLock = next.catch(() => undefined);
  return next;
}

/**
 * Whether a claim of this trigger reads the slot's holder when it loses (and takes over an expired
 * lease): not for a slot claimed at its own time, where nobody waits on the holder and a lease
 * can only have expired if its holder died, which the reaper handles. The loser of a contended
 * slot then pays what a bare insert does. @internal
 */
export function inspectsHolder(trigger: SlotRequest['trigger']): boolean {
  return trigger !== 'schedule';
}

/** {@link recordNotRun}'s answer as {@link claimSlot} gives it. */
function notRun(
  outcome: RunRecord | ClaimHolder | undefined,
): { record: RunRecord } | { heldBy: ClaimHolder | undefined } {
  return outcome && 'job' in outcome ? { record: outcome } : { heldBy: outcome };
}

/**
 * Records a slot as `skipped` or `missed` (a claim, so it is recorded once across instances).
 * Gives the new record, or the holder when another run already holds the slot (`undefined` when
 * it was not read: see {@link inspectsHolder}).
 */
export async function recordNotRun(
  rt: Runtime,
  entry: JobEntry,
  request: Pick<SlotRequest, 'scheduledFor' | 'trigger' | 'claimKey'>,
  status: 'skipped' | 'missed',
  reason: string,
): Promise<RunRecord | ClaimHolder | undefined> {
  const claim = await rt.store.claimRun({
    id: randomUUID(),
    job: entry.def.name,
    scheduledFor: request.scheduledFor,
    claimKey: request.claimKey,
    trigger: request.trigger,
    instanceId: rt.instanceId,
    leaseMs: rt.leaseMs,
    status,
    reason,
    inspectHolder: inspectsHolder(request.trigger),
  });
  if (!claim.claimed) return claim.holder;
  const run = claim.run;
  if (status === 'skipped') rt.emitter.emit('run:skipped', { ...eventBase(run), run, reason });
  else rt.emitter.emit('run:missed', { ...eventBase(run), run });
  rt.onRunFinished(run);
  return run;
}
