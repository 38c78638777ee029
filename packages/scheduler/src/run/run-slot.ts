import type { RunRecord } from '../store/types.js';
import { claimSlot, serialise } from './claim-slot.js';
import type { JobEntry, Runtime, SlotRequest } from './runtime.js';

/**
 * One run's path: overlap policy → claim (through the store, so a slot runs
 * once across instances) → wait for earlier runs (buffer / cancel-other) →
 * dependencies → jitter → concurrency gate → attempts → final record.
 * Resolves with the run's final record (or the record of whoever holds the slot).
 *
 * @internal
 */
export async function runSlot(rt: Runtime, entry: JobEntry, request: SlotRequest): Promise<RunRecord> {
  const claimed = serialise(entry, () => claimSlot(rt, entry, request));
  const held = await claimed;
  return 'record' in held ? held.record : held.done;
}
