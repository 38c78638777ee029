import type { OverlapPolicy } from '../job/types.js';

/**
 * What to do with a slot of a job given its overlap policy:
 * - `run`: start it (nothing else running, or `allow-all`);
 * - `skip`: record it `skipped` (reason `overlap`);
 * - `wait`: claim it and run it once the earlier runs have finished (`buffer-one`, `buffer-all`);
 * - `replace`: claim it, cancel the earlier runs held by this instance (`cancel-other`), run it once they have stopped.
 *
 * @param policy - the job's overlap policy
 * @param othersRunning - runs of the job in progress on any instance (claimed, queued or running)
 * @param bufferedHere - runs of the job this instance already holds waiting for their turn
 * @internal
 */
export function overlapDecision(
  policy: OverlapPolicy,
  othersRunning: number,
  bufferedHere: number,
): 'run' | 'skip' | 'wait' | 'replace' {
  if (othersRunning === 0 || policy === 'allow-all') return 'run';
  switch (policy) {
    case 'skip':
      return 'skip';
    case 'buffer-one':
      return bufferedHere > 0 ? 'skip' : 'wait';
    case 'buffer-all':
      return 'wait';
    case 'cancel-other':
      return 'replace';
  }
}
