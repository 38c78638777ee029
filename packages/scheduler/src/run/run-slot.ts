import { StoreError } from '../core/errors.js';
import type { ClaimHolder, RunRecord, Store } from '../store/types.js';
import { claimSlot, serialise } from './claim-slot.js';
import type { JobEntry, Runtime, SlotRequest } from './runtime.js';

/**
 * One run's path: overlap policy → claim (through the store, so a slot runs
 * once across instances) → wait for earlier runs (buffer / cancel-other) →
 * dependencies → jitter → concurrency gate → attempts → final record.
 * Resolves with the run's final record, or with the holder of the slot when
 * another run holds it (read it with {@link recordOf} where the record matters; `undefined` for
 * a slot claimed at its own time, whose holder is not read).
 *
 * @internal
 */
export async function runSlot(
  rt: Runtime,
  entry: JobEntry,
  request: SlotRequest,
): Promise<RunRecord | ClaimHolder | undefined> {
  const claimed = serialise(entry, () => claimSlot(rt, entry, request));
  const held = await claimed;
  if ('record' in held) return held.record;
  if ('heldBy' in held) return held.heldBy;
  return held.done;
}

/** The whole record of a slot's outcome: read from the store when another run held the slot. @internal */
export async function recordOf(store: Store, outcome: RunRecord | ClaimHolder | undefined): Promise<RunRecord> {
  if (outcome === undefined) {
    // Only a `schedule` claim leaves its holder unread, and no caller of recordOf makes one.
    throw new StoreError(
      'claimRun',
      'The slot is held by a run that was not read (a scheduled slot). Read the history.',
    );
  }
  if ('job' in outcome) return outcome;
  const run = await store.getRun(outcome.id);
  if (run) return run;
  throw new StoreError(
    'getRun',
    `Run ${outcome.id}, which held the slot, was pruned before it could be read. Read the history instead.`,
  );
}
